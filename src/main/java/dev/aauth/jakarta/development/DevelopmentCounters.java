package dev.aauth.jakarta.development;

import dev.aauth.id.SecurityMode;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jose.VerificationKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * {@code GET /aauth/development/counters}: how many signatures this application has verified
 * ({@code {"signature_verifications": n}}), so that issue 12's scenario 6 can count, over HTTP,
 * that junk is refused before any signature verification.
 *
 * <p>Served only when {@code aauth.security-mode=DEVELOPMENT}; in {@code STRICT} (the default) the
 * answer is {@code 404}, exactly as for a path that does not exist, so it cannot be switched on in
 * production by anything but the setting that already marks a server as not for production (which
 * also allows plain HTTP and loopback issuers). The count is per application (class loader): ask
 * the origin whose verifications are to be counted.
 */
@Path("/aauth/development/counters")
@ApplicationScoped
public class DevelopmentCounters {

    @Inject AAuthConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response counters() {
        if (config.securityMode() != SecurityMode.DEVELOPMENT) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        return Response.ok(
                        JsonUtil.toJson(
                                Map.of(
                                        "signature_verifications",
                                        VerificationKey.verificationCount())))
                .header("Cache-Control", "no-store")
                .build();
    }
}
