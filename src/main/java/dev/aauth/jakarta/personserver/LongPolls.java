package dev.aauth.jakarta.personserver;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.personserver.DeferredResponses;
import dev.aauth.personserver.TokenExchange;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * and a task of the container's {@link ManagedScheduledExecutorService} re-reads the request every
 * {@code aauth.person-server.wait-check-interval} (one primary-key read). It answers as soon as
 * what the agent would see changes (status, a question of the person, or the request leaving its
 * open states: approved, denied, expired, ...) or when the wait is over, whichever comes first. The
 * store is the truth, so a change made by another server instance on the same database is seen too.
 * The poll was admitted (rate limit) when it arrived; its answer's {@code Retry-After} counts from
 * that admission, so an agent that waits it out is never told {@code slow_down}.
 */
@ApplicationScoped
public class LongPolls {

    private static final Logger LOG = Logger.getLogger(LongPolls.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject AAuthConfig config;

    /** The wait a poll asks for, capped at {@code aauth.person-server.max-wait}. */
    public Duration maxWait() {
        return config.longPolls().maxWait();
    }

    /**
     * Holds {@code async} until the state {@code seen} changes or {@code wait} is over, then
     * resumes it with {@code render} of the poll's answer (or of its error).
     */
    public void hold(
            AsyncResponse async,
            TokenExchange.Poller poller,
            DeferredResponses.Waiting seen,
            Duration wait,
            Function<DeferredResponses.PollAnswer, Response> render,
            Function<AAuthException, Response> error) {
        long deadline = System.nanoTime() + wait.toNanos();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        Runnable finish =
                () -> {
                    if (done.compareAndSet(false, true)) {
                        ScheduledFuture<?> f = task.get();
                        if (f != null) {
                            f.cancel(false);
                        }
                        async.resume(respond(() -> render.apply(poller.answer()), error));
                    }
                };
        // a safety net: resumed even if the checks stop (e.g. the application stops)
        async.setTimeout(
                wait.toMillis() + config.longPolls().checkInterval().toMillis() + 5_000,
                TimeUnit.MILLISECONDS);
        async.setTimeoutHandler(a -> finish.run());
        long interval = config.longPolls().checkInterval().toMillis();
        task.set(
                scheduler.scheduleWithFixedDelay(
                        () -> {
                            if (done.get()) {
                                return;
                            }
                            if (async.isCancelled() || async.isDone()) {
                                done.set(true);
                                task.get().cancel(false);
                                return;
                            }
                            try {
                                Optional<DeferredResponses.Waiting> now = poller.peek();
                                if (now.isEmpty()
                                        || !now.get().sameStateAs(seen)
                                        || System.nanoTime() - deadline >= 0) {
                                    finish.run();
                                }
                            } catch (RuntimeException e) {
                                finish.run();
                            }
                        },
                        interval,
                        interval,
                        TimeUnit.MILLISECONDS));
        if (done.get()) {
            task.get().cancel(false);
        }
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
