package dev.aauth.jose;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.util.BigIntegers;

/**
 * A private signing key with its public {@link Jwk} and optional {@code kid}.
 *
 * <p>Both algorithms sign deterministically: Ed25519 by construction (RFC 8032), ECDSA with the RFC
 * 6979 nonce ("Agents and resources SHOULD support ECDSA using P-256 with deterministic signatures
 * ([RFC6979])", AAuth draft). ECDSA output is IEEE P1363 {@code r || s}, 64 bytes, as both JWS
 * ES256 and RFC 9421 {@code ecdsa-p256-sha256} require.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows private material.
 */
public final class SigningKey {

    private static final BigInteger P256_N = NamedCurve.P_256.domain.getN();

    private final SignatureAlgorithm algorithm;

    /** Ed25519: the 32-byte seed. */
    private final Ed25519PrivateKeyParameters ed25519;

    /** P-256: the private scalar. */
    private final ECPrivateKeyParameters ec;

    private final Jwk publicJwk;
    private final String kid;

    private SigningKey(
            SignatureAlgorithm algorithm,
            Ed25519PrivateKeyParameters ed25519,
            ECPrivateKeyParameters ec,
            Jwk publicJwk,
            String kid) {
        this.algorithm = algorithm;
        this.ed25519 = ed25519;
        this.ec = ec;
        this.publicJwk = publicJwk;
        this.kid = kid;
    }

    /** A fresh key from a new {@link SecureRandom}; {@code kid} may be null (e.g. for hwk keys). */
    public static SigningKey generate(SignatureAlgorithm algorithm, String kid) {
        return generate(algorithm, kid, new SecureRandom());
    }

    /** A fresh key from {@code random}. */
    public static SigningKey generate(
            SignatureAlgorithm algorithm, String kid, SecureRandom random) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(random, "random");
        if (algorithm == SignatureAlgorithm.ED25519) {
            return ed25519(new Ed25519PrivateKeyParameters(random), kid);
        }
        BigInteger d;
        do {
            d = BigIntegers.createRandomBigInteger(256, random);
        } while (d.signum() == 0 || d.compareTo(P256_N) >= 0);
        return p256(d, kid);
    }

    private static SigningKey ed25519(Ed25519PrivateKeyParameters priv, String kid) {
        Jwk pub = Jwk.ed25519(priv.generatePublicKey().getEncoded());
        pub = withMetadata(pub, SignatureAlgorithm.ED25519, kid);
        return new SigningKey(SignatureAlgorithm.ED25519, priv, null, pub, kid);
    }

    private static SigningKey p256(BigInteger d, String kid) {
        ECPoint q =
                new FixedPointCombMultiplier()
                        .multiply(NamedCurve.P_256.domain.getG(), d)
                        .normalize();
        Jwk pub =
                Jwk.p256(
                        BigIntegers.asUnsignedByteArray(32, q.getAffineXCoord().toBigInteger()),
                        BigIntegers.asUnsignedByteArray(32, q.getAffineYCoord().toBigInteger()));
        pub = withMetadata(pub, SignatureAlgorithm.ECDSA_P256_SHA256, kid);
        return new SigningKey(
                SignatureAlgorithm.ECDSA_P256_SHA256,
                null,
                new ECPrivateKeyParameters(d, NamedCurve.P_256.domain),
                pub,
                kid);
    }

    /** The published form: the key with its JWS {@code alg} and, when given, its {@code kid}. */
    private static Jwk withMetadata(Jwk pub, SignatureAlgorithm algorithm, String kid) {
        return pub.withAlg(algorithm.jwsAlg()).withKid(kid);
    }

    /**
     * Loads a persisted private JWK (OKP/Ed25519 or EC/P-256 with {@code d}). The public members
     * are validated as in {@link Jwk#parse} and must match the key derived from {@code d}.
     *
     * @throws AAuthException {@code invalid_key} for a malformed or inconsistent key; {@code
     *     unsupported_algorithm} for other key types
     */
    public static SigningKey fromJwk(Map<String, ?> privateJwk) {
        if (privateJwk == null) {
            throw invalid("private JWK is missing");
        }
        Object dv = privateJwk.get("d");
        if (!(dv instanceof String)) {
            throw invalid("private JWK member 'd' is missing or not a string");
        }
        Map<String, Object> publicPart = new LinkedHashMap<>(privateJwk);
        publicPart.remove("d");
        Jwk declared = Jwk.parse(publicPart);
        SignatureAlgorithm algorithm = declared.algorithm();
        byte[] d = Base64Url.decode((String) dv, AAuthError.INVALID_KEY, "JWK d");
        if (d.length != 32) {
            throw invalid("private JWK d must be 32 bytes");
        }
        String kid = declared.kid().orElse(null);
        SigningKey key;
        if (algorithm == SignatureAlgorithm.ED25519) {
            key = ed25519(new Ed25519PrivateKeyParameters(d, 0), kid);
        } else {
            BigInteger scalar = new BigInteger(1, d);
            if (scalar.signum() == 0 || scalar.compareTo(P256_N) >= 0) {
                throw invalid("private JWK d is out of range");
            }
            key = p256(scalar, kid);
        }
        if (!key.publicJwk.sameKeyAs(declared)) {
            throw invalid("private JWK d does not match its public members");
        }
        return key;
    }

    /** {@link #fromJwk(Map)} from JSON text. */
    public static SigningKey fromJwkJson(String json) {
        return fromJwk(JsonObjects.parse(json, AAuthError.INVALID_KEY, "private JWK"));
    }

    /**
     * The private JWK for persisting this key: the public members plus {@code d}. Treat the result
     * as a secret: never log it, never publish it.
     */
    public Map<String, Object> toPrivateJwkMap() {
        Map<String, Object> m = new LinkedHashMap<>(publicJwk.toMap());
        byte[] d =
                ed25519 != null
                        ? ed25519.getEncoded()
                        : BigIntegers.asUnsignedByteArray(32, ec.getD());
        m.put("d", Base64Url.encode(d));
        return m;
    }

    /** {@link #toPrivateJwkMap()} as JSON; a secret. */
    public String toPrivateJwkJson() {
        return JsonObjects.toJson(toPrivateJwkMap());
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The public key with {@code alg} and {@code kid}, as published in a JWKS. */
    public Jwk publicJwk() {
        return publicJwk;
    }

    public Optional<String> kid() {
        return Optional.ofNullable(kid);
    }

    /** Signs all of {@code data}; 64 bytes. */
    public byte[] sign(byte[] data) {
        return sign(data, 0, data.length);
    }

    /** Signs {@code data[off, off+len)}; 64 bytes (Ed25519 signature, or P1363 {@code r || s}). */
    public byte[] sign(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        byte[] sig = new byte[SignatureAlgorithm.SIGNATURE_LENGTH];
        if (ed25519 != null) {
            ed25519.sign(Ed25519.Algorithm.Ed25519, null, data, off, len, sig, 0);
            return sig;
        }
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, off, len);
        byte[] hash = new byte[32];
        digest.doFinal(hash, 0);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, ec);
        BigInteger[] rs = signer.generateSignature(hash);
        BigIntegers.asUnsignedByteArray(rs[0], sig, 0, 32);
        BigIntegers.asUnsignedByteArray(rs[1], sig, 32, 32);
        return sig;
    }

    private static AAuthException invalid(String detail) {
        return new AAuthException(AAuthError.INVALID_KEY, detail);
    }

    @Override
    public String toString() {
        return "SigningKey["
                + algorithm.httpName()
                + (kid == null ? "" : ", kid=" + kid)
                + ", jkt="
                + publicJwk.thumbprint()
                + "]";
    }
}
