package dev.aauth.httpsig;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.Objects;

/**
 * Verifies a signature (RFC 9421 Section 3.2): takes the labelled signature from the message,
 * re-creates the signature base from the received Signature-Input and the message, and applies the
 * {@link MessageVerifier}. Every failure throws {@link AAuthException} with {@code
 * invalid_signature} ("The HTTP Message Signature is missing, malformed, or cryptographic
 * verification failed", Signature-Key draft), except an {@link AAuthException} the {@link
 * MessageVerifier} throws itself, which passes through.
 *
 * <p>Application requirements (required components, {@code created} window, acceptable {@code alg})
 * are the profile's: it can read them from {@link SignatureSet#get} before choosing a key, then
 * call {@link #verify(HttpMessage, ReceivedSignature, MessageVerifier)}.
 */
public final class HttpMessageVerifier {

    private HttpMessageVerifier() {}

    /**
     * Verifies the signature labelled {@code label}; returns it (with its parameters) when valid.
     */
    public static ReceivedSignature verify(
            HttpMessage message, String label, MessageVerifier verifier) {
        return verify(message, label, verifier, StructuredFieldTypes.DEFAULT);
    }

    public static ReceivedSignature verify(
            HttpMessage message,
            String label,
            MessageVerifier verifier,
            StructuredFieldTypes types) {
        ReceivedSignature signature = SignatureSet.from(message.fields()).get(label);
        verify(message, signature, verifier, types);
        return signature;
    }

    public static void verify(
            HttpMessage message, ReceivedSignature signature, MessageVerifier verifier) {
        verify(message, signature, verifier, StructuredFieldTypes.DEFAULT);
    }

    public static void verify(
            HttpMessage message,
            ReceivedSignature signature,
            MessageVerifier verifier,
            StructuredFieldTypes types) {
        Objects.requireNonNull(verifier, "verifier");
        String declared = signature.input().alg().orElse(null);
        String actual = verifier.algorithm();
        // Section 3.2 step 6.4: "If the algorithms are not the same, the verifier MUST fail the
        // verification."
        if (declared != null && actual != null && !declared.equals(actual)) {
            throw Syntax.invalid(
                    "alg parameter " + declared + " does not match the key's algorithm " + actual);
        }
        byte[] base = SignatureBase.create(message, signature.input(), types);
        boolean valid;
        try {
            valid = verifier.verify(base, signature.signatureBytes());
        } catch (AAuthException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AAuthException(
                    AAuthError.INVALID_SIGNATURE, "signature verification failed", e);
        }
        if (!valid) {
            throw Syntax.invalid("signature " + signature.label() + " does not verify");
        }
    }
}
