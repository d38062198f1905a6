package dev.aauth.personserver;

/**
 * Wake-ups of the polls held on this instance (issue 15: "Long polls woken by events, not by
 * polling"), keyed by pending request id. Whoever changes a pending request publishes its id once
 * the change is committed (this instance: the store's transitions; other instances: PostgreSQL
 * {@code NOTIFY}, relayed by this instance's listener); a held poll subscribes while it is held and
 * re-reads its request when woken. A wake-up is only a hint: the store stays the truth, a
 * subscriber re-reads before it answers, and a lost wake-up is made good by the safety re-check of
 * {@link HeldPolls}.
 */
public interface PendingWakeups {

    /**
     * Runs {@code wake} on every later {@link #publish} of {@code pendingId}, until the returned
     * subscription is cancelled. {@code wake} runs on the publisher's thread: it must only hand the
     * work on (e.g. to an executor), never block.
     */
    Subscription subscribe(String pendingId, Runnable wake);

    /** Wakes the subscribers of {@code pendingId} on this instance; none is a no-op. */
    void publish(String pendingId);

    /** One subscription; cancelling twice is harmless. */
    interface Subscription {
        void cancel();
    }
}
