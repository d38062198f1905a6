package dev.aauth.jakarta.resource;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.header.MissionHeader;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.token.AuthToken;
import dev.aauth.token.MintedToken;
import dev.aauth.token.Mission;
import dev.aauth.token.Scopes;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * {@code POST /aauth/authorize} ("Authorization Endpoint Request"): "The agent sends a signed POST
 * to the authorization endpoint. The resource reads the agent token from the Signature-Key header
 * and determines how to respond". Body {@code {"scope": "data.read data.write"}} ("scope
 * (REQUIRED): A space-separated string of scope values the agent is requesting").
 *
 * <p>Responses ("Response with Resource Token", "Authorization Endpoint Error Responses"):
 *
 * <ul>
 *   <li>{@code 200 {"resource_token": "..."}}, {@code aud} chosen as for a challenge ({@link
 *       ResourceTokens#audienceFor}), with the requested scopes and the signed {@code
 *       AAuth-Mission}: "When the AAuth-Mission header is present, the resource includes the
 *       mission object (approver and s256) in the resource token";
 *   <li>{@code 400 invalid_request}: "Missing or invalid parameters" (not a JSON object, no {@code
 *       scope} string);
 *   <li>{@code 400 invalid_scope}: "Requested scope not recognized by the resource" (unknown here,
 *       or not a scope token at all);
 *   <li>{@code 401} with {@code Signature-Error}: the signature or key failed;
 *   <li>{@code 403}: no Person Server or access server to address the token to, or an untrusted
 *       one.
 * </ul>
 *
 * The endpoint needs an agent identifier for the token's {@code agent} claim: the {@code jwt}
 * scheme with an agent token (or an auth token of this resource).
 */
@Path(AuthorizationEndpoint.PATH)
@RequiresRole(Role.RESOURCE)
@RequestScoped
public class AuthorizationEndpoint {

    public static final String PATH = "aauth/authorize";

    @Inject AAuthEnforcer enforcer;
    @Inject AAuthConfig config;

    @Context UriInfo uri;
    @Context HttpHeaders headers;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response authorize(byte[] body) {
        long start = System.nanoTime();
        VerifiedRequest verified = null;
        Decision decision;
        try {
            SignedEndpoint signed =
                    SignedEndpoint.verify(
                            enforcer.requests(), enforcer.verifier(), uri, headers, body);
            verified = signed.verified();
            decision = decide(signed, body);
        } catch (AAuthException e) {
            decision = new Decision.Failed(verified, e);
        }
        enforcer.log().log("POST", "/" + PATH, decision, System.nanoTime() - start);
        if (decision instanceof Decision.Challenged c) {
            return Response.ok(
                            JsonUtil.toJson(Map.of("resource_token", c.resourceToken().compact())))
                    .header("Cache-Control", "no-store")
                    .build();
        }
        return enforcer.response(decision);
    }

    private Decision decide(SignedEndpoint signed, byte[] body) {
        VerifiedRequest verified = signed.verified();
        if (verified.agentToken() == null && verified.authToken() == null) {
            throw new AAuthException(
                    AAuthError.INVALID_KEY,
                    "the authorization endpoint needs an agent token (jwt scheme) to name the agent");
        }
        ResourceSettings settings = enforcer.settings();
        AuthToken auth = verified.authToken();
        if (auth != null && !settings.trusts(auth.issuer())) {
            return new Decision.Denied(
                    verified,
                    "untrusted_issuer",
                    "auth tokens of this issuer are not accepted here");
        }
        Mission mission =
                MissionHeader.signedMission(signed.message(), verified, config.securityMode());
        List<String> scopes = requestedScopes(body, settings);
        ResourceTokens.Audience audience = enforcer.resourceTokens().audienceFor(verified.token());
        if (audience.isRefused()) {
            return new Decision.Denied(verified, audience.refusal(), audience.detail());
        }
        MintedToken token =
                enforcer.resourceTokens().mint(audience.value(), verified, scopes, mission);
        return new Decision.Challenged(verified, token, audience.value(), "authorization_endpoint");
    }

    /** The {@code scope} member: present, a non-empty string of scope tokens, each known here. */
    static List<String> requestedScopes(byte[] body, ResourceSettings settings) {
        Map<String, Object> json;
        try {
            json = JsonUtil.parseJson(new String(body, StandardCharsets.UTF_8));
        } catch (JoseException | RuntimeException e) {
            throw new AAuthException(AAuthError.INVALID_REQUEST, "the body must be a JSON object");
        }
        if (json == null || !(json.get("scope") instanceof String scope) || scope.isBlank()) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST, "scope (REQUIRED) must be a non-empty string");
        }
        List<String> scopes = Scopes.parse(scope); // a malformed scope token is invalid_scope
        for (String s : scopes) {
            if (!settings.isKnownScope(s)) {
                throw new AAuthException(
                        AAuthError.INVALID_SCOPE,
                        "scope " + s + " is not recognized by this resource");
            }
        }
        return scopes;
    }
}
