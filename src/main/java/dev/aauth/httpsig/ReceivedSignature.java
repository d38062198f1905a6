package dev.aauth.httpsig;

/**
 * One signature taken from a message: its label, what it covers, and the signature bytes. Returned
 * before verification (so a profile can check required components, {@code created} and {@code alg}
 * before fetching a key) and after it.
 */
public final class ReceivedSignature {

    private final String label;
    private final SignatureInput input;
    private final byte[] signature;

    ReceivedSignature(String label, SignatureInput input, byte[] signature) {
        this.label = label;
        this.input = input;
        this.signature = signature;
    }

    public String label() {
        return label;
    }

    /** The covered components and signature parameters. */
    public SignatureInput input() {
        return input;
    }

    /** A copy of the signature bytes. */
    public byte[] signature() {
        return signature.clone();
    }

    /** How many bytes the signature has (no copy). */
    public int signatureLength() {
        return signature.length;
    }

    byte[] signatureBytes() {
        return signature;
    }

    @Override
    public String toString() {
        return label + "=" + input.serialize();
    }
}
