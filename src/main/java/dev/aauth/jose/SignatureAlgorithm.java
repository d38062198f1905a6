package dev.aauth.jose;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.List;
import java.util.Optional;

/**
 * The signature algorithms AAuth accepts, with their names in HTTP Message Signatures (RFC 9421
 * section 6.2.2) and in JWS (RFC 7518 / RFC 8037).
 *
 * <p>"Agents and resources MUST support EdDSA using Ed25519 ([RFC8032]). Agents and resources
 * SHOULD support ECDSA using P-256 with deterministic signatures ([RFC6979])." (AAuth draft,
 * "Signature Algorithms"). Nothing else maps: {@code none}, {@code HS256}, RSA, P-384 and friends
 * are not AAuth algorithms.
 *
 * <p>The algorithm is derived from the key ({@link #forKey(Jwk)}), never chosen by the request:
 * "The signature algorithm is determined by the key material in Signature-Key, not by the optional
 * {@code alg} parameter in Signature-Input" (Signature-Key draft, "Algorithm Selection").
 */
public enum SignatureAlgorithm {

    /** EdDSA over edwards25519 (RFC 8032, pure Ed25519, no context). */
    ED25519("ed25519", "EdDSA", "OKP", "Ed25519"),

    /** ECDSA over P-256 with SHA-256, signature as IEEE P1363 {@code r || s} (64 bytes). */
    ECDSA_P256_SHA256("ecdsa-p256-sha256", "ES256", "EC", "P-256");

    /** The fully specified JWS name for Ed25519 (draft-ietf-jose-fully-specified-algorithms). */
    public static final String JWS_ED25519_FULLY_SPECIFIED = "Ed25519";

    /**
     * HTTP Message Signatures names, in preference order, as sent in {@code supported_algorithms}.
     */
    public static final List<String> SUPPORTED_HTTP_NAMES = List.of("ed25519", "ecdsa-p256-sha256");

    /** Both algorithms produce 64-byte signatures. */
    public static final int SIGNATURE_LENGTH = 64;

    private final String httpName;
    private final String jwsAlg;
    private final String kty;
    private final String crv;

    SignatureAlgorithm(String httpName, String jwsAlg, String kty, String crv) {
        this.httpName = httpName;
        this.jwsAlg = jwsAlg;
        this.kty = kty;
        this.crv = crv;
    }

    /** The RFC 9421 algorithm name, e.g. {@code ed25519}. */
    public String httpName() {
        return httpName;
    }

    /** The JWS {@code alg} this implementation writes: {@code EdDSA} or {@code ES256}. */
    public String jwsAlg() {
        return jwsAlg;
    }

    /** The JWK {@code kty} of keys for this algorithm. */
    public String kty() {
        return kty;
    }

    /** The JWK {@code crv} of keys for this algorithm. */
    public String crv() {
        return crv;
    }

    /** Whether {@code alg} (a JWS or JWK {@code alg} value) names this algorithm. */
    public boolean acceptsJwsAlg(String alg) {
        return fromJwsAlg(alg).orElse(null) == this;
    }

    /** Exact, case-sensitive RFC 9421 name; empty for anything else. */
    public static Optional<SignatureAlgorithm> fromHttpName(String name) {
        if ("ed25519".equals(name)) {
            return Optional.of(ED25519);
        }
        if ("ecdsa-p256-sha256".equals(name)) {
            return Optional.of(ECDSA_P256_SHA256);
        }
        return Optional.empty();
    }

    /**
     * Exact, case-sensitive JWS {@code alg}: {@code EdDSA} and the fully specified {@code Ed25519}
     * map to {@link #ED25519}, {@code ES256} to {@link #ECDSA_P256_SHA256}. {@code none}, {@code
     * HS256}, {@code RS256} and every other value map to nothing.
     */
    public static Optional<SignatureAlgorithm> fromJwsAlg(String alg) {
        if ("EdDSA".equals(alg) || JWS_ED25519_FULLY_SPECIFIED.equals(alg)) {
            return Optional.of(ED25519);
        }
        if ("ES256".equals(alg)) {
            return Optional.of(ECDSA_P256_SHA256);
        }
        return Optional.empty();
    }

    /**
     * Derives the algorithm from the key type and curve. "For JWK-based schemes ... the algorithm
     * is identified by the key type and curve ({@code kty} + {@code crv}) or by the {@code alg}
     * parameter in the JWK" and verifiers MUST "Reject keys whose type does not match an acceptable
     * algorithm" (Signature-Key draft, "Algorithm Selection").
     *
     * @throws AAuthException {@code unsupported_algorithm} with {@code supported_algorithms} for
     *     RSA, P-384, X25519, Ed448 and every other key; {@code invalid_key} if the key's own
     *     {@code alg} contradicts its type
     */
    public static SignatureAlgorithm forKey(Jwk key) {
        SignatureAlgorithm derived = null;
        for (SignatureAlgorithm a : values()) {
            if (a.kty.equals(key.kty()) && a.crv.equals(key.crv())) {
                derived = a;
                break;
            }
        }
        if (derived == null) {
            throw AAuthException.unsupportedAlgorithm(
                    "key type "
                            + key.kty()
                            + (key.crv() == null ? "" : "/" + key.crv())
                            + " is not an AAuth signature key",
                    SUPPORTED_HTTP_NAMES);
        }
        // Jwk.parse already enforces this; kept so forKey is safe on its own.
        Optional<String> alg = key.alg();
        if (alg.isPresent() && !derived.acceptsJwsAlg(alg.get())) {
            throw new AAuthException(
                    AAuthError.INVALID_KEY, "JWK alg is inconsistent with its kty/crv");
        }
        return derived;
    }
}
