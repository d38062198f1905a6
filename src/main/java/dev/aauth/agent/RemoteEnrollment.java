package dev.aauth.agent;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.AgentToken;
import dev.aauth.token.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jose4j.json.JsonUtil;

/**
 * Remote enrollment at an Agent Provider, the agent's side: a fresh short-lived Ed25519 key, a
 * {@code jkt-jwt} delegation to it from the agent's long-lived key, and {@code POST {agent
 * provider}/aauth/agent-token {"agent": local}} signed by the short-lived key. The agent token
 * received is verified ("Agent Token Verification", against the AP's published keys) and must bind
 * the short-lived key ({@code cnf.jwk}).
 *
 * <p>A draft-11 agent asks for a -11 agent token by adding {@code "draft": "draft-11"} to the
 * enrollment body ({@link #enroll(String, String, SigningKey, SigningKey, AAuthProfile)}); the
 * token received must then be -11-shaped (JWS {@code alg} {@code Ed25519}, {@code cnf.jwk.alg}): an
 * Agent Provider that ignores the member is refused, not silently spoken to in -01.
 */
public final class RemoteEnrollment {

    /** Lifetime of the {@code jkt-s256+jwt} delegation: just long enough for the one request. */
    public static final long DELEGATION_SECONDS = 300;

    private final AgentHttp http;
    private final TokenVerifier verifier;
    private final Clock clock;

    public RemoteEnrollment(AgentHttp http, TokenVerifier verifier, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Enrolls a fresh short-lived Ed25519 key. */
    public AgentCredentials enroll(String agentProvider, String local, SigningKey longLived) {
        return enroll(
                agentProvider,
                local,
                longLived,
                SigningKey.generate(SignatureAlgorithm.ED25519, null));
    }

    /**
     * Enrolls {@code shortLived} (a new agent token for a key the agent keeps, e.g. across a
     * restart).
     */
    public AgentCredentials enroll(
            String agentProvider, String local, SigningKey longLived, SigningKey shortLived) {
        return enroll(agentProvider, local, longLived, shortLived, null);
    }

    /** Enrolls a fresh short-lived Ed25519 key for an agent speaking {@code draft}. */
    public AgentCredentials enroll(
            String agentProvider, String local, SigningKey longLived, AAuthProfile draft) {
        return enroll(
                agentProvider,
                local,
                longLived,
                SigningKey.generate(SignatureAlgorithm.ED25519, null),
                draft);
    }

    /**
     * Enrolls {@code shortLived} for an agent speaking {@code draft}: {@code null} sends the
     * draft-01 body {@code {"agent"}} and takes the draft the token is shaped for; {@code DRAFT_11}
     * sends {@code {"agent", "draft": "draft-11"}} and requires a -11 agent token.
     */
    public AgentCredentials enroll(
            String agentProvider,
            String local,
            SigningKey longLived,
            SigningKey shortLived,
            AAuthProfile draft) {
        String url = agentProvider + "/aauth/agent-token";
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("agent", local);
        if (draft == AAuthProfile.DRAFT_11) {
            request.put("draft", draft.id());
        }
        byte[] body = JsonUtil.toJson(request).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        RequestSigning.sign(
                new dev.aauth.profile.AAuthRequestSigner(shortLived, clock),
                new SignatureKey.JktJwt(
                        Delegation.jktJwt(longLived, shortLived, clock, DELEGATION_SECONDS)),
                "POST",
                url,
                headers,
                body,
                List.of());
        AgentHttp.Response r = http.send(new AgentHttp.Request("POST", url, headers, body));
        if (r.status() != 200
                || !(DeferredPoller.json(r.body()).get("agent_token") instanceof String token)) {
            throw new AAuthException(
                    AAuthError.INVALID_AGENT_TOKEN,
                    "enrollment of "
                            + local
                            + " at "
                            + agentProvider
                            + " answered "
                            + r.status()
                            + " "
                            + r.body());
        }
        AgentToken t = verifier.verifyAgentToken(token);
        if (!t.issuer().equals(agentProvider)
                || !t.cnf().thumbprint().equals(shortLived.publicJwk().thumbprint())) {
            throw new AAuthException(
                    AAuthError.INVALID_AGENT_TOKEN,
                    "the agent token is not the Agent Provider's for our key");
        }
        AgentCredentials credentials =
                new AgentCredentials(shortLived, token, t.agent(), t.ps(), t.expiresAt());
        if (draft == null) {
            return credentials;
        }
        if (draft == AAuthProfile.DRAFT_11 && credentials.profile() != AAuthProfile.DRAFT_11) {
            throw new AAuthException(
                    AAuthError.INVALID_AGENT_TOKEN,
                    "asked "
                            + agentProvider
                            + " for a draft-11 agent token (\"draft\": \"draft-11\") and got one"
                            + " of draft-01's shape (JWS alg EdDSA or cnf.jwk without alg)");
        }
        return credentials.withProfile(draft);
    }
}
