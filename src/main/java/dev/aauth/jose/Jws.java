package dev.aauth.jose;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Compact JWS (RFC 7515 section 7.1) for AAuth tokens: minting with a {@link SigningKey} and strict
 * parsing into a {@link ParsedJws}.
 *
 * <p>Parsing accepts only what AAuth tokens are: exactly three base64url parts without padding, a
 * JSON object header and a JSON object payload (claims), {@code alg} one of {@code EdDSA}, {@code
 * Ed25519} or {@code ES256} ("Implementations MUST NOT accept {@code none}", AAuth draft,
 * agent/resource/auth token headers; {@code HS*}, {@code RS*} and everything else are refused too),
 * no {@code crit} (this implementation understands no extension: RFC 7515 4.1.11 says a recipient
 * that does not understand a listed extension MUST reject the JWS), no {@code b64}. Header members
 * {@code jku}, {@code x5u} and {@code x5c} are never followed or used: the verification key always
 * comes from the caller. Every failure is {@code invalid_jwt}.
 *
 * <p>The verify path is plain code over BouncyCastle (no jose4j {@code JsonWebSignature}); the
 * header and payload are read from their decoded UTF-8 bytes by the project's strict {@link
 * JsonReader}.
 */
public final class Jws {

    /** Compact serializations longer than this (in characters) are refused before any decoding. */
    public static final int MAX_COMPACT_LENGTH = 16 * 1024;

    private Jws() {}

    /**
     * Signs {@code payload} (the JWT claims) and returns the compact serialization.
     *
     * <p>The header gets {@code alg} from the key ({@code EdDSA} or {@code ES256}; a
     * caller-supplied {@code alg} is kept only if it names the key's algorithm, e.g. the fully
     * specified {@code Ed25519}) and {@code kid} from the key unless the header already has one.
     *
     * @throws IllegalArgumentException if the header's {@code alg} names another algorithm than the
     *     key's
     */
    public static String sign(Map<String, ?> header, Map<String, ?> payload, SigningKey key) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(key, "key");
        Map<String, Object> h = new LinkedHashMap<>();
        Object alg = header == null ? null : header.get("alg");
        if (alg == null) {
            h.put("alg", key.algorithm().jwsAlg());
        } else if (alg instanceof String && key.algorithm().acceptsJwsAlg((String) alg)) {
            h.put("alg", alg);
        } else {
            throw new IllegalArgumentException(
                    "header alg does not match the signing key's algorithm");
        }
        if (header != null) {
            for (Map.Entry<String, ?> en : header.entrySet()) {
                if (!"alg".equals(en.getKey())) {
                    h.put(en.getKey(), en.getValue());
                }
            }
        }
        if (!h.containsKey("kid") && key.kid().isPresent()) {
            h.put("kid", key.kid().get());
        }
        String signingInput =
                Base64Url.encode(JsonObjects.toJson(h).getBytes(StandardCharsets.UTF_8))
                        + '.'
                        + Base64Url.encode(
                                JsonObjects.toJson(payload).getBytes(StandardCharsets.UTF_8));
        byte[] sig = key.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + '.' + Base64Url.encode(sig);
    }

    /**
     * Parses a compact JWS strictly; does not verify the signature (see {@link ParsedJws#verify}).
     *
     * @throws AAuthException {@code invalid_jwt} for anything but a well-formed AAuth JWS
     */
    public static ParsedJws parse(String compact) {
        if (compact == null || compact.isEmpty()) {
            throw invalid("JWS is missing");
        }
        if (compact.length() > MAX_COMPACT_LENGTH) {
            throw invalid("JWS exceeds " + MAX_COMPACT_LENGTH + " characters");
        }
        int dot1 = compact.indexOf('.');
        int dot2 = dot1 < 0 ? -1 : compact.indexOf('.', dot1 + 1);
        if (dot2 < 0 || compact.indexOf('.', dot2 + 1) >= 0) {
            throw invalid("JWS compact serialization must have exactly three parts");
        }
        Map<String, Object> header = readPart(compact, 0, dot1, "JWS header");
        Object algValue = header.get("alg");
        if (!(algValue instanceof String)) {
            throw invalid("JWS header alg is missing");
        }
        String alg = (String) algValue;
        Optional<SignatureAlgorithm> algorithm = SignatureAlgorithm.fromJwsAlg(alg);
        if (algorithm.isEmpty()) {
            throw invalid(
                    "none".equals(alg)
                            ? "JWS alg 'none' is never accepted"
                            : "JWS alg is not EdDSA, Ed25519 or ES256");
        }
        if (header.containsKey("crit")) {
            throw invalid("JWS crit lists extensions this implementation does not understand");
        }
        if (header.containsKey("b64")) {
            throw invalid("JWS unencoded payload (b64) is not supported");
        }
        for (String name : new String[] {"typ", "cty", "kid"}) {
            Object v = header.get(name);
            if (v != null && !(v instanceof String)) {
                throw invalid("JWS header " + name + " must be a string");
            }
        }
        byte[] signature = decodePart(compact, dot2 + 1, compact.length(), "JWS signature");
        if (signature.length != SignatureAlgorithm.SIGNATURE_LENGTH) {
            throw invalid("JWS signature must be 64 bytes");
        }
        Map<String, Object> claims = readPart(compact, dot1 + 1, dot2, "JWS payload");
        return new ParsedJws(
                Collections.unmodifiableMap(header),
                Collections.unmodifiableMap(claims),
                algorithm.get(),
                compact,
                dot2,
                signature);
    }

    /**
     * Decodes a header or payload part into this thread's scratch buffer and reads it as a JSON
     * object: the decoded bytes are needed only while reading (the values are copied out), so a
     * parse allocates no array for them.
     */
    private static Map<String, Object> readPart(String compact, int from, int to, String what) {
        if (from == to) {
            throw invalid(what + " is empty");
        }
        int n = Base64Url.decodedLengthOrNegative(compact, from, to);
        if (n < 0) {
            throw invalid(what + " is not base64url without padding");
        }
        byte[] scratch = SCRATCH.get();
        if (scratch.length < n) {
            scratch = new byte[Math.max(n, scratch.length * 2)];
            SCRATCH.set(scratch);
        }
        Base64Url.decode(compact, from, to, scratch);
        return JsonReader.readObject(scratch, 0, n, AAuthError.INVALID_JWT, what);
    }

    /** At most {@link #MAX_COMPACT_LENGTH} * 3 / 4 bytes per thread. */
    private static final ThreadLocal<byte[]> SCRATCH =
            ThreadLocal.withInitial(() -> new byte[1024]);

    private static byte[] decodePart(String compact, int from, int to, String what) {
        if (from == to) {
            throw invalid(what + " is empty");
        }
        byte[] b = Base64Url.decodeOrNull(compact, from, to);
        if (b == null) {
            throw invalid(what + " is not base64url without padding");
        }
        return b;
    }

    static AAuthException invalid(String detail) {
        return new AAuthException(AAuthError.INVALID_JWT, detail);
    }
}
