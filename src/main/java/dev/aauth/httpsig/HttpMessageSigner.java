package dev.aauth.httpsig;

import dev.aauth.sfv.ByteSequence;
import dev.aauth.sfv.StructuredFields;
import java.util.List;
import java.util.Objects;

/**
 * Creates a signature (RFC 9421 Section 3.1): builds the signature base from the message, the
 * covered components and the parameters, signs it and returns the {@code Signature-Input} and
 * {@code Signature} field values to add. Parameters are used exactly as given, in their order;
 * nothing (not even {@code created}) is added implicitly, since the caller owns the clock.
 */
public final class HttpMessageSigner {

    private HttpMessageSigner() {}

    public static SignatureHeaders sign(
            HttpMessage message,
            String label,
            List<ComponentIdentifier> coveredComponents,
            SignatureParameters parameters,
            MessageSigner signer) {
        return sign(
                message,
                label,
                SignatureInput.of(coveredComponents, parameters),
                signer,
                StructuredFieldTypes.DEFAULT);
    }

    public static SignatureHeaders sign(
            HttpMessage message, String label, SignatureInput input, MessageSigner signer) {
        return sign(message, label, input, signer, StructuredFieldTypes.DEFAULT);
    }

    /**
     * Signs.
     *
     * @throws dev.aauth.error.AAuthException {@code invalid_signature} when a covered component
     *     cannot be derived from the message, or the {@code alg} parameter contradicts the signer's
     *     algorithm
     * @throws IllegalArgumentException when the label is not a Dictionary key
     */
    public static SignatureHeaders sign(
            HttpMessage message,
            String label,
            SignatureInput input,
            MessageSigner signer,
            StructuredFieldTypes types) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signer, "signer");
        if (!Syntax.isSfKey(label)) {
            throw new IllegalArgumentException(
                    "a signature label must be a Dictionary key: " + label);
        }
        String declared = input.alg().orElse(null);
        String actual = signer.algorithm();
        if (declared != null && actual != null && !declared.equals(actual)) {
            throw Syntax.invalid(
                    "alg parameter " + declared + " contradicts the signer's algorithm " + actual);
        }
        byte[] base = SignatureBase.create(message, input, types);
        byte[] signature = signer.sign(base);
        if (signature == null || signature.length == 0) {
            throw new IllegalStateException("the signer returned no signature");
        }
        String si = label + '=' + input.serialize();
        String s = label + '=' + StructuredFields.serializeBareItem(ByteSequence.of(signature));
        return new SignatureHeaders(label, si, s);
    }
}
