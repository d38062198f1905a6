/**
 * Keys and compact JWS for AAuth: public JWKs ({@link dev.aauth.jose.Jwk}, RFC 7517/8037) with RFC
 * 7638 thumbprints, the two AAuth signature algorithms ({@link dev.aauth.jose.SignatureAlgorithm}:
 * Ed25519 and ECDSA P-256/SHA-256), verification and signing keys on the BouncyCastle lightweight
 * API, strict compact JWS ({@link dev.aauth.jose.Jws}), JWK sets and a server's rotating signing
 * keys.
 *
 * <p>The algorithm is always derived from the key, never from the message: "The signature algorithm
 * is determined by the key material in Signature-Key, not by the optional {@code alg} parameter in
 * Signature-Input" (Signature-Key draft, "Algorithm Selection"). Every failure on input from the
 * wire is an {@link dev.aauth.error.AAuthException}; a signature that does not verify is just
 * {@code false}.
 *
 * <p>Plain Java + BouncyCastle, the project's own strict JSON reader ({@link
 * dev.aauth.jose.JsonReader}) and jose4j's JSON writer only: no Jakarta or MicroProfile API here.
 */
package dev.aauth.jose;
