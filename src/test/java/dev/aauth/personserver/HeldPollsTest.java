package dev.aauth.personserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link HeldPolls} and {@link InProcessPendingWakeups} (issue 15: "Long polls woken by events, not
 * by polling"). One scheduler thread, so that {@link #drain} waits for every task queued before it;
 * no sleeps: latches with bounds.
 */
class HeldPollsTest {

    static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    static final Duration LONG = Duration.ofHours(1);

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final InProcessPendingWakeups wakeups = new InProcessPendingWakeups();
    final Versions versions = new Versions();
    ScheduledExecutorService scheduler;
    HeldPolls held;

    /** The store's side: a version and expiry per id, and how many reads were made. */
    static final class Versions implements PendingVersions {
        final Map<String, Watched> rows = new ConcurrentHashMap<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public Map<String, Watched> watch(Collection<String> ids) {
            reads.incrementAndGet();
            Map<String, Watched> out = new ConcurrentHashMap<>();
            for (String id : ids) {
                Watched w = rows.get(id);
                if (w != null) {
                    out.put(id, w);
                }
            }
            return out;
        }

        void put(String id, long version, Instant expiresAt) {
            rows.put(id, new Watched(version, expiresAt));
        }
    }

    /** A poll whose request "changes" when {@link #change} is set; counts checks and answers. */
    static class FakePoll implements HeldPolls.Poll {
        final AtomicBoolean change = new AtomicBoolean();
        final AtomicInteger checks = new AtomicInteger();
        final AtomicInteger answers = new AtomicInteger();
        final CountDownLatch answered = new CountDownLatch(1);
        volatile CountDownLatch checked = new CountDownLatch(1);

        @Override
        public boolean changed() {
            checks.incrementAndGet();
            checked.countDown();
            return change.get();
        }

        @Override
        public void answer() {
            answers.incrementAndGet();
            answered.countDown();
        }
    }

    @BeforeEach
    void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        held = new HeldPolls(wakeups, versions, scheduler, clock, LONG);
    }

    @AfterEach
    void stop() {
        held.close();
        scheduler.shutdownNow();
    }

    /** Waits until every task queued so far on the one scheduler thread has run. */
    void drain() throws Exception {
        scheduler.submit(() -> {}).get(5, TimeUnit.SECONDS);
    }

    static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertTrue(latch.await(5, TimeUnit.SECONDS), "not within 5 s: " + what);
    }

    @Test
    @DisplayName(
            "a published change of the request wakes its held poll at once: one re-read, answered once")
    void wokenByPublish() throws Exception {
        versions.put("r1", 1, NOW.plus(LONG));
        FakePoll poll = new FakePoll();
        held.hold("r1", LONG, poll);
        drain();
        assertEquals(1, poll.checks.get(), "checked once when held");
        assertEquals(1, held.held());

        poll.change.set(true);
        wakeups.publish("r1");
        await(poll.answered, "answer after the wake-up");
        drain();
        assertEquals(1, poll.answers.get());
        assertEquals(0, held.held());
        assertEquals(0, wakeups.subscribedIds(), "the subscription ends with the poll");
        wakeups.publish("r1");
        drain();
        assertEquals(2, poll.checks.get(), "not checked again once answered");
    }

    @Test
    @DisplayName(
            "a wake-up for another request, or one that changes nothing the agent sees, keeps the poll held")
    void wakeUpWithoutChangeKeepsHolding() throws Exception {
        versions.put("r1", 1, NOW.plus(LONG));
        versions.put("r2", 1, NOW.plus(LONG));
        FakePoll poll = new FakePoll();
        held.hold("r1", LONG, poll);
        drain();
        wakeups.publish("r2");
        drain();
        assertEquals(1, poll.checks.get(), "another request's wake-up is not this poll's");
        wakeups.publish("r1");
        drain();
        assertEquals(2, poll.checks.get());
        assertEquals(0, poll.answers.get());
        assertEquals(1, held.held());
    }

    @Test
    @DisplayName("the end of the wait answers the poll (no event needed)")
    void answeredAtTheEndOfTheWait() throws Exception {
        versions.put("r1", 1, NOW.plus(LONG));
        FakePoll poll = new FakePoll();
        held.hold("r1", Duration.ofMillis(20), poll);
        await(poll.answered, "answer at the end of the wait");
        drain();
        assertEquals(1, poll.answers.get());
        assertEquals(0, held.held());
    }

    @Test
    @DisplayName(
            "a request that expires before the wait is over answers at its expiry (408 follows), from the injected clock")
    void answeredAtExpiry() throws Exception {
        versions.put("r1", 1, NOW.plusMillis(20));
        FakePoll poll = new FakePoll();
        held.hold("r1", LONG, poll);
        await(poll.answered, "answer at the request's expiry");
        assertEquals(1, poll.answers.get());
    }

    @Test
    @DisplayName("an unknown request is answered at once (410 follows)")
    void unknownAnsweredAtOnce() throws Exception {
        FakePoll poll = new FakePoll();
        held.hold("nope", LONG, poll);
        await(poll.answered, "answer of an unknown request");
        assertEquals(0, held.held());
        assertEquals(0, wakeups.subscribedIds());
    }

    @Test
    @DisplayName(
            "a change made before the poll subscribed is seen by its first check: answered at once")
    void changeBeforeHoldIsSeen() throws Exception {
        versions.put("r1", 1, NOW.plus(LONG));
        FakePoll poll = new FakePoll();
        poll.change.set(true);
        held.hold("r1", LONG, poll);
        await(poll.answered, "answer of a request changed before it was held");
    }

    @Test
    @DisplayName(
            "safety re-check: one read for all held requests, whatever their number; only polls whose request's version changed are re-read")
    void safetyCheckOneReadForAll() throws Exception {
        FakePoll[] polls = new FakePoll[50];
        for (int i = 0; i < polls.length; i++) {
            versions.put("r" + i, 7, NOW.plus(LONG));
            polls[i] = new FakePoll();
            held.hold("r" + i, LONG, polls[i]);
        }
        drain();
        int readsBefore = versions.reads.get();
        held.safetyCheck();
        drain();
        assertEquals(readsBefore + 1, versions.reads.get(), "one read for 50 held polls");
        for (FakePoll p : polls) {
            assertEquals(1, p.checks.get(), "nothing changed: no poll re-read");
        }

        // a wake-up was lost: the version moved and the state changed, nobody published
        versions.put("r3", 8, NOW.plus(LONG));
        polls[3].change.set(true);
        versions.rows.remove("r4"); // gone (purged)
        held.safetyCheck();
        await(polls[3].answered, "the changed request's poll");
        drain();
        assertEquals(2, polls[3].checks.get());
        assertEquals(1, polls[5].checks.get(), "an unchanged request's poll is not re-read");
        assertEquals(2, polls[4].checks.get(), "a gone request's poll is re-read (410 follows)");
        assertEquals(49, held.held());
    }

    @Test
    @DisplayName("the safety re-check runs every interval by itself, without any event")
    void safetyCheckRunsOnItsOwn() throws Exception {
        held.close();
        held = new HeldPolls(wakeups, versions, scheduler, clock, Duration.ofMillis(20));
        versions.put("r1", 1, NOW.plus(LONG));
        FakePoll poll = new FakePoll();
        held.hold("r1", LONG, poll);
        drain();
        poll.change.set(true);
        versions.put("r1", 2, NOW.plus(LONG));
        await(poll.answered, "answer found by the periodic safety re-check");
    }

    @Test
    @DisplayName("nothing held: the safety re-check reads nothing")
    void idleReadsNothing() {
        held.safetyCheck();
        assertEquals(0, versions.reads.get());
    }

    @Test
    @DisplayName(
            "a failing read answers the poll (its answer reports the error) rather than holding it blind")
    void failingCheckAnswers() throws Exception {
        versions.put("r1", 1, NOW.plus(LONG));
        FakePoll poll =
                new FakePoll() {
                    @Override
                    public boolean changed() {
                        throw new IllegalStateException("database down");
                    }
                };
        held.hold("r1", LONG, poll);
        await(poll.answered, "answer after a failed check");
    }

    @Test
    @DisplayName("finish (the container's timeout) and close answer each held poll exactly once")
    void finishAndCloseAnswerOnce() throws Exception {
        versions.put("r1", 1, NOW.plus(LONG));
        versions.put("r2", 1, NOW.plus(LONG));
        FakePoll a = new FakePoll();
        FakePoll b = new FakePoll();
        HeldPolls.Handle ha = held.hold("r1", LONG, a);
        held.hold("r2", LONG, b);
        ha.finish();
        ha.finish();
        held.close();
        held.close();
        assertEquals(1, a.answers.get());
        assertEquals(1, b.answers.get());
        assertEquals(0, wakeups.subscribedIds());
    }

    @Test
    @DisplayName(
            "in-process wake-ups: only the published id's subscribers run; a failing one does not stop the others; cancel unsubscribes")
    void inProcessWakeups() {
        AtomicInteger a = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        Runnable failing =
                () -> {
                    throw new IllegalStateException("boom");
                };
        PendingWakeups.Subscription sa = wakeups.subscribe("x", a::incrementAndGet);
        wakeups.subscribe("x", failing);
        PendingWakeups.Subscription sb = wakeups.subscribe("y", b::incrementAndGet);
        wakeups.publish("x");
        assertEquals(List.of(1, 0), List.of(a.get(), b.get()));
        sa.cancel();
        sa.cancel();
        wakeups.publish("x");
        assertEquals(1, a.get());
        sb.cancel();
        assertEquals(1, wakeups.subscribedIds(), "x still has the failing subscriber");
        wakeups.publish("nobody");
    }
}
