package dev.aauth.bench;

import java.security.SecureRandom;
import java.util.function.BooleanSupplier;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * One Ed25519 verify (BouncyCastle, as the server verifies), timed in a single-threaded loop in the
 * benchmark's own process: the unit issue 15 measures protection against ("extra server CPU per
 * protected request at most 1.3x one Ed25519 verify measured in the same run").
 */
final class Ed25519VerifyTiming {

    private Ed25519VerifyTiming() {}

    /**
     * Microseconds per verify of a signature over {@code inputBytes} bytes: 2 s warm-up, then 4 s
     * timed.
     */
    static double verifyMicros(int inputBytes) {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
        Ed25519PublicKeyParameters pub = key.generatePublicKey();
        byte[] input = new byte[inputBytes];
        new SecureRandom().nextBytes(input);
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        key.sign(Ed25519.Algorithm.Ed25519, null, input, 0, input.length, signature, 0);
        BooleanSupplier verify =
                () ->
                        pub.verify(
                                Ed25519.Algorithm.Ed25519,
                                null,
                                input,
                                0,
                                input.length,
                                signature,
                                0);
        if (!verify.getAsBoolean()) {
            throw new IllegalStateException("the timing input does not verify");
        }
        loop(2_000, verify);
        return loop(4_000, verify);
    }

    /** Runs {@code op} for {@code millis}; microseconds per call. */
    static double loop(long millis, BooleanSupplier op) {
        long end = System.nanoTime() + millis * 1_000_000;
        long n = 0;
        boolean all = true;
        long start = System.nanoTime();
        while (System.nanoTime() < end) {
            for (int i = 0; i < 64; i++) {
                all &= op.getAsBoolean();
            }
            n += 64;
        }
        if (!all) {
            throw new IllegalStateException("an operation failed in the timed loop");
        }
        return (System.nanoTime() - start) / 1000.0 / n;
    }
}
