package dev.aauth.jakarta.personserver;

import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.store.IssuedToken;
import dev.aauth.jakarta.store.IssuedTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The fan-out of revocations to resources: "when a person revokes an agent or a consent, the PS
 * calls the resources' revocation endpoints for outstanding tokens" ({@link
 * ResourceRevocationClient} makes each call).
 *
 * <p>Failure handling, decided here:
 *
 * <ul>
 *   <li>The revocation itself is synchronous and durable: the token's row in {@code issued_tokens}
 *       is marked revoked (and its notice due) before anyone is called; the person's page never
 *       waits for a resource.
 *   <li>Each call runs on the {@link Executor} (the server's {@code ManagedExecutorService}),
 *       bounded by the fetcher's timeouts (connect 2 s, 5 s in all).
 *   <li>A resource that is down, refuses, or has no {@code revocation_endpoint} is recorded on the
 *       row ({@code notice_attempts}, {@code notice_error}) and retried by {@link #deliverDue()}
 *       (run every {@link #SWEEP_INTERVAL} by the server) with back-off {@link #backoff} (10 s, 20
 *       s, 40 s, ..., at most 5 minutes) until it answers 2xx ({@code notified_at}) or the token
 *       expires: an expired auth token is refused anyway, so retrying stops there (at most one
 *       hour).
 *   <li>Each attempt is claimed with a conditional {@code UPDATE} ({@link
 *       IssuedTokens#claimNotice}), so several instances of the PS sweeping the same database call
 *       a resource once per attempt; a duplicate call would be harmless ("200 OK if the token was
 *       revoked or was already invalid").
 * </ul>
 */
public final class RevocationNotices {

    private static final Logger LOG = Logger.getLogger(RevocationNotices.class.getName());

    /** How often the server runs {@link #deliverDue()}. */
    public static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    static final int SWEEP_BATCH = 100;

    private final IssuedTokens tokens;
    private final ResourceRevocationClient client;
    private final Executor executor;
    private final Clock clock;

    public RevocationNotices(
            IssuedTokens tokens, ResourceRevocationClient client, Executor executor, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.client = Objects.requireNonNull(client, "client");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Marks each token revoked (those revoked already are left as they are) and schedules the calls
     * to their resources; returns the tokens this call revoked.
     */
    public List<IssuedToken> revoke(List<IssuedToken> outstanding) {
        List<IssuedToken> revoked =
                outstanding.stream().filter(t -> tokens.revoke(t.jti())).toList();
        if (!revoked.isEmpty()) {
            submit(revoked);
        }
        return revoked;
    }

    /** Calls the resources of revoked tokens whose notice is due (first attempts and retries). */
    public int deliverDue() {
        List<IssuedToken> due = tokens.noticesDue(SWEEP_BATCH);
        int delivered = 0;
        for (IssuedToken t : due) {
            if (attempt(t)) {
                delivered++;
            }
        }
        return delivered;
    }

    private void submit(List<IssuedToken> revoked) {
        try {
            executor.execute(
                    () -> revoked.forEach(t -> tokens.find(t.jti()).ifPresent(this::attempt)));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.WARNING, "revocation notices queued for the next sweep", e);
        }
    }

    /** One claimed attempt; true when the resource acknowledged. */
    boolean attempt(IssuedToken t) {
        String resource = t.audience().orElse(null);
        if (resource == null
                || t.notifiedAt().isPresent()
                || !tokens.claimNotice(
                        t.jti(),
                        t.noticeAttempts(),
                        clock.instant().plus(backoff(t.noticeAttempts() + 1)))) {
            return false;
        }
        try {
            client.revoke(resource, t.jti());
            tokens.noticeDelivered(t.jti());
            return true;
        } catch (AAuthException e) {
            tokens.noticeFailed(t.jti(), e.detail());
            LOG.info(
                    () ->
                            "revocation of "
                                    + t.jti()
                                    + " not yet acknowledged by "
                                    + resource
                                    + ": "
                                    + e.detail());
        } catch (RuntimeException e) {
            tokens.noticeFailed(t.jti(), e.getClass().getSimpleName());
            LOG.log(Level.WARNING, "revocation notice to " + resource + " failed", e);
        }
        return false;
    }

    /** The wait after attempt {@code n} (1-based) failed: 10 s doubling, at most 5 minutes. */
    static Duration backoff(int n) {
        Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(n - 1, 0), 10));
        return d.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : d;
    }
}
