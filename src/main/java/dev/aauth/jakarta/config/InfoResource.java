package dev.aauth.jakarta.config;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /aauth/info}: what this origin was configured as (no secrets). */
@Path("aauth/info")
@RequestScoped
public class InfoResource {

    /** The JSON body: {@code {"issuer": ..., "roles": [...], "securityMode": ...}}. */
    public record Info(String issuer, List<String> roles, String securityMode) {}

    @Inject AAuthConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Info info() {
        return new Info(
                config.issuer(),
                config.roles().stream().map(Role::configName).toList(),
                config.securityMode().name());
    }
}
