package dev.aauth.httpsig;

/**
 * The {@code HTTP_VERIFY} primitive (RFC 9421 Section 3.3): checks signature bytes over the
 * re-created signature base with the verification key the application has chosen.
 */
@FunctionalInterface
public interface MessageVerifier {

    /**
     * True when {@code signature} is a valid signature of {@code signatureBase}; never throws for a
     * bad signature.
     */
    boolean verify(byte[] signatureBase, byte[] signature);

    /**
     * The algorithm this verifier applies (registry name such as {@code ed25519}), or null when it
     * is not known here. RFC 9421 Section 3.2 step 6.4: "If the algorithm is specified in more than
     * one location ... the resolved algorithms MUST be the same."
     */
    default String algorithm() {
        return null;
    }
}
