package dev.aauth.agent;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.draft.ProfileSignal;
import dev.aauth.jose.Jws;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureKey;
import java.util.Objects;

/**
 * What an agent signs with: its short-lived key and the agent token binding that key to its
 * identifier ("The agent token binds the agent's signing key to its identity"), and the draft the
 * agent speaks.
 *
 * <p>The draft: given explicitly, or read from the agent token's shape ({@link #detect}): an agent
 * token signed with the fully specified JWS {@code alg} {@code Ed25519} whose {@code cnf.jwk}
 * carries {@code alg} is draft-11 (-11 "A fully-specified identifier is REQUIRED", "The JWK MUST
 * carry a fully-specified alg member"); {@code EdDSA}, or a {@code cnf.jwk} without {@code alg}, is
 * draft-01; a token valid under both (ES256) is draft-01 unless the agent is told otherwise. The
 * Agent Provider thereby decides what its agents speak, and draft-01 agents stay exactly as they
 * were.
 *
 * @param key the short-lived private key ({@code cnf.jwk} of the agent token)
 * @param agentToken the {@code aa-agent+jwt}, compact
 * @param agent the agent identifier ({@code sub} of the agent token)
 * @param personServer the agent token's {@code ps}: where this agent exchanges resource tokens
 * @param expiresAt the agent token's {@code exp}, epoch seconds
 * @param profile the draft this agent speaks with resources and its Person Server
 */
public record AgentCredentials(
        SigningKey key,
        String agentToken,
        String agent,
        String personServer,
        long expiresAt,
        AAuthProfile profile) {

    public AgentCredentials {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(agentToken, "agentToken");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(profile, "profile");
    }

    /** Credentials whose draft is read from the agent token's shape ({@link #detect}). */
    public AgentCredentials(
            SigningKey key, String agentToken, String agent, String personServer, long expiresAt) {
        this(key, agentToken, agent, personServer, expiresAt, detect(agentToken));
    }

    /**
     * The draft an agent token is shaped for: {@link ProfileSignal} row 5 (JWS {@code alg} and
     * {@code cnf.jwk.alg}); draft-01 when the token carries no signal or cannot be read.
     */
    public static AAuthProfile detect(String agentToken) {
        try {
            return ProfileSignal.of(Jws.parse(agentToken))
                    .map(ProfileSignal::profile)
                    .orElse(AAuthProfile.DRAFT_01);
        } catch (RuntimeException e) { // AAuthException included: an unreadable token
            return AAuthProfile.DRAFT_01;
        }
    }

    /** These credentials speaking {@code draft} (an explicit choice over the detected one). */
    public AgentCredentials withProfile(AAuthProfile draft) {
        return new AgentCredentials(key, agentToken, agent, personServer, expiresAt, draft);
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
