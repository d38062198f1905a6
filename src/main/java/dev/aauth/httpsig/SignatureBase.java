package dev.aauth.httpsig;

/**
 * Creates the signature base (RFC 9421 Section 2.5) byte for byte: one line {@code <component
 * identifier>: <component value>} followed by LF for each covered component, in order, then {@code
 * "@signature-params": <inner list>} with no trailing newline.
 *
 * <p>"All errors produced as described MUST fail the algorithm immediately, without outputting a
 * signature base": failures throw {@link dev.aauth.error.AAuthException} with {@code
 * invalid_signature}. The base is US-ASCII; field values carrying obs-text (U+0080 to U+00FF, as a
 * container decodes them from ISO-8859-1) are output as those single bytes.
 */
public final class SignatureBase {

    private SignatureBase() {}

    public static byte[] create(HttpMessage message, SignatureInput input) {
        return create(message, input, StructuredFieldTypes.DEFAULT);
    }

    public static byte[] create(
            HttpMessage message, SignatureInput input, StructuredFieldTypes types) {
        StringBuilder sb = SCRATCH.get();
        sb.setLength(0);
        build(sb, message, input, types);
        int n = sb.length();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) sb.charAt(i);
        }
        if (sb.capacity() > MAX_KEPT_CAPACITY) {
            SCRATCH.remove(); // an unusually large base is not kept per thread
        }
        return out;
    }

    /**
     * Each thread's builder for {@link #create}: a request's base holds its Signature-Key with a
     * whole token (about 1 KB), which a fresh builder would grow to by copying twice on every
     * verification.
     */
    private static final ThreadLocal<StringBuilder> SCRATCH =
            ThreadLocal.withInitial(() -> new StringBuilder(2048));

    private static final int MAX_KEPT_CAPACITY = 16 * 1024;

    /** The signature base as text, for tests and diagnostics. */
    public static String createString(HttpMessage message, SignatureInput input) {
        return createString(message, input, StructuredFieldTypes.DEFAULT);
    }

    public static String createString(
            HttpMessage message, SignatureInput input, StructuredFieldTypes types) {
        return build(new StringBuilder(512), message, input, types).toString();
    }

    private static StringBuilder build(
            StringBuilder sb,
            HttpMessage message,
            SignatureInput input,
            StructuredFieldTypes types) {
        for (ComponentIdentifier id : input.coveredComponents()) {
            sb.append(id.serialize()).append(": ");
            ComponentValues.append(sb, message, id, types);
            sb.append('\n');
        }
        sb.append("\"@signature-params\": ").append(input.serialize());
        return sb;
    }
}
