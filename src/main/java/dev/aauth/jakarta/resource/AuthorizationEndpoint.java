package dev.aauth.jakarta.resource;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.draft.ProfileSignal;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.header.MissionHeader;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jose.Jws;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.StructuredFields;
import dev.aauth.sfv.Token;
import dev.aauth.token.AuthToken;
import dev.aauth.token.MintedToken;
import dev.aauth.token.Mission;
import dev.aauth.token.PersonContext;
import dev.aauth.token.PersonToken;
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
 *
 * <p>Draft-11 (the draft picked per request as at every protected endpoint): "The agent MUST
 * present a person token via the Signature-Key header on requests to the authorization endpoint,
 * and the resource MUST verify it ... A resource that receives a request without one responds per
 * (#requirement-person-token)": {@code 401 requirement=person-token}. A person token that fails
 * verification is {@code 400 invalid_person_token} ("Person token malformed, expired, wrong aud, or
 * signature verification failed"); the signature itself failing stays {@code 401}. The answer is a
 * -11 resource token for the person ({@code ps}, {@code sub}, {@code presented_jti}), "When the
 * person token carries mission_s256, the resource copies it into the resource token". This resource
 * has no account namespace: a request naming an {@code account} is {@code invalid_account}. Errors
 * are problem details.
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
        AAuthProfile profile = AAuthProfile.DRAFT_01;
        Decision decision;
        try {
            HttpRequestMessage message =
                    enforcer.requests()
                            .message("POST", uri.getRequestUri(), headers.getRequestHeaders());
            profile = enforcer.decider().requests().select(message);
            SignedEndpoint signed;
            try {
                signed =
                        SignedEndpoint.verify(
                                message, enforcer.decider().requests().verifier(profile), body);
            } catch (AAuthException e) {
                throw profile.hasPersonTokens() ? asPersonTokenError(e, message) : e;
            }
            verified = signed.verified();
            decision =
                    profile.hasPersonTokens() ? decideDraft11(signed, body) : decide(signed, body);
        } catch (AAuthException e) {
            decision = new Decision.Failed(verified, e, profile);
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

    /** -11: a person token that fails verification here is {@code invalid_person_token}. */
    static AAuthException asPersonTokenError(AAuthException e, HttpRequestMessage message) {
        boolean tokenFailed =
                e.error() == AAuthError.INVALID_JWT || e.error() == AAuthError.EXPIRED_JWT;
        return tokenFailed && presentsPersonToken(message.fields().lines("signature-key"))
                ? e.as(AAuthError.INVALID_PERSON_TOKEN)
                : e;
    }

    /** Whether the first {@code Signature-Key} member is a {@code jwt} of {@code typ} person. */
    static boolean presentsPersonToken(List<String> signatureKey) {
        if (signatureKey == null || signatureKey.isEmpty()) {
            return false;
        }
        try {
            Dictionary d = StructuredFields.parseDictionary(signatureKey);
            for (String label : d.keySet()) {
                if (d.get(label) instanceof Item item
                        && item.value() instanceof Token scheme
                        && scheme.value().equals("jwt")) {
                    String jwt = item.parameters().getString("jwt");
                    return jwt != null
                            && ProfileSignal.PERSON_TYP.equals(Jws.parse(jwt).header().get("typ"));
                }
                return false;
            }
        } catch (AAuthException | IllegalArgumentException e) {
            return false;
        }
        return false;
    }

    private Decision decideDraft11(SignedEndpoint signed, byte[] body) {
        VerifiedRequest verified = signed.verified();
        PersonToken person = verified.personToken();
        if (person == null) {
            return AccessDecider.personTokenRequired(verified);
        }
        enforcer.decider().persons().remember(verified.key().thumbprint(), person);
        ResourceSettings settings = enforcer.settings();
        List<String> scopes = requestedScopes(body, settings);
        if (requestedAccount(body) != null) {
            throw new AAuthException(
                    AAuthError.INVALID_ACCOUNT, "this resource has no accounts to bind to");
        }
        ResourceTokens.Audience audience = enforcer.resourceTokens().audienceFor(person);
        if (audience.isRefused()) {
            return new Decision.Denied(verified, audience.refusal(), audience.detail());
        }
        MintedToken token =
                enforcer.resourceTokens()
                        .mint(audience.value(), PersonContext.of(person), verified, scopes);
        return new Decision.Challenged(verified, token, audience.value(), "authorization_endpoint");
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

    /** The {@code account} member (-11), or null. */
    static String requestedAccount(byte[] body) {
        try {
            Map<String, Object> json = JsonUtil.parseJson(new String(body, StandardCharsets.UTF_8));
            return json != null && json.get("account") instanceof String a ? a : null;
        } catch (JoseException | RuntimeException e) {
            return null;
        }
    }
}
