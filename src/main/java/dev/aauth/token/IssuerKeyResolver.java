package dev.aauth.token;

import dev.aauth.jose.Jwk;

/**
 * Finds the public key an issuer signed a token with: "Discover the issuer's JWKS via
 * {iss}/.well-known/{dwk} ... Locate the key matching the JWT header kid".
 *
 * <p>Implementations throw {@link dev.aauth.error.AAuthException} ({@code unknown_key} when the
 * issuer publishes no such key, {@code invalid_jwt} when discovery fails); the verifier re-reports
 * the failure under the token type's code.
 */
@FunctionalInterface
public interface IssuerKeyResolver {

    Jwk resolve(String issuer, String dwk, String kid);
}
