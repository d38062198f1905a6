package dev.aauth.agent;

import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureKey;
import java.util.Objects;

/**
 * What an agent signs with: its short-lived key and the agent token binding that key to its
 * identifier ("The agent token binds the agent's signing key to its identity").
 *
 * @param key the short-lived private key ({@code cnf.jwk} of the agent token)
 * @param agentToken the {@code aa-agent+jwt}, compact
 * @param agent the agent identifier ({@code sub} of the agent token)
 * @param personServer the agent token's {@code ps}: where this agent exchanges resource tokens
 * @param expiresAt the agent token's {@code exp}, epoch seconds
 */
public record AgentCredentials(
        SigningKey key, String agentToken, String agent, String personServer, long expiresAt) {

    public AgentCredentials {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(agentToken, "agentToken");
        Objects.requireNonNull(agent, "agent");
    }

    /** RFC 7638 thumbprint of the signing key: the {@code agent_jkt} resource tokens must carry. */
    public String jkt() {
        return key.publicJwk().thumbprint();
    }

    /** The agent token in {@code Signature-Key} ({@code jwt} scheme). */
    public SignatureKey signatureKey() {
        return new SignatureKey.Jwt(agentToken);
    }
}
