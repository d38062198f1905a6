package dev.aauth.personserver;

import java.time.Instant;

/**
 * Agent tokens their agent provider revoked at this Person Server, keyed by {@code (iss, jti)} (-11
 * "Token Revocation": "Agent provider revokes an agent token it issued: On learning that an agent
 * can no longer be trusted, the agent provider calls the PS's revocation endpoint with the agent
 * token's iss and jti. The PS MUST deny subsequent requests presenting that agent token";
 * "Recipients maintaining revocation state MUST key it by (iss, jti)"). The port; the server keeps
 * them in the database.
 */
public interface RevokedAgentTokens {

    /**
     * How long an entry is kept: -11 "Agent tokens SHOULD NOT have a lifetime exceeding 24 hours";
     * after that the token fails verification on its own.
     */
    java.time.Duration RETENTION = java.time.Duration.ofHours(24);

    /** None revoked (a PS without the store, tests). */
    RevokedAgentTokens NONE =
            new RevokedAgentTokens() {
                @Override
                public boolean revoke(String iss, String jti, Instant until) {
                    return false;
                }

                @Override
                public boolean isRevoked(String iss, String jti) {
                    return false;
                }
            };

    /** Records the agent token {@code (iss, jti)} revoked until {@code until}; true if new. */
    boolean revoke(String iss, String jti, Instant until);

    /** Whether the agent token {@code (iss, jti)} was revoked. */
    boolean isRevoked(String iss, String jti);
}
