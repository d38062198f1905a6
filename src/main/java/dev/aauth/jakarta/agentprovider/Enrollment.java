package dev.aauth.jakarta.agentprovider;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.config.AgentProviderSettings;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.token.MintedToken;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Remote enrollment: an agent outside this deployment gets an agent token for its short-lived key
 * by proving a long-lived key the AP was told to trust ({@code aauth.agent-provider.trusted-keys}).
 *
 * <p>The proof is the Signature-Key draft's {@code jkt-jwt} scheme: the long-lived key signs a
 * {@code jkt-s256+jwt} whose {@code cnf.jwk} is the short-lived key, and the short-lived key signs
 * the request ({@code POST /aauth/agent-token}, body {@code {"agent": "<local name>"}}, optionally
 * with {@code "draft": "draft-11"}). The verified request's identity is {@code
 * urn:jkt:sha-256:<thumbprint of the long-lived key>}; the agent token binds the short-lived key
 * (the one that signed the request, so its possession is proven too).
 *
 * <p>Answers: the token; or, when the signature is fine but the long-lived key is not trusted for
 * that agent, a refusal. The Signature-Key draft: "When the server successfully verifies the
 * client's signature and identity but denies access based on policy ..., the server returns 403
 * Forbidden. This is not a signature error ... The response MUST NOT include an Accept-Signature
 * header with sigkey or a Signature-Error header."
 */
public final class Enrollment {

    /** The largest enrollment body read. */
    public static final int MAX_BODY_BYTES = 4096;

    static final String JKT_PREFIX = "urn:jkt:sha-256:";

    /** Either a token or the reason it was refused. */
    public record Outcome(MintedToken token, String refusal) {
        public boolean isRefused() {
            return refusal != null;
        }
    }

    private final AgentTokens tokens;
    private final AgentProviderSettings settings;

    public Enrollment(AgentTokens tokens, AgentProviderSettings settings) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param verified the request, verified with the {@code jkt-jwt} scheme only
     * @param body the request body
     * @throws AAuthException {@code invalid_request} (400) for a body that is not {@code {"agent":
     *     "<local name>"}}
     */
    public Outcome enroll(VerifiedRequest verified, byte[] body) {
        Map<String, Object> json = parse(body);
        String local = agentName(json);
        AAuthProfile draft = draft(json);
        if (tokens.agentId(local) == null) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST,
                    "agent must be an agent local name (a-z 0-9 - _ + .)");
        }
        String identity = verified.identity();
        if (!verified.signer().scheme().equals("jkt-jwt")
                || identity == null
                || !identity.startsWith(JKT_PREFIX)) {
            return new Outcome(
                    null, "enrollment needs a jkt-jwt delegation from a trusted sha-256 key");
        }
        String thumbprint = identity.substring(JKT_PREFIX.length());
        if (!settings.trusts(local, thumbprint)) {
            return new Outcome(null, "this key is not trusted for agent " + local);
        }
        return new Outcome(tokens.issue(local, verified.key(), draft), null);
    }

    /**
     * The draft whose agent token the agent asks for: the optional {@code draft} member ({@code
     * draft-01}, {@code draft-11}), this Agent Provider's preferred draft when absent. Enrollment
     * is this project's own ceremony (-11 leaves acquisition to the platform: "Acquisition is
     * platform-dependent"), so a -11 agent says which token shape it speaks; one this Agent
     * Provider does not issue is {@code invalid_request}.
     */
    private AAuthProfile draft(Map<String, Object> json) {
        Object raw = json.get("draft");
        if (raw == null) {
            return null;
        }
        AAuthProfile p = raw instanceof String id ? AAuthProfile.fromId(id).orElse(null) : null;
        if (p == null || !tokens.issues(p)) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST,
                    "draft must name a draft whose agent tokens this Agent Provider issues");
        }
        return p;
    }

    private static Map<String, Object> parse(byte[] body) {
        if (body == null || body.length > MAX_BODY_BYTES) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST,
                    "body missing or larger than " + MAX_BODY_BYTES + " bytes");
        }
        Map<String, Object> json;
        try {
            json = JsonUtil.parseJson(new String(body, StandardCharsets.UTF_8));
        } catch (JoseException | RuntimeException e) {
            throw new AAuthException(AAuthError.INVALID_REQUEST, "the body must be a JSON object");
        }
        if (json == null) {
            throw new AAuthException(AAuthError.INVALID_REQUEST, "the body must be a JSON object");
        }
        return json;
    }

    private static String agentName(Map<String, Object> json) {
        if (!(json.get("agent") instanceof String agent) || agent.isEmpty()) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST, "agent (REQUIRED) must be a non-empty string");
        }
        return agent;
    }
}
