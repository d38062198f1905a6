package dev.aauth.jose;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An immutable, validated public JSON Web Key (RFC 7517) of type {@code OKP} (RFC 8037), {@code EC}
 * or {@code RSA} (RFC 7518 section 6).
 *
 * <p>Validation on {@link #parse(Map)}:
 *
 * <ul>
 *   <li>Private key members ({@code d}, {@code p}, {@code q}, {@code dp}, {@code dq}, {@code qi},
 *       {@code oth}, {@code k}, {@code priv}) are refused with {@code invalid_key}: a public-key
 *       slot must never carry a secret, and accepting one would invite logging or republishing it.
 *   <li>Key members are base64url without padding, canonical.
 *   <li>{@code OKP}/{@code Ed25519}: "x" is exactly 32 bytes and decodes to a curve point that is
 *       not of small order. EC: x and y are "the full size of a coordinate for the curve specified
 *       in the crv parameter" (RFC 7518 6.2.1.2) and the point lies on the curve (invalid-curve
 *       defence). RSA: n and e without leading zero octets (RFC 7518 6.3.1.1/6.3.1.2).
 *   <li>A present {@code alg} must be consistent with {@code kty}/{@code crv} (Signature-Key draft:
 *       verifiers MUST "Ensure the key type is consistent with the derived algorithm"); {@code alg:
 *       none} is never accepted.
 *   <li>Unknown key types and unknown curves are refused with {@code unsupported_algorithm}, so a
 *       JWK set can skip them; RSA, P-384, P-521, X25519, X448 and Ed448 keys parse (and have
 *       thumbprints) but {@link #verificationKey()} refuses them with {@code
 *       unsupported_algorithm}.
 * </ul>
 *
 * Other members (x5c, key_ops, ...) are ignored and not kept: "Additional members can be present in
 * the JWK; if not understood by implementations encountering them, they MUST be ignored" (RFC 7517
 * section 4). Members that belong to another key type (e.g. {@code y} in an OKP key) are refused.
 *
 * <p>{@link #equals} compares all kept public members, including kid/alg/use; {@link #sameKeyAs}
 * compares only the key material.
 */
public final class Jwk {

    /** Members that only a private (or symmetric) key carries. */
    private static final Set<String> PRIVATE_MEMBERS =
            Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k", "priv");

    /**
     * The thumbprint hash of {@link #thumbprint()}, named as in RFC 9278 / IANA "Named
     * Information".
     */
    public static final String SHA_256 = "sha-256";

    public static final String SHA_512 = "sha-512";

    private final String kty;
    private final String crv;
    private final String x;
    private final String y;
    private final String n;
    private final String e;
    private final String kid;
    private final String alg;
    private final String use;

    /**
     * Decoded once at parse time (the validation needs the decoding anyway); null for keys AAuth
     * cannot use.
     */
    private final VerificationKey verificationKey;

    private volatile String sha256Thumbprint;

    private Jwk(
            String kty,
            String crv,
            String x,
            String y,
            String n,
            String e,
            String kid,
            String alg,
            String use,
            VerificationKey verificationKey) {
        this.kty = kty;
        this.crv = crv;
        this.x = x;
        this.y = y;
        this.n = n;
        this.e = e;
        this.kid = kid;
        this.alg = alg;
        this.use = use;
        this.verificationKey = verificationKey;
    }

    // ------------------------------------------------------------------ parsing

    /**
     * Parses and validates a public JWK given as a JSON object map (as produced by jose4j's {@code
     * JsonUtil}).
     *
     * @throws AAuthException {@code invalid_key} for malformed or private keys; {@code
     *     unsupported_algorithm} for unknown key types or curves
     */
    public static Jwk parse(Map<String, ?> jwk) {
        if (jwk == null) {
            throw invalid("JWK is missing");
        }
        for (String m : PRIVATE_MEMBERS) {
            if (jwk.containsKey(m)) {
                throw invalid("JWK contains the private key member '" + m + "'");
            }
        }
        String kty = member(jwk, "kty", true);
        String kid = member(jwk, "kid", false);
        String alg = member(jwk, "alg", false);
        String use = member(jwk, "use", false);
        if ("none".equals(alg)) {
            throw invalid("JWK alg 'none' is not a signature algorithm");
        }
        switch (kty) {
            case "OKP":
                return parseOkp(jwk, kid, alg, use);
            case "EC":
                return parseEc(jwk, kid, alg, use);
            case "RSA":
                return parseRsa(jwk, kid, alg, use);
            case "oct":
                throw invalid("symmetric (oct) keys are not public keys");
            default:
                throw AAuthException.unsupportedAlgorithm(
                        "unsupported JWK kty", SignatureAlgorithm.SUPPORTED_HTTP_NAMES);
        }
    }

    /**
     * Parses a JWK from JSON text; see {@link #parse(Map)}. Malformed JSON is {@code invalid_key}.
     */
    public static Jwk parseJson(String json) {
        return parse(JsonObjects.parse(json, AAuthError.INVALID_KEY, "JWK"));
    }

    /** An Ed25519 public key from its 32 raw bytes (RFC 8032 encoding). */
    public static Jwk ed25519(byte[] publicKey) {
        return parse(Map.of("kty", "OKP", "crv", "Ed25519", "x", Base64Url.encode(publicKey)));
    }

    /** A P-256 public key from its two 32-byte big-endian affine coordinates. */
    public static Jwk p256(byte[] x, byte[] y) {
        return parse(
                Map.of(
                        "kty",
                        "EC",
                        "crv",
                        "P-256",
                        "x",
                        Base64Url.encode(x),
                        "y",
                        Base64Url.encode(y)));
    }

    private static Jwk parseOkp(Map<String, ?> jwk, String kid, String alg, String use) {
        String crv = member(jwk, "crv", true);
        forbid(jwk, "OKP", "y", "n", "e");
        String x = member(jwk, "x", true);
        byte[] xb = Base64Url.decode(x, AAuthError.INVALID_KEY, "JWK x");
        int expected;
        switch (crv) {
            case "Ed25519":
            case "X25519":
                expected = 32;
                break;
            case "Ed448":
                expected = 57;
                break;
            case "X448":
                expected = 56;
                break;
            default:
                throw AAuthException.unsupportedAlgorithm(
                        "unsupported OKP curve", SignatureAlgorithm.SUPPORTED_HTTP_NAMES);
        }
        if (xb.length != expected) {
            throw invalid("OKP " + crv + " x must be " + expected + " bytes");
        }
        VerificationKey vk = null;
        if ("Ed25519".equals(crv)) {
            requireAlg(alg, SignatureAlgorithm.ED25519);
            vk = VerificationKey.ed25519OrNull(xb);
            if (vk == null) {
                throw invalid("Ed25519 x is not a valid public point");
            }
        } else {
            requireNotAAuthAlg(alg, "Ed448".equals(crv) ? Set.of("EdDSA") : Set.of());
        }
        return new Jwk("OKP", crv, x, null, null, null, kid, alg, use, vk);
    }

    private static Jwk parseEc(Map<String, ?> jwk, String kid, String alg, String use) {
        String crv = member(jwk, "crv", true);
        forbid(jwk, "EC", "n", "e");
        String x = member(jwk, "x", true);
        String y = member(jwk, "y", true);
        byte[] xb = Base64Url.decode(x, AAuthError.INVALID_KEY, "JWK x");
        byte[] yb = Base64Url.decode(y, AAuthError.INVALID_KEY, "JWK y");
        NamedCurve curve = NamedCurve.byCrv(crv);
        if (curve == null) {
            throw AAuthException.unsupportedAlgorithm(
                    "unsupported EC curve", SignatureAlgorithm.SUPPORTED_HTTP_NAMES);
        }
        if (xb.length != curve.coordinateLength || yb.length != curve.coordinateLength) {
            throw invalid(
                    "EC " + crv + " coordinates must be " + curve.coordinateLength + " bytes");
        }
        ECPoint q = curve.pointOrNull(xb, yb);
        if (q == null) {
            throw invalid("EC point is not on the " + crv + " curve");
        }
        VerificationKey vk = null;
        if (curve == NamedCurve.P_256) {
            requireAlg(alg, SignatureAlgorithm.ECDSA_P256_SHA256);
            vk = VerificationKey.p256(q);
        } else {
            requireNotAAuthAlg(alg, Set.of());
        }
        return new Jwk("EC", crv, x, y, null, null, kid, alg, use, vk);
    }

    private static Jwk parseRsa(Map<String, ?> jwk, String kid, String alg, String use) {
        forbid(jwk, "RSA", "crv", "x", "y");
        String n = member(jwk, "n", true);
        String e = member(jwk, "e", true);
        byte[] nb = Base64Url.decode(n, AAuthError.INVALID_KEY, "JWK n");
        byte[] eb = Base64Url.decode(e, AAuthError.INVALID_KEY, "JWK e");
        if (nb.length == 0 || nb[0] == 0 || eb.length == 0 || eb[0] == 0) {
            throw invalid("RSA n and e must be non-empty without leading zero octets");
        }
        requireNotAAuthAlg(alg, Set.of());
        return new Jwk("RSA", null, null, null, n, e, kid, alg, use, null);
    }

    private static String member(Map<String, ?> jwk, String name, boolean required) {
        Object v = jwk.get(name);
        if (v == null) {
            if (required) {
                throw invalid("JWK member '" + name + "' is missing");
            }
            return null;
        }
        if (!(v instanceof String)) {
            throw invalid("JWK member '" + name + "' must be a string");
        }
        return (String) v;
    }

    private static void forbid(Map<String, ?> jwk, String kty, String... names) {
        for (String name : names) {
            if (jwk.containsKey(name)) {
                throw invalid("JWK member '" + name + "' does not belong to kty " + kty);
            }
        }
    }

    private static void requireAlg(String alg, SignatureAlgorithm expected) {
        if (alg != null && !expected.acceptsJwsAlg(alg)) {
            throw invalid("JWK alg is inconsistent with its kty/crv");
        }
    }

    private static void requireNotAAuthAlg(String alg, Set<String> allowed) {
        if (alg != null
                && !allowed.contains(alg)
                && SignatureAlgorithm.fromJwsAlg(alg).isPresent()) {
            throw invalid("JWK alg is inconsistent with its kty/crv");
        }
    }

    private static AAuthException invalid(String detail) {
        return new AAuthException(AAuthError.INVALID_KEY, detail);
    }

    // ------------------------------------------------------------------ members

    /** {@code OKP}, {@code EC} or {@code RSA}. */
    public String kty() {
        return kty;
    }

    /** The curve ({@code Ed25519}, {@code P-256}, ...), or null for RSA. */
    public String crv() {
        return crv;
    }

    /** base64url x (OKP public key or EC x coordinate), or null for RSA. */
    public String x() {
        return x;
    }

    /** base64url EC y coordinate, or null. */
    public String y() {
        return y;
    }

    /** base64url RSA modulus, or null. */
    public String n() {
        return n;
    }

    /** base64url RSA exponent, or null. */
    public String e() {
        return e;
    }

    public Optional<String> kid() {
        return Optional.ofNullable(kid);
    }

    public Optional<String> alg() {
        return Optional.ofNullable(alg);
    }

    public Optional<String> use() {
        return Optional.ofNullable(use);
    }

    /** This key with {@code kid} set (or removed when null). */
    public Jwk withKid(String newKid) {
        return new Jwk(kty, crv, x, y, n, e, newKid, alg, use, verificationKey);
    }

    /**
     * This key with {@code alg} set to the JWS name of its algorithm (e.g. for publishing in a
     * JWKS: "The {@code alg} parameter in the JWK ... key representation identifies the
     * algorithm").
     */
    public Jwk withAlg(String newAlg) {
        Map<String, Object> m = new LinkedHashMap<>(toMap());
        if (newAlg == null) {
            m.remove("alg");
        } else {
            m.put("alg", newAlg);
        }
        return parse(m);
    }

    /**
     * Only the key material (kty, crv, x, y, n, e): e.g. for an {@code hwk} Signature-Key, where
     * "The {@code alg} parameter MUST NOT be present" and "The {@code kid} parameter SHOULD NOT be
     * used".
     */
    public Jwk withoutMetadata() {
        return new Jwk(kty, crv, x, y, n, e, null, null, null, verificationKey);
    }

    /** The AAuth algorithm of this key; see {@link SignatureAlgorithm#forKey(Jwk)}. */
    public SignatureAlgorithm algorithm() {
        return SignatureAlgorithm.forKey(this);
    }

    /**
     * The decoded key ready to verify, built once per Jwk.
     *
     * @throws AAuthException {@code unsupported_algorithm} for keys that are not Ed25519 or P-256;
     *     {@code invalid_key} when {@code use} is present and not {@code sig}
     */
    public VerificationKey verificationKey() {
        if (verificationKey == null) {
            SignatureAlgorithm.forKey(this); // throws unsupported_algorithm with the supported list
            throw new IllegalStateException("no verification key for " + kty + "/" + crv);
        }
        if (use != null && !"sig".equals(use)) {
            throw invalid("JWK use '" + use + "' is not 'sig'");
        }
        return verificationKey;
    }

    // ------------------------------------------------------------------ thumbprints

    /** The RFC 7638 JWK Thumbprint with SHA-256, base64url. Cached. */
    public String thumbprint() {
        String t = sha256Thumbprint;
        if (t == null) {
            t = thumbprint(SHA_256);
            sha256Thumbprint = t;
        }
        return t;
    }

    /**
     * The RFC 7638 JWK Thumbprint with {@code sha-256} or {@code sha-512}: the hash of the UTF-8
     * JSON object holding only the required members, in lexicographic order, without whitespace.
     *
     * @throws AAuthException {@code invalid_key} for any other hash name
     */
    public String thumbprint(String hashName) {
        Digest digest;
        if (SHA_256.equals(hashName)) {
            if (sha256Thumbprint != null) {
                return sha256Thumbprint;
            }
            digest = new SHA256Digest();
        } else if (SHA_512.equals(hashName)) {
            digest = new SHA512Digest();
        } else {
            throw invalid("unsupported JWK thumbprint hash");
        }
        byte[] input = thumbprintInput().getBytes(StandardCharsets.UTF_8);
        digest.update(input, 0, input.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return Base64Url.encode(out);
    }

    /** {@code urn:jkt:sha-256:<thumbprint>} (RFC 9278). */
    public String thumbprintUri() {
        return thumbprintUri(SHA_256);
    }

    /** {@code urn:jkt:<hashName>:<thumbprint>} (RFC 9278), e.g. the {@code iss} of a jkt-jwt. */
    public String thumbprintUri(String hashName) {
        return "urn:jkt:" + hashName + ":" + thumbprint(hashName);
    }

    /** The canonical JSON of RFC 7638 section 3.2: required members only, sorted, no whitespace. */
    String thumbprintInput() {
        StringBuilder sb = new StringBuilder(160);
        switch (kty) {
            case "EC":
                sb.append("{\"crv\":");
                JsonObjects.appendString(sb, crv);
                sb.append(",\"kty\":\"EC\",\"x\":\"")
                        .append(x)
                        .append("\",\"y\":\"")
                        .append(y)
                        .append("\"}");
                break;
            case "OKP":
                sb.append("{\"crv\":");
                JsonObjects.appendString(sb, crv);
                sb.append(",\"kty\":\"OKP\",\"x\":\"").append(x).append("\"}");
                break;
            default: // RSA
                sb.append("{\"e\":\"")
                        .append(e)
                        .append("\",\"kty\":\"RSA\",\"n\":\"")
                        .append(n)
                        .append("\"}");
                break;
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ output

    /** The public members in a stable order: kty, crv, x, y, n, e, kid, alg, use. Unmodifiable. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kty", kty);
        putIfPresent(m, "crv", crv);
        putIfPresent(m, "x", x);
        putIfPresent(m, "y", y);
        putIfPresent(m, "n", n);
        putIfPresent(m, "e", e);
        putIfPresent(m, "kid", kid);
        putIfPresent(m, "alg", alg);
        putIfPresent(m, "use", use);
        return Collections.unmodifiableMap(m);
    }

    private static void putIfPresent(Map<String, Object> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    /** {@link #toMap()} as compact JSON. */
    public String toJson() {
        return JsonObjects.toJson(toMap());
    }

    /**
     * True when both keys hold the same key material (kty, crv, x, y, n, e), whatever kid/alg/use
     * say.
     */
    public boolean sameKeyAs(Jwk other) {
        return other != null
                && kty.equals(other.kty)
                && Objects.equals(crv, other.crv)
                && Objects.equals(x, other.x)
                && Objects.equals(y, other.y)
                && Objects.equals(n, other.n)
                && Objects.equals(e, other.e);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Jwk)) {
            return false;
        }
        Jwk other = (Jwk) o;
        return sameKeyAs(other)
                && Objects.equals(kid, other.kid)
                && Objects.equals(alg, other.alg)
                && Objects.equals(use, other.use);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kty, crv, x, y, n, e, kid, alg, use);
    }

    /** The public JSON; a Jwk never holds private material. */
    @Override
    public String toString() {
        return toJson();
    }
}
