package dev.aauth.profile;

import dev.aauth.jose.Base64Url;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * What identifies a signed request in a {@link ReplayCache}: the SHA-256 of its verified RFC 9421
 * signature base.
 *
 * <p>Draft -11 "Freshness and Replay" suggests keying the cache by "(signing-key-thumbprint,
 * created, @method, @authority, @path)". The signature base contains every one of those (the
 * mandated covered components {@code @method}, {@code @authority}, {@code @path}; {@code
 * signature-key}, which names or carries the signing key, so a key's thumbprint is determined by
 * it; and {@code created} in {@code @signature-params}) and, beyond them, everything else the agent
 * signed: {@code content-digest} (so two different bodies posted to one path in one second are two
 * requests), {@code @query} when covered, {@code authorization}, and a {@code nonce} parameter. So
 * this key is finer than the draft's tuple: it never confuses two requests that differ in anything
 * signed, and an exact replay (the same base) always collides. It is also blind to what is not
 * signed: a replay with an altered uncovered header, or a re-encoded (malleable ECDSA) signature
 * value, has the same base and is caught.
 */
public final class ReplayKey {

    private final byte[] digest;
    private final int hash;

    private ReplayKey(byte[] digest) {
        this.digest = digest;
        this.hash = Arrays.hashCode(digest);
    }

    /** The key of a verified signature base. */
    public static ReplayKey of(byte[] signatureBase) {
        try {
            return new ReplayKey(MessageDigest.getInstance("SHA-256").digest(signatureBase));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The 32 digest bytes, base64url without padding (43 characters): the database column. */
    public String value() {
        return Base64Url.encode(digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplayKey k && hash == k.hash && Arrays.equals(digest, k.digest);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "ReplayKey[" + value() + "]";
    }
}
