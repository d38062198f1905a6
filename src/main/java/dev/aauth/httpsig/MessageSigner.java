package dev.aauth.httpsig;

/**
 * The {@code HTTP_SIGN} primitive (RFC 9421 Section 3.3): signs the signature base bytes with a
 * key. Kept independent of any key library; an adapter over the project's keys implements it.
 */
@FunctionalInterface
public interface MessageSigner {

    /**
     * The signature output for {@code signatureBase} (for Ed25519 64 bytes, for ECDSA P-256 r||s).
     */
    byte[] sign(byte[] signatureBase);

    /**
     * The algorithm name of the HTTP Message Signature Algorithms registry (e.g. {@code ed25519}),
     * or null when unknown. When both this and the {@code alg} parameter are set they must agree.
     */
    default String algorithm() {
        return null;
    }

    /**
     * The key identifier, or null. Informational: the signer never adds {@code keyid} by itself.
     */
    default String keyId() {
        return null;
    }
}
