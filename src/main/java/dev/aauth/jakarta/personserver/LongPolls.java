package dev.aauth.jakarta.personserver;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.personserver.DeferredResponses;
import dev.aauth.personserver.HeldPolls;
import dev.aauth.personserver.TokenExchange;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Held polls ({@code Prefer: wait=N}, "Deferred Responses"): "The Prefer: wait=N header ([RFC7240])
 * MAY be included on polling requests to signal the agent's willingness to wait for a long-poll
 * response."
 *
 * <p>A held poll keeps no request thread: the JAX-RS request is suspended ({@link AsyncResponse})
 * and held by the core's {@link HeldPolls} on the container's {@link
 * ManagedScheduledExecutorService}, woken by events (issue 15), not by re-reading its request on a
 * timer: a transition of the request on this instance wakes it at once ({@link
 * PendingNotifications}), one on another instance through PostgreSQL {@code LISTEN}/{@code NOTIFY}
 * ({@link PendingListener}), and a slow safety re-check ({@code
 * aauth.person-server.wait-safety-interval}, one query for all held polls) makes good a lost
 * wake-up. It answers as soon as what the agent would see changes (status, a question of the
 * person, or the request leaving its open states: approved, denied, expired, ...) or when the wait
 * is over, whichever comes first. The poll was admitted (rate limit) when it arrived; its answer's
 * {@code Retry-After} counts from that admission, so an agent that waits it out is never told
 * {@code slow_down}.
 */
@ApplicationScoped
public class LongPolls {

    private static final Logger LOG = Logger.getLogger(LongPolls.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject AAuthConfig config;
    @Inject PendingRequests pending;
    @Inject PendingNotifications notifications;
    @Inject PendingListener listener;
    @Inject Clock clock;

    private volatile HeldPolls held;

    /** The wait a poll asks for, capped at {@code aauth.person-server.max-wait}. */
    public Duration maxWait() {
        return config.longPolls().maxWait();
    }

    /** The held polls, started with the first one (and the listener, on PostgreSQL). */
    HeldPolls held() {
        HeldPolls h = held;
        if (h == null) {
            synchronized (this) {
                h = held;
                if (h == null) {
                    h =
                            new HeldPolls(
                                    notifications.wakeups(),
                                    new StorePendingVersions(pending),
                                    scheduler,
                                    clock,
                                    config.longPolls().safetyInterval());
                    held = h;
                    HeldPolls started = h;
                    listener.start(() -> scheduler.execute(started::safetyCheck));
                }
            }
        }
        return h;
    }

    @PreDestroy
    void stop() {
        HeldPolls h = held;
        if (h != null) {
            h.close();
        }
    }

    /**
     * Holds {@code async} until the state {@code seen} of request {@code id} changes or {@code
     * wait} is over, then resumes it with {@code render} of the poll's answer (or of its error).
     */
    public void hold(
            AsyncResponse async,
            String id,
            TokenExchange.Poller poller,
            DeferredResponses.Waiting seen,
            Duration wait,
            Function<DeferredResponses.PollAnswer, Response> render,
            Function<AAuthException, Response> error) {
        // a safety net: resumed even if the held polls stop (e.g. the application stops)
        AtomicReference<HeldPolls.Handle> handle = new AtomicReference<>();
        async.setTimeout(
                wait.toMillis() + config.longPolls().safetyInterval().toMillis() + 5_000,
                TimeUnit.MILLISECONDS);
        async.setTimeoutHandler(
                a -> {
                    HeldPolls.Handle h = handle.get();
                    if (h != null) {
                        h.finish();
                    } else {
                        a.resume(respond(() -> render.apply(poller.answer()), error));
                    }
                });
        handle.set(
                held().hold(
                                id,
                                wait,
                                new HeldPolls.Poll() {
                                    @Override
                                    public boolean changed() {
                                        if (async.isCancelled() || async.isDone()) {
                                            return true;
                                        }
                                        Optional<DeferredResponses.Waiting> now = poller.peek();
                                        return now.isEmpty() || !now.get().sameStateAs(seen);
                                    }

                                    @Override
                                    public void answer() {
                                        if (async.isDone()) {
                                            return;
                                        }
                                        async.resume(
                                                respond(
                                                        () -> render.apply(poller.answer()),
                                                        error));
                                    }
                                }));
    }

    private static Response respond(
            java.util.function.Supplier<Response> answer,
            Function<AAuthException, Response> error) {
        try {
            return answer.get();
        } catch (AAuthException e) {
            return error.apply(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "held poll failed", e);
            return error.apply(new AAuthException(AAuthError.SERVER_ERROR, "internal error"));
        }
    }
}
