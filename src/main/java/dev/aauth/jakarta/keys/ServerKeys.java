package dev.aauth.jakarta.keys;

import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jose.Base64Url;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Produces this origin's {@link ServerKeySet}: one Ed25519 key ("EdDSA is RECOMMENDED").
 *
 * <p>Without {@code aauth.keys.dir} a new key is generated at every start: tokens signed before a
 * restart stop verifying (verifiers refetch the JWKS on the unknown {@code kid}), which is fine for
 * five-minute resource tokens in a demo. With it, the key is kept as a private JWK JSON file
 * {@code <dir>/<host>[_<port>].private.jwk.json} (named after the issuer, so origins may share the
 * directory), created with owner-only permissions on first start and loaded on later ones. The file
 * is a secret. A later issue moves keys (and their rotation) to the database.
 */
@ApplicationScoped
public class ServerKeys {

    private static final Logger LOG = Logger.getLogger(ServerKeys.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** This origin's key set. */
    @Produces
    @Singleton
    public ServerKeySet serverKeySet(AAuthConfig config) {
        return new ServerKeySet(load(config.keysDir(), config.issuer(), config.securityMode()));
    }

    /** The key from {@code dir}, created there if absent; a fresh key when {@code dir} is empty. */
    static SigningKey load(Optional<Path> dir, String issuer, SecurityMode mode) {
        if (dir.isEmpty()) {
            return generate();
        }
        Path file = dir.get().resolve(fileName(issuer, mode));
        try {
            if (Files.isRegularFile(file)) {
                return read(file);
            }
            Files.createDirectories(dir.get());
            SigningKey key = generate();
            write(file, key);
            LOG.info(() -> "created signing key " + key.kid().orElse("") + " in " + file);
            return key;
        } catch (FileAlreadyExistsException e) {
            return read(file); // another origin of the same issuer won the race
        } catch (IOException e) {
            throw new UncheckedIOException(AAuthConfig.KEYS_DIR + ": cannot use " + file, e);
        }
    }

    /** {@code localhost_9081.private.jwk.json} for {@code http://localhost:9081}. */
    static String fileName(String issuer, SecurityMode mode) {
        return ServerIdentifier.parse(issuer, mode).authority().replace(':', '_') + ".private.jwk.json";
    }

    private static SigningKey generate() {
        byte[] kid = new byte[9];
        RANDOM.nextBytes(kid);
        return SigningKey.generate(SignatureAlgorithm.ED25519, Base64Url.encode(kid));
    }

    private static SigningKey read(Path file) {
        try {
            SigningKey key = SigningKey.fromJwkJson(Files.readString(file, StandardCharsets.UTF_8));
            if (key.kid().isEmpty()) {
                throw new IllegalStateException(file + ": the private JWK has no kid");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(AAuthConfig.KEYS_DIR + ": cannot read " + file, e);
        } catch (AAuthException e) {
            throw new IllegalStateException(file + " is not a usable private JWK: " + e.detail(), e);
        }
    }

    private static void write(Path file, SigningKey key) throws IOException {
        byte[] json = key.toPrivateJwkJson().getBytes(StandardCharsets.UTF_8);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, json, StandardOpenOption.TRUNCATE_EXISTING);
        } else {
            Files.write(file, json, StandardOpenOption.CREATE_NEW);
        }
    }
}
