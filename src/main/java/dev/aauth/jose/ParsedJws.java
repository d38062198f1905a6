package dev.aauth.jose;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.Map;
import java.util.Optional;

/**
 * A structurally valid compact JWS whose signature is not yet checked: header, claims, the signing
 * input ({@code BASE64URL(header) '.' BASE64URL(payload)} as ASCII) and the signature bytes.
 * Produced by {@link Jws#parse(String)}; immutable.
 */
public final class ParsedJws {

    private final Map<String, Object> header;
    private final Map<String, Object> claims;
    private final SignatureAlgorithm algorithm;

    /** The compact form; its first {@code signedLength} characters are the signing input. */
    private final String compact;

    private final int signedLength;
    private final byte[] signature;

    ParsedJws(
            Map<String, Object> header,
            Map<String, Object> claims,
            SignatureAlgorithm algorithm,
            String compact,
            int signedLength,
            byte[] signature) {
        this.header = header;
        this.claims = claims;
        this.algorithm = algorithm;
        this.compact = compact;
        this.signedLength = signedLength;
        this.signature = signature;
    }

    /** The JOSE header (unmodifiable; nested values as {@link JsonReader} read them). */
    public Map<String, Object> header() {
        return header;
    }

    /** The payload as a JSON object: the JWT claims (unmodifiable). */
    public Map<String, Object> claims() {
        return claims;
    }

    /** The algorithm the header's {@code alg} names. */
    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The header {@code alg} exactly as sent ({@code EdDSA}, {@code Ed25519} or {@code ES256}). */
    public String alg() {
        return (String) header.get("alg");
    }

    public Optional<String> typ() {
        return Optional.ofNullable((String) header.get("typ"));
    }

    public Optional<String> kid() {
        return Optional.ofNullable((String) header.get("kid"));
    }

    /**
     * The header {@code jwk} (e.g. the enclave key of a jkt-jwt), parsed and validated as a public
     * key.
     *
     * @throws AAuthException {@code invalid_jwt} if {@code jwk} is not a JSON object; the {@link
     *     Jwk#parse} errors ({@code invalid_key}, {@code unsupported_algorithm}) for a bad key
     */
    public Optional<Jwk> headerJwk() {
        Object v = header.get("jwk");
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Map)) {
            throw Jws.invalid("JWS header jwk must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> m = (Map<String, ?>) v;
        return Optional.of(Jwk.parse(m));
    }

    /** A copy of the signing input bytes. */
    public byte[] signingInput() {
        return ascii(new byte[signedLength]);
    }

    /**
     * The signing input as ASCII into {@code out} (the parse accepted only base64url characters and
     * one '.' there).
     */
    private byte[] ascii(byte[] out) {
        for (int i = 0; i < signedLength; i++) {
            out[i] = (byte) compact.charAt(i);
        }
        return out;
    }

    /** This thread's buffer for the signing input while verifying (one token at a time). */
    private static final ThreadLocal<byte[]> SIGNING_INPUT =
            ThreadLocal.withInitial(() -> new byte[1024]);

    /** A copy of the decoded signature (64 bytes). */
    public byte[] signature() {
        return signature.clone();
    }

    /**
     * Verifies the signature with {@code key}. The header's {@code alg} must name the key's own
     * algorithm ({@code EdDSA}/{@code Ed25519} with OKP Ed25519, {@code ES256} with EC P-256): a
     * mismatch is an algorithm-confusion attack, never a reason to try the other algorithm.
     *
     * @throws AAuthException {@code invalid_jwt} on alg/key mismatch, an unusable key or a bad
     *     signature
     */
    public void verify(Jwk key) {
        if (!isValidSignature(key)) {
            throw Jws.invalid("JWS signature verification failed");
        }
    }

    /**
     * Like {@link #verify(Jwk)} but returns {@code false} for a signature that does not verify;
     * still throws {@code invalid_jwt} on alg/key mismatch or an unusable key.
     */
    public boolean isValidSignature(Jwk key) {
        if (key == null) {
            throw Jws.invalid("no key to verify the JWS");
        }
        VerificationKey vk;
        try {
            vk = key.verificationKey();
        } catch (AAuthException e) {
            throw new AAuthException(
                    AAuthError.INVALID_JWT, "key cannot verify this JWS: " + e.detail());
        }
        if (vk.algorithm() != algorithm) {
            throw Jws.invalid(
                    "JWS alg "
                            + alg()
                            + " does not match the key type "
                            + key.kty()
                            + "/"
                            + key.crv());
        }
        byte[] buffer = SIGNING_INPUT.get();
        if (buffer.length < signedLength) {
            buffer = new byte[Math.max(signedLength, buffer.length * 2)];
            SIGNING_INPUT.set(buffer);
        }
        return vk.verify(ascii(buffer), 0, signedLength, signature);
    }

    @Override
    public String toString() {
        return "ParsedJws[alg=" + alg() + kid().map(k -> ", kid=" + k).orElse("") + "]";
    }
}
