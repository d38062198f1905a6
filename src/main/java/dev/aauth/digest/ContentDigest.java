package dev.aauth.digest;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.sfv.ByteSequence;
import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.Member;
import dev.aauth.sfv.StructuredFields;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;

/**
 * The {@code Content-Digest} field (RFC 9530 Section 2): "a Dictionary ... The member keys are hash
 * algorithm keys ... The member values are Byte Sequences containing the output of the digest
 * calculation", computed over the message content (after content coding, before transfer coding).
 *
 * <p>{@link #create} writes the field for {@code sha-256} and/or {@code sha-512}, the two "Active"
 * algorithms of the Hash Algorithms for HTTP Digest Fields registry. {@link #verify} checks a body
 * against a received field:
 *
 * <ul>
 *   <li>the field missing, longer than {@link #MAX_FIELD_LENGTH}, not a Dictionary, a member that
 *       is not a Byte Sequence, or no member for a supported algorithm (deprecated or unknown
 *       algorithms alone) fails with {@link AAuthError#SIGNATURE_INVALID_REQUEST} ("The request is
 *       malformed or missing required information unrelated to signature verification"; the
 *       Signature-Key draft has no digest-specific code);
 *   <li>a supported algorithm whose digest differs from the content fails with {@link
 *       AAuthError#INVALID_SIGNATURE}: a covered Content-Digest that does not match means the
 *       signed message is not the one received.
 * </ul>
 *
 * Members for unsupported algorithms are ignored (RFC 9530 Section 2: a recipient "MAY ignore any
 * or all digests"), but every supported one present must match, so a correct sha-256 cannot carry a
 * forged sha-512.
 */
public final class ContentDigest {

    /** Longest accepted combined Content-Digest value (characters). */
    public static final int MAX_FIELD_LENGTH = 4096;

    /** The supported hash algorithms, with their registry keys. */
    public enum Algorithm {
        SHA_256("sha-256", "SHA-256"),
        SHA_512("sha-512", "SHA-512");

        private final String key;
        private final String jcaName;

        Algorithm(String key, String jcaName) {
            this.key = key;
            this.jcaName = jcaName;
        }

        /** The Dictionary key, e.g. {@code sha-256}. */
        public String key() {
            return key;
        }

        /** The algorithm for a Dictionary key, or null when not supported. */
        public static Algorithm byKey(String key) {
            return switch (key) {
                case "sha-256" -> SHA_256;
                case "sha-512" -> SHA_512;
                default -> null;
            };
        }

        public byte[] digest(byte[] content) {
            try {
                return MessageDigest.getInstance(jcaName).digest(content);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(jcaName + " is required of every Java platform", e);
            }
        }
    }

    private ContentDigest() {}

    /** The field value with a {@code sha-256} digest of {@code content}. */
    public static String create(byte[] content) {
        return create(content, Algorithm.SHA_256);
    }

    /** The field value with one member per algorithm, in the given order. */
    public static String create(byte[] content, Algorithm... algorithms) {
        if (algorithms.length == 0) {
            throw new IllegalArgumentException("at least one algorithm");
        }
        Dictionary.Builder d = Dictionary.builder();
        for (Algorithm a : algorithms) {
            d.put(a.key(), (Object) ByteSequence.of(a.digest(content)));
        }
        return StructuredFields.serializeDictionary(d.build());
    }

    /** Checks {@code content} against a received field value. */
    public static void verify(byte[] content, String fieldValue) {
        verify(content, fieldValue == null ? null : List.of(fieldValue));
    }

    /**
     * Checks {@code content} against the received field lines (null or empty when the field is
     * absent).
     *
     * @throws AAuthException {@code invalid_request} (Signature-Error family) when the field is
     *     missing, malformed or has no supported algorithm; {@code invalid_signature} when a digest
     *     differs
     */
    public static void verify(byte[] content, List<String> fieldLines) {
        if (fieldLines == null || fieldLines.isEmpty()) {
            throw request("missing Content-Digest field");
        }
        long length = 2L * (fieldLines.size() - 1);
        for (String line : fieldLines) {
            length += line.length();
        }
        if (length > MAX_FIELD_LENGTH) {
            throw request("Content-Digest is longer than " + MAX_FIELD_LENGTH + " characters");
        }
        Dictionary dictionary;
        try {
            dictionary = StructuredFields.parseDictionary(fieldLines);
        } catch (AAuthException e) {
            throw new AAuthException(
                    AAuthError.SIGNATURE_INVALID_REQUEST,
                    "malformed Content-Digest: " + e.detail(),
                    e);
        }
        int checked = 0;
        for (Map.Entry<String, Member> e : dictionary.asMap().entrySet()) {
            if (!(e.getValue() instanceof Item item)
                    || !(item.value() instanceof ByteSequence received)) {
                throw request("Content-Digest member " + e.getKey() + " is not a Byte Sequence");
            }
            Algorithm algorithm = Algorithm.byKey(e.getKey());
            if (algorithm == null) {
                continue;
            }
            if (!MessageDigest.isEqual(algorithm.digest(content), received.unsafeBytes())) {
                throw new AAuthException(
                        AAuthError.INVALID_SIGNATURE,
                        "Content-Digest " + algorithm.key() + " does not match the content");
            }
            checked++;
        }
        if (checked == 0) {
            throw request("Content-Digest has no supported algorithm (sha-256, sha-512)");
        }
    }

    private static AAuthException request(String detail) {
        return new AAuthException(AAuthError.SIGNATURE_INVALID_REQUEST, detail);
    }
}
