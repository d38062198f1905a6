package dev.aauth.token;

/**
 * A token this server just signed, with what the issuer records about it.
 *
 * @param compact the JWS compact serialization
 * @param jti its unique identifier
 * @param issuedAt {@code iat}, epoch seconds
 * @param expiresAt {@code exp}, epoch seconds
 */
public record MintedToken(String compact, String jti, long issuedAt, long expiresAt) {

    /** Seconds of life left at issuance, for {@code expires_in}. */
    public long lifetimeSeconds() {
        return expiresAt - issuedAt;
    }
}
