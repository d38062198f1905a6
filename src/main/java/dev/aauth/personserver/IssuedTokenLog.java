package dev.aauth.personserver;

import java.util.List;
import java.util.Optional;

/**
 * The auth tokens this Person Server issued ("jti recorded"), for revocation, audit and call
 * chaining. Thread-safe; {@link StoreIssuedTokenLog} in the server, {@link InMemoryIssuedTokenLog}
 * in unit tests.
 */
public interface IssuedTokenLog {

    /**
     * One issued auth token.
     *
     * @param person the person it was issued for, or null (an agent acting without one)
     * @param subject its pairwise {@code sub}, or null
     */
    record IssuedToken(
            String jti,
            String agent,
            String resource,
            String person,
            String subject,
            List<String> scopes,
            long issuedAt,
            long expiresAt) {
        public IssuedToken {
            scopes = List.copyOf(scopes);
        }
    }

    void record(IssuedToken token);

    Optional<IssuedToken> find(String jti);

    /**
     * Whether the token was revoked ({@link TokenRevocation}, {@link PersonRevocations}); unknown
     * ids are not.
     */
    default boolean isRevoked(String jti) {
        return false;
    }
}
