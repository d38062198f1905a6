package dev.aauth.jakarta.keys;

import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jakarta.store.SigningKeys;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SigningKey;
import dev.aauth.token.TokenIssuer;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Produces this origin's {@link ServerKeySet} from the database ({@link StoredKeys}: shared by
 * every instance of the issuer, rotated every {@code aauth.keys.rotation-interval}) and runs {@link
 * StoredKeys#tick} every {@code aauth.keys.refresh-interval} on the server's default {@code
 * ManagedScheduledExecutorService}.
 *
 * <p>{@code aauth.keys.dir} is an import: a private JWK file {@code
 * <dir>/<host>[_<port>].private.jwk.json} found there becomes the issuer's first key when the
 * database has none (a deployment that kept its key in a file keeps its {@code kid}); once the
 * database has keys the file is ignored. Nothing is written to the directory.
 */
@ApplicationScoped
public class ServerKeys {

    private static final Logger LOG = Logger.getLogger(ServerKeys.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject AAuthConfig config;

    private ScheduledFuture<?> refresh;

    @Produces
    @Singleton
    public StoredKeys storedKeys(SigningKeys store, Clock clock) {
        return new StoredKeys(
                config.issuer(),
                store,
                imported(config.keysDir(), config.issuer(), config.securityMode()),
                config.keysRotationInterval(),
                maxTokenLifetime(config),
                config.keysRefreshInterval(),
                clock);
    }

    /** This origin's key set. */
    @Produces
    @Singleton
    public ServerKeySet serverKeySet(StoredKeys keys) {
        return keys.keySet();
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object started, StoredKeys keys) {
        long every = config.keysRefreshInterval().toMillis();
        refresh =
                scheduler.scheduleWithFixedDelay(
                        () -> {
                            try {
                                keys.tick();
                            } catch (RuntimeException e) {
                                LOG.log(
                                        Level.WARNING,
                                        "signing key refresh failed; the keys in memory stay in use",
                                        e);
                            }
                        },
                        every,
                        every,
                        TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (refresh != null) {
            refresh.cancel(false);
        }
    }

    /**
     * The longest lifetime of a token this origin signs, by role: how long a rotated-out key must
     * stay published.
     */
    static Duration maxTokenLifetime(AAuthConfig config) {
        Duration max = TokenIssuer.MAX_RESOURCE_TOKEN_LIFETIME;
        if (config.hasRole(Role.AGENT_PROVIDER)
                && config.agentProvider().tokenLifetime().compareTo(max) > 0) {
            max = config.agentProvider().tokenLifetime();
        }
        if (config.hasRole(Role.PERSON_SERVER)
                && config.personServer().tokenLifetime().compareTo(max) > 0) {
            max = config.personServer().tokenLifetime();
        }
        return max;
    }

    /** The key file of {@code issuer} in {@code dir}, if there is one. */
    static Optional<SigningKey> imported(Optional<Path> dir, String issuer, SecurityMode mode) {
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        Path file = dir.get().resolve(fileName(issuer, mode));
        return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
    }

    /** {@code localhost_9081.private.jwk.json} for {@code http://localhost:9081}. */
    static String fileName(String issuer, SecurityMode mode) {
        return ServerIdentifier.parse(issuer, mode).authority().replace(':', '_')
                + ".private.jwk.json";
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
            throw new IllegalStateException(
                    file + " is not a usable private JWK: " + e.detail(), e);
        }
    }
}
