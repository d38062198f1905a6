package dev.aauth.jose;

import java.math.BigInteger;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A decoded public key ready to verify signatures, built once per {@link Jwk} (see {@link
 * Jwk#verificationKey()}) so the point decoding and validation is never repeated per request.
 *
 * <p>Immutable and thread-safe: every call creates its own (small) BouncyCastle signer state.
 * {@code verify} never throws for a malformed signature: a wrong length, an out-of-range scalar or
 * a non-canonical encoding is simply {@code false}.
 */
public abstract sealed class VerificationKey
        permits VerificationKey.Ed25519Key, VerificationKey.P256Key {

    /** Every signature this class loader's keys computed a verification for (issue 12). */
    private static final LongAdder VERIFICATIONS = new LongAdder();

    private VerificationKey() {}

    /**
     * How many signatures (JWS and HTTP message signatures alike) were verified, cryptographically,
     * since this class was loaded: every call that reached the curve arithmetic, whatever its
     * result. Issue 12 scenario 6 counts them to show that junk is refused before any verification;
     * an application exposes it only in development mode.
     */
    public static long verificationCount() {
        return VERIFICATIONS.sum();
    }

    /** The one algorithm this key verifies. */
    public abstract SignatureAlgorithm algorithm();

    /** Verifies {@code signature} over all of {@code data}. */
    public final boolean verify(byte[] data, byte[] signature) {
        return verify(data, 0, data.length, signature);
    }

    /** Verifies {@code signature} over {@code data[off, off+len)}. */
    public final boolean verify(byte[] data, int off, int len, byte[] signature) {
        if (signature == null) {
            return false;
        }
        return verify(data, off, len, signature, 0, signature.length);
    }

    /**
     * Verifies {@code signature[sigOff, sigOff+sigLen)} over {@code data[off, off+len)}.
     *
     * @return {@code false} for any signature that does not verify, including one of the wrong
     *     length or with out-of-range values
     * @throws IndexOutOfBoundsException if the ranges do not fit the arrays (a caller bug)
     */
    public final boolean verify(
            byte[] data, int off, int len, byte[] signature, int sigOff, int sigLen) {
        Objects.checkFromIndexSize(off, len, data.length);
        if (signature == null) {
            return false;
        }
        Objects.checkFromIndexSize(sigOff, sigLen, signature.length);
        if (sigLen != SignatureAlgorithm.SIGNATURE_LENGTH) {
            return false;
        }
        VERIFICATIONS.increment();
        try {
            return doVerify(data, off, len, signature, sigOff);
        } catch (RuntimeException e) {
            // BouncyCastle signals some malformed encodings by exception; a bad signature is just
            // false.
            return false;
        }
    }

    abstract boolean doVerify(byte[] data, int off, int len, byte[] sig, int sigOff);

    /** Ed25519 key; {@code null} if the 32 bytes are not a valid, non-small-order curve point. */
    static VerificationKey ed25519OrNull(byte[] x) {
        if (x.length != Ed25519.PUBLIC_KEY_SIZE) {
            return null;
        }
        // Decodes the point once; null for a non-canonical encoding, a non-point or a small-order
        // point.
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyPartialExport(x, 0);
        return point == null ? null : new Ed25519Key(new Ed25519PublicKeyParameters(point));
    }

    /** P-256 key for a point already validated by {@link NamedCurve#pointOrNull}. */
    static VerificationKey p256(ECPoint q) {
        return new P256Key(new ECPublicKeyParameters(q, NamedCurve.P_256.domain));
    }

    /**
     * Pure Ed25519 (RFC 8032 section 5.1.7). Calls the key parameters' verify directly, which is
     * what {@code Ed25519Signer} does after buffering the whole message in a ByteArrayOutputStream:
     * calling it directly avoids that copy. BouncyCastle rejects S &gt;= L and non-canonical R.
     */
    static final class Ed25519Key extends VerificationKey {
        private final Ed25519PublicKeyParameters key;

        Ed25519Key(Ed25519PublicKeyParameters key) {
            this.key = key;
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return SignatureAlgorithm.ED25519;
        }

        @Override
        boolean doVerify(byte[] data, int off, int len, byte[] sig, int sigOff) {
            return key.verify(Ed25519.Algorithm.Ed25519, null, data, off, len, sig, sigOff);
        }
    }

    /**
     * ECDSA P-256 / SHA-256 with an IEEE P1363 signature: {@code r || s}, each exactly 32 bytes
     * big-endian (RFC 7518 section 3.4). r and s must lie in [1, n-1].
     */
    static final class P256Key extends VerificationKey {
        private static final BigInteger N = NamedCurve.P_256.domain.getN();
        private final ECPublicKeyParameters key;

        P256Key(ECPublicKeyParameters key) {
            this.key = key;
        }

        @Override
        public SignatureAlgorithm algorithm() {
            return SignatureAlgorithm.ECDSA_P256_SHA256;
        }

        @Override
        boolean doVerify(byte[] data, int off, int len, byte[] sig, int sigOff) {
            BigInteger r = new BigInteger(1, sig, sigOff, 32);
            BigInteger s = new BigInteger(1, sig, sigOff + 32, 32);
            if (r.signum() == 0 || s.signum() == 0 || r.compareTo(N) >= 0 || s.compareTo(N) >= 0) {
                return false;
            }
            SHA256Digest digest = new SHA256Digest();
            digest.update(data, off, len);
            byte[] hash = new byte[32];
            digest.doFinal(hash, 0);
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, key);
            return verifier.verifySignature(hash, r, s);
        }
    }
}
