package dev.aauth.jakarta.gateway;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.http.CanonicalPath;
import dev.aauth.httpsig.FieldLookup;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.jakarta.boundary.AAuthExceptionMapper;
import dev.aauth.jakarta.boundary.JaxRsRequests;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jakarta.resource.AAuthCaller;
import dev.aauth.jakarta.resource.AAuthEnforcer;
import dev.aauth.jakarta.resource.Decision;
import dev.aauth.jakarta.resource.HostGuard;
import dev.aauth.jakarta.resource.HostGuards;
import dev.aauth.jakarta.resource.ProtectedHost;
import dev.aauth.jakarta.resource.Protection;
import dev.aauth.jakarta.resource.ResourceMetadataEndpoint;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jose4j.json.JsonUtil;

/**
 * The check endpoint a gateway asks about every request ({@link GatewayContracts}):
 *
 * <ul>
 *   <li>{@code /aauth/gateway/check}: nginx {@code auth_request} (recognised by {@code
 *       X-Original-URI}) and forward-auth (by {@code X-Forwarded-Uri}), any method;
 *   <li>{@code /aauth/gateway/envoy/...}: Envoy {@code ext_authz} with {@code path_prefix:
 *       /aauth/gateway/envoy}, any method, the body when forwarded;
 *   <li>{@code GET /aauth/gateway/metadata}: the resource metadata of the host named by {@code
 *       X-Forwarded-Host} (else {@code Host}), where the gateway routes the host's {@code
 *       /.well-known/aauth-resource.json}.
 * </ul>
 *
 * Allowed: {@code 200} with {@value #AGENT}, {@value #SUBJECT}, {@value #SCOPE} and {@value #LEVEL}
 * for the upstream (none on a path no rule protects). Denied: the status, headers ({@code
 * AAuth-Requirement}, {@code Signature-Error}, {@code Accept-Signature}) and body the client must
 * see, exactly as the in-process filter answers. A caller that is not the configured gateway
 * ({@link GatewayTrust}) gets {@code 403}, whatever it asks.
 */
@Path("aauth/gateway")
@RequiresRole(Role.RESOURCE)
@RequestScoped
public class GatewayCheckEndpoint {

    public static final String AGENT = "X-AAuth-Agent";
    public static final String SUBJECT = "X-AAuth-Subject";
    public static final String SCOPE = "X-AAuth-Scope";
    public static final String LEVEL = "X-AAuth-Level";

    /**
     * Draft-11 only: the Person Server in whose namespace {@value #SUBJECT} is ({@link
     * AAuthCaller#person()}); the person is the pair.
     */
    public static final String PERSON_SERVER = "X-AAuth-Person-Server";

    /** Envoy's {@code path_prefix}, below the application root. */
    public static final String ENVOY_PREFIX = "/aauth/gateway/envoy";

    @Inject HostGuards guards;
    @Inject AAuthEnforcer enforcer;
    @Inject GatewaySettings settings;
    @Inject AAuthExceptionMapper errors;
    @Context HttpServletRequest servlet;
    @Context HttpHeaders headers;
    @Context UriInfo uri;

    // ------------------------------------------------ nginx auth_request and forward-auth

    @GET
    @Path("check")
    public Response checkGet() {
        return check();
    }

    @HEAD
    @Path("check")
    public Response checkHead() {
        return check();
    }

    @POST
    @Path("check")
    public Response checkPost() {
        return check();
    }

    @PUT
    @Path("check")
    public Response checkPut() {
        return check();
    }

    @DELETE
    @Path("check")
    public Response checkDelete() {
        return check();
    }

    @PATCH
    @Path("check")
    public Response checkPatch() {
        return check();
    }

    @OPTIONS
    @Path("check")
    public Response checkOptions() {
        return check();
    }

    private Response check() {
        FieldLookup fields = fields();
        return decide(
                () -> {
                    if (GatewayContracts.first(fields, GatewayContracts.X_ORIGINAL_URI) != null) {
                        return GatewayContracts.nginx(fields);
                    }
                    if (GatewayContracts.first(fields, GatewayContracts.X_FORWARDED_URI) != null) {
                        return GatewayContracts.forwardAuth(fields);
                    }
                    throw new AAuthException(
                            AAuthError.INVALID_REQUEST,
                            "gateway check request without X-Original-URI or X-Forwarded-Uri");
                });
    }

    // ------------------------------------------------ Envoy ext_authz

    @GET
    @Path("envoy{rest: .*}")
    public Response envoyGet() {
        return envoy(null);
    }

    @HEAD
    @Path("envoy{rest: .*}")
    public Response envoyHead() {
        return envoy(null);
    }

    @OPTIONS
    @Path("envoy{rest: .*}")
    public Response envoyOptions() {
        return envoy(null);
    }

    @DELETE
    @Path("envoy{rest: .*}")
    public Response envoyDelete(InputStream body) {
        return envoy(body);
    }

    @POST
    @Path("envoy{rest: .*}")
    public Response envoyPost(InputStream body) {
        return envoy(body);
    }

    @PUT
    @Path("envoy{rest: .*}")
    public Response envoyPut(InputStream body) {
        return envoy(body);
    }

    @PATCH
    @Path("envoy{rest: .*}")
    public Response envoyPatch(InputStream body) {
        return envoy(body);
    }

    private Response envoy(InputStream in) {
        FieldLookup fields = fields();
        return decide(
                () -> {
                    String base = uri.getBaseUri().getRawPath();
                    String prefix =
                            (base == null || base.equals("/") ? "" : stripSlash(base))
                                    + ENVOY_PREFIX;
                    String raw = uri.getRequestUri().getRawPath();
                    if (raw == null || !raw.startsWith(prefix)) {
                        throw new AAuthException(
                                AAuthError.INVALID_REQUEST, "not below " + ENVOY_PREFIX);
                    }
                    String query = uri.getRequestUri().getRawQuery();
                    String target =
                            raw.substring(prefix.length()) + (query == null ? "" : "?" + query);
                    byte[] body = in == null ? null : JaxRsRequests.readBody(in);
                    return GatewayContracts.envoy(servlet.getMethod(), target, fields, body);
                });
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    // ------------------------------------------------ metadata per host

    @GET
    @Path("metadata")
    public Response metadata() {
        FieldLookup fields = fields();
        String host;
        String scheme;
        try {
            host = GatewayContracts.first(fields, GatewayContracts.X_FORWARDED_HOST);
            if (host == null) {
                host = headers.getHeaderString("Host");
            }
            scheme = GatewayContracts.first(fields, GatewayContracts.X_FORWARDED_PROTO);
        } catch (AAuthException e) {
            return errors.toResponse(e);
        }
        Optional<HostGuard> guard = guards.of(scheme, host);
        if (guard.isEmpty()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        ProtectedHost h = guard.get().host();
        Map<String, Object> doc =
                ResourceMetadataEndpoint.document(
                        h.identifier(), h.settings(), enforcer.drafts().served());
        if (!h.isOrigin()) {
            // these endpoints answer for this origin's identifier only
            doc.remove("authorization_endpoint");
            doc.remove("revocation_endpoint");
        }
        return Response.ok(JsonUtil.toJson(doc), MediaType.APPLICATION_JSON)
                .header("Cache-Control", "public, max-age=300")
                .build();
    }

    // ------------------------------------------------ the decision

    private FieldLookup fields() {
        return headers.getRequestHeaders()::get;
    }

    private Response decide(Supplier<GatewayRequest> parse) {
        long start = System.nanoTime();
        if (!settings.trust()
                .trusts(
                        servlet.getRemoteAddr(),
                        headers.getHeaderString(GatewayTrust.SECRET_HEADER))) {
            return AAuthEnforcer.forbidden(
                    "gateway_not_trusted",
                    "only the configured gateway may ask (aauth.gateway.trusted-addresses,"
                            + " aauth.gateway.secret)");
        }
        GatewayRequest r;
        try {
            r = parse.get();
        } catch (AAuthException e) {
            return errors.toResponse(e);
        }
        Optional<HostGuard> found = guards.of(r.scheme(), r.host());
        if (found.isEmpty()) {
            return AAuthEnforcer.forbidden(
                    "unknown_host", "no protected host is configured for this host");
        }
        HostGuard guard = found.get();
        String mode = "gateway:" + r.contract().logName();
        CanonicalPath path;
        try {
            path = CanonicalPath.parse(r.rawPath());
        } catch (AAuthException e) {
            guard.log().log(r.method(), r.rawPath(), new Decision.Failed(null, e), mode, 0);
            return errors.toResponse(e);
        }
        Protection protection = guard.protection(r.method(), path);
        if (protection == null) {
            // no rule protects it: let it through, and say nothing about a caller
            return Response.ok().header("Cache-Control", "no-store").build();
        }
        HttpRequestMessage message =
                guard.message(r.method(), r.rawPath(), r.rawQuery(), r.fields());
        Decision decision = guard.decide(message, protection, () -> body(r));
        guard.log().log(r.method(), r.rawPath(), decision, mode, System.nanoTime() - start);
        if (decision instanceof Decision.Allowed allowed) {
            return allow(allowed);
        }
        return enforcer.response(decision);
    }

    private static byte[] body(GatewayRequest r) {
        if (r.body() != null) {
            return r.body();
        }
        throw new AAuthException(
                AAuthError.INVALID_REQUEST,
                "the gateway does not forward request bodies ("
                        + r.contract().logName()
                        + "): a signed Content-Digest cannot be checked here");
    }

    /**
     * {@code 200} with the caller for the upstream ({@link AAuthCaller}, as an in-process endpoint
     * sees it): under draft-11 the agent is the key's {@code urn:jkt:sha-256:} URI when a person or
     * auth token was presented, and the person is {@value #PERSON_SERVER} and {@value #SUBJECT}.
     */
    static Response allow(Decision.Allowed allowed) {
        Response.ResponseBuilder b = Response.ok().header("Cache-Control", "no-store");
        AAuthCaller caller = AAuthCaller.of(allowed);
        header(b, AGENT, caller.agent());
        header(b, LEVEL, allowed.callerLevel().logName());
        header(b, SUBJECT, caller.subject().orElse(null));
        header(b, SCOPE, String.join(" ", caller.scopes()));
        if (caller.profile() == AAuthProfile.DRAFT_11) {
            caller.person().ifPresent(p -> header(b, PERSON_SERVER, p.issuer()));
        }
        return b.build();
    }

    /** Sets a header only when its value is printable ASCII (never a line break). */
    private static void header(Response.ResponseBuilder b, String name, String value) {
        if (value != null
                && !value.isEmpty()
                && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            b.header(name, value);
        }
    }
}
