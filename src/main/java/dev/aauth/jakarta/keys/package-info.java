/**
 * This origin's signing keys: the {@link dev.aauth.jose.ServerKeySet} that signs the tokens it
 * issues (generated, or kept in a private JWK file under {@code aauth.keys.dir}), and the JWKS
 * endpoint that publishes the public keys.
 */
package dev.aauth.jakarta.keys;
