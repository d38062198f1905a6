package dev.aauth.jakarta.personserver;

import dev.aauth.discovery.JwksCache;
import dev.aauth.discovery.SafeHttpFetcher;
import dev.aauth.error.AAuthError;
import dev.aauth.jakarta.boundary.CoreProducers;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jakarta.store.DatabaseReplayCache;
import dev.aauth.jakarta.store.IssuedTokens;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.token.Dwk;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Person Server's revocation objects: the revocation endpoint's logic, the fan-out to resources
 * on the server's default {@code ManagedExecutorService} (Jakarta Concurrency), and the sweep that
 * retries undelivered notices every {@link RevocationNotices#SWEEP_INTERVAL} on its default {@code
 * ManagedScheduledExecutorService}. Calls to resources are bounded: connect {@link
 * #CONNECT_TIMEOUT}, {@link #TOTAL_TIMEOUT} in all.
 */
@ApplicationScoped
public class RevocationProducers {

    private static final Logger LOG = Logger.getLogger(RevocationProducers.class.getName());
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(5);

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject AAuthConfig config;

    private ScheduledFuture<?> sweep;

    @Produces
    @Singleton
    public RevocationNotices revocationNotices(
            JwksCache jwks, IssuedTokens tokens, ServerKeySet keys, Clock clock) {
        SafeHttpFetcher fetcher =
                SafeHttpFetcher.builder(config.securityMode())
                        .clock(clock)
                        .connectTimeout(CONNECT_TIMEOUT)
                        .readTimeout(TOTAL_TIMEOUT)
                        .totalTimeout(TOTAL_TIMEOUT)
                        .build();
        ResourceRevocationClient client =
                new ResourceRevocationClient(
                        config.issuer(),
                        keys,
                        resource -> jwks.metadata(resource, Dwk.RESOURCE, AAuthError.SERVER_ERROR),
                        fetcher::post,
                        clock);
        return new RevocationNotices(tokens, client, executor, clock);
    }

    @Produces
    @Singleton
    public TokenRevocation tokenRevocation(
            SignatureKeyResolver keys,
            IssuedTokens tokens,
            RevocationNotices notices,
            DatabaseReplayCache replays,
            dev.aauth.jakarta.store.Revocations revocations,
            Clock clock) {
        return new TokenRevocation(
                config.issuer(),
                new AAuthRequestVerifier(
                        TokenRevocation.policy(),
                        keys,
                        clock,
                        replays,
                        CoreProducers.SERVER_BODY_COMPONENTS),
                tokens,
                notices,
                new StoreRevokedAgentTokens(revocations),
                clock);
    }

    /** On Person Server origins: the retry sweep. */
    void start(
            @Observes @Initialized(ApplicationScoped.class) Object started,
            RevocationNotices notices) {
        if (!config.hasRole(Role.PERSON_SERVER)) {
            return;
        }
        long every = RevocationNotices.SWEEP_INTERVAL.toMillis();
        sweep =
                scheduler.scheduleWithFixedDelay(
                        () -> {
                            try {
                                notices.deliverDue();
                            } catch (RuntimeException e) {
                                LOG.log(Level.WARNING, "revocation sweep failed", e);
                            }
                        },
                        every,
                        every,
                        TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }
}
