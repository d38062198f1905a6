package dev.aauth.jakarta.login;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Salted, slow password hashes: Argon2id (RFC 9106) from BouncyCastle, in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (base64 without padding), with OWASP's
 * minimum parameters (19 MiB, 2 passes, 1 lane) and a 16-byte random salt. Verification reads the
 * parameters from the stored string, so they can be raised later without invalidating stored
 * hashes. Plain Java.
 *
 * <p>Administrators hash a password with the {@link #main} command (see docs/persons.md) and
 * configure the result in {@code aauth.person-server.persons}.
 */
public final class PasswordHashes {

    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    /** Refuse stored parameters that would let a bad row exhaust the server (1 GiB, 10 passes). */
    static final int MAX_MEMORY_KIB = 1024 * 1024;

    static final int MAX_ITERATIONS = 10;

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random;

    public PasswordHashes(SecureRandom random) {
        this.random = random;
    }

    public PasswordHashes() {
        this(new SecureRandom());
    }

    /** A new hash of {@code password} with a fresh salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m="
                + MEMORY_KIB
                + ",t="
                + ITERATIONS
                + ",p="
                + PARALLELISM
                + "$"
                + B64.encodeToString(salt)
                + "$"
                + B64.encodeToString(hash);
    }

    /**
     * Whether {@code password} matches {@code stored}; false for a malformed or unsupported stored
     * value.
     */
    public boolean verify(char[] password, String stored) {
        Optional<Parsed> parsed = parse(stored);
        if (parsed.isEmpty()) {
            return false;
        }
        Parsed p = parsed.get();
        byte[] actual =
                argon2(password, p.salt, p.memory, p.iterations, p.parallelism, p.hash.length);
        return MessageDigest.isEqual(actual, p.hash);
    }

    /**
     * A hash of nothing in particular, computed when the username is unknown so that an unknown
     * user costs the same time as a wrong password (no username enumeration by timing).
     */
    public void burn(char[] password) {
        argon2(password, new byte[SALT_BYTES], MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
    }

    private record Parsed(int memory, int iterations, int parallelism, byte[] salt, byte[] hash) {}

    static Optional<Parsed> parse(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        String[] parts = stored.split("\\$", -1);
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6
                || !parts[0].isEmpty()
                || !parts[1].equals("argon2id")
                || !parts[2].equals("v=19")) {
            return Optional.empty();
        }
        try {
            int m = -1;
            int t = -1;
            int p = -1;
            for (String kv : parts[3].split(",")) {
                String[] pair = kv.split("=", 2);
                int v = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> m = v;
                    case "t" -> t = v;
                    case "p" -> p = v;
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] hash = B64D.decode(parts[5]);
            if (m < 8
                    || m > MAX_MEMORY_KIB
                    || t < 1
                    || t > MAX_ITERATIONS
                    || p < 1
                    || p > 16
                    || salt.length < 8
                    || hash.length < 16
                    || hash.length > 64) {
                return Optional.empty();
            }
            return Optional.of(new Parsed(m, t, p, salt, hash));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static byte[] argon2(
            char[] password, byte[] salt, int memory, int iterations, int parallelism, int length) {
        Argon2Parameters params =
                new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                        .withMemoryAsKB(memory)
                        .withIterations(iterations)
                        .withParallelism(parallelism)
                        .withSalt(salt)
                        .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] utf8 = toUtf8(password);
        try {
            byte[] out = new byte[length];
            generator.generateBytes(utf8, out);
            return out;
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    private static byte[] toUtf8(char[] password) {
        var buffer = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /**
     * The administrator's command: prints the hash of the password read from standard input (one
     * line), for {@code aauth.person-server.persons}.
     */
    public static void main(String[] args) throws java.io.IOException {
        java.io.Console console = System.console();
        char[] password =
                console != null
                        ? console.readPassword("password: ")
                        : new java.io.BufferedReader(
                                        new java.io.InputStreamReader(
                                                System.in, StandardCharsets.UTF_8))
                                .readLine()
                                .toCharArray();
        if (password == null || password.length == 0) {
            System.err.println("no password given");
            System.exit(2);
        }
        System.out.println(new PasswordHashes().hash(password));
    }
}
