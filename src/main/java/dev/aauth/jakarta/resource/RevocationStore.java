package dev.aauth.jakarta.resource;

/**
 * Revoked auth tokens ("Token Revocation"), by issuer and {@code jti}: "the jti is unique within
 * the issuer's namespace". Entries need to live only until the token would have expired anyway.
 *
 * <p>A running resource uses {@link DatabaseRevocationStore}, so revoked tokens stay refused across
 * restarts; {@link InMemoryRevocationStore} serves tests.
 */
public interface RevocationStore {

    /** Marks {@code jti} of {@code issuer} revoked until {@code notAfter} (epoch seconds). */
    void revoke(String issuer, String jti, long notAfter);

    /** Whether the token {@code jti} of {@code issuer} was revoked. */
    boolean isRevoked(String issuer, String jti);
}
