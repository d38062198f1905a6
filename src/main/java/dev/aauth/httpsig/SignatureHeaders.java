package dev.aauth.httpsig;

/**
 * The result of signing: the Dictionary members to add to the message, as field values of their own
 * (a further field line merges into an existing Dictionary, RFC 9421 Section 4.3).
 *
 * @param label the signature label
 * @param signatureInput the {@code Signature-Input} field value, e.g. {@code
 *     sig=("@method");created=1}
 * @param signature the {@code Signature} field value, e.g. {@code sig=:base64:}
 */
public record SignatureHeaders(String label, String signatureInput, String signature) {}
