/**
 * This origin's signing keys: kept in the database and shared by every instance of the issuer, with
 * rotation ({@link dev.aauth.jakarta.keys.StoredKeys}, mirrored into the {@link
 * dev.aauth.jose.ServerKeySet} that signs the tokens it issues; {@code aauth.keys.dir} imports a
 * first key), and the JWKS endpoint that publishes the public keys.
 */
package dev.aauth.jakarta.keys;
