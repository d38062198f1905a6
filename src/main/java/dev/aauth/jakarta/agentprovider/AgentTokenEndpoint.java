package dev.aauth.jakarta.agentprovider;

import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.jakarta.boundary.AAuthExceptionMapper;
import dev.aauth.jakarta.boundary.JaxRsRequests;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jakarta.store.DatabaseReplayCache;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.sigkey.AcceptSignature;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.token.MintedToken;
import jakarta.annotation.PostConstruct;
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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * {@code POST /aauth/agent-token}: remote enrollment ({@link Enrollment}). Signed with the agent's
 * short-lived key, {@code Signature-Key: sig=jkt-jwt;jwt="..."} delegating from its long-lived key;
 * body {@code {"agent": "<local name>"}}, with {@code "draft": "draft-11"} for a -11 agent token
 * ({@link Enrollment}). Answers
 *
 * <ul>
 *   <li>{@code 200 {"agent_token", "expires_in"}}, {@code Cache-Control: no-store};
 *   <li>{@code 401} with {@code Signature-Error} (and {@code Accept-Signature ... sigkey=jkt}) when
 *       the signature, the jkt-jwt or the scheme fails;
 *   <li>{@code 403 {"error": "untrusted_key"}} without Signature-Error when the signer is
 *       authenticated but its key is not trusted for that agent;
 *   <li>{@code 400 invalid_request} for a malformed body.
 * </ul>
 */
@Path(AgentTokenEndpoint.PATH)
@RequiresRole(Role.AGENT_PROVIDER)
@RequestScoped
public class AgentTokenEndpoint {

    public static final String PATH = "aauth/agent-token";

    @Inject AAuthConfig config;
    @Inject Enrollment enrollment;
    @Inject SignatureKeyResolver keys;
    @Inject Clock clock;
    @Inject DatabaseReplayCache replays;
    @Inject AAuthExceptionMapper errors;

    @Context UriInfo uri;
    @Context HttpHeaders headers;

    private JaxRsRequests requests;
    private AAuthRequestVerifier verifier;
    private AcceptSignature accept;

    @PostConstruct
    void init() {
        requests = new JaxRsRequests(config.issuer(), config.securityMode());
        verifier = AgentProviderProducers.enrollmentVerifier(keys, clock, replays);
        accept =
                new AcceptSignature(
                        AAuthRequestSigner.LABEL,
                        verifier.policy().requiredComponents(),
                        AcceptSignature.SigKey.JKT);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enroll(byte[] body) {
        try {
            HttpRequestMessage message =
                    requests.message("POST", uri.getRequestUri(), headers.getRequestHeaders());
            VerifiedRequest verified = verifier.verify(message);
            verified.verifyContentDigest(message, () -> body);
            Enrollment.Outcome outcome = enrollment.enroll(verified, body);
            if (outcome.isRefused()) {
                return AAuthExceptionMapper.endpointError(403, "untrusted_key", outcome.refusal());
            }
            MintedToken token = outcome.token();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("agent_token", token.compact());
            json.put("expires_in", token.lifetimeSeconds());
            return Response.ok(JsonUtil.toJson(json)).header("Cache-Control", "no-store").build();
        } catch (AAuthException e) {
            return errors.toResponse(e, accept);
        }
    }
}
