package dev.aauth.personserver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Polls held until their request changes ({@code Prefer: wait=N}, "Deferred Responses"), woken by
 * events, not by re-reading each request on a timer (issue 15). A held poll costs no thread: it is
 * a subscription to {@link PendingWakeups}, one scheduled task for the end of its wait (or its
 * request's expiry, if sooner) and an entry in the set of held polls. It is checked (one re-read of
 * its own request) only when
 *
 * <ul>
 *   <li>a wake-up for its request arrives (a decision, a question, a cancellation... on this
 *       instance or, through the database, on another);
 *   <li>the safety re-check, every {@code safetyInterval}, finds its request's {@link
 *       PendingVersions version} changed: one read for all the requests held on this instance (in
 *       batches of {@link #MAX_BATCH}), so that a lost wake-up (the database listener was down)
 *       delays an answer by at most one interval;
 *   <li>it is first held (the state may have changed between the poll's first answer and its
 *       subscription).
 * </ul>
 *
 * It is answered once: when a check says so, at the end of its wait, or when its request expires.
 * Plain Java, thread-safe; the scheduler runs the checks and answers.
 */
public final class HeldPolls implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HeldPolls.class.getName());

    /** At most this many ids are read in one safety re-check query. */
    public static final int MAX_BATCH = 10_000;

    /** One held poll, as the caller sees it. */
    public interface Poll {
        /** Re-reads the request: true when the poll must be answered now (its state changed). */
        boolean changed();

        /** Answers the poll (called once); must not throw. */
        void answer();
    }

    /** The handle of a held poll. */
    public interface Handle {
        /** Answers the poll now unless it already was (e.g. a container's timeout). */
        void finish();
    }

    private final PendingWakeups wakeups;
    private final PendingVersions versions;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Set<Held> held = ConcurrentHashMap.newKeySet();
    private final ScheduledFuture<?> sweep;

    /**
     * @param safetyInterval how often the held polls' requests are re-read together
     */
    public HeldPolls(
            PendingWakeups wakeups,
            PendingVersions versions,
            ScheduledExecutorService scheduler,
            Clock clock,
            Duration safetyInterval) {
        this.wakeups = Objects.requireNonNull(wakeups, "wakeups");
        this.versions = Objects.requireNonNull(versions, "versions");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        long interval = safetyInterval.toMillis();
        if (interval < 1) {
            throw new IllegalArgumentException("safetyInterval must be at least 1 ms");
        }
        this.sweep =
                scheduler.scheduleWithFixedDelay(
                        this::safetyCheck, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Holds {@code poll} on the request {@code pendingId} for at most {@code wait}; answers at once
     * if the request is unknown.
     */
    public Handle hold(String pendingId, Duration wait, Poll poll) {
        Held h = new Held(pendingId, poll);
        held.add(h);
        h.subscription = wakeups.subscribe(pendingId, () -> execute(h::check));
        if (h.done.get()) {
            h.subscription.cancel(); // answered before the subscription was known
            return h;
        }
        try {
            PendingVersions.Watched w = versions.watch(List.of(pendingId)).get(pendingId);
            if (w == null) {
                h.finish();
                return h;
            }
            h.version = w.version();
            Instant now = clock.instant();
            Instant until = now.plus(wait);
            if (w.expiresAt().isBefore(until)) {
                until = w.expiresAt();
            }
            // rounded up: the answer at expiry must find the request expired
            long delay =
                    Math.max(0, (Duration.between(now, until).toNanos() + 999_999) / 1_000_000);
            h.timer = scheduler.schedule(h::finish, delay, TimeUnit.MILLISECONDS);
            if (h.done.get()) {
                h.timer.cancel(false);
            }
        } catch (RuntimeException e) {
            h.finish();
            return h;
        }
        h.check();
        return h;
    }

    /** How many polls are held now. */
    public int held() {
        return held.size();
    }

    /**
     * The safety re-check: one read of the versions of every request a poll is held on; a poll
     * whose request changed (or is gone) is checked. Public for tests; the scheduler runs it.
     */
    public void safetyCheck() {
        if (held.isEmpty()) {
            return;
        }
        try {
            Set<String> ids = new LinkedHashSet<>();
            for (Held h : held) {
                ids.add(h.pendingId);
            }
            Map<String, PendingVersions.Watched> now = new HashMap<>();
            List<String> all = new ArrayList<>(ids);
            for (int i = 0; i < all.size(); i += MAX_BATCH) {
                now.putAll(versions.watch(all.subList(i, Math.min(all.size(), i + MAX_BATCH))));
            }
            for (Held h : held) {
                PendingVersions.Watched w = now.get(h.pendingId);
                if (w == null || w.version() != h.version) {
                    execute(h::check);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "safety re-check of held polls failed; next interval", e);
        }
    }

    /** Stops the safety re-check and answers every held poll. */
    @Override
    public void close() {
        sweep.cancel(false);
        for (Held h : held) {
            h.finish();
        }
    }

    private void execute(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RuntimeException e) {
            task.run(); // the scheduler refuses (shutting down): do it here rather than lose it
        }
    }

    private final class Held implements Handle {
        final String pendingId;
        final Poll poll;
        final AtomicBoolean done = new AtomicBoolean();
        volatile long version = Long.MIN_VALUE;
        volatile PendingWakeups.Subscription subscription;
        volatile ScheduledFuture<?> timer;

        Held(String pendingId, Poll poll) {
            this.pendingId = Objects.requireNonNull(pendingId, "pendingId");
            this.poll = Objects.requireNonNull(poll, "poll");
        }

        void check() {
            if (done.get()) {
                return;
            }
            boolean changed;
            try {
                changed = poll.changed();
            } catch (RuntimeException e) {
                changed = true; // answered: the answer reports what went wrong
            }
            if (changed) {
                finish();
            }
        }

        @Override
        public void finish() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            held.remove(this);
            PendingWakeups.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            poll.answer();
        }
    }
}
