package dev.aauth.personserver;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PendingWakeups} within one process: a map from pending request id to its subscribers.
 * Thread-safe; {@link #publish} of an id nobody holds costs one map lookup. A subscriber that
 * throws does not keep the others from being woken.
 */
public final class InProcessPendingWakeups implements PendingWakeups {

    private final ConcurrentHashMap<String, Set<Runnable>> subscribers = new ConcurrentHashMap<>();

    @Override
    public Subscription subscribe(String pendingId, Runnable wake) {
        Objects.requireNonNull(pendingId, "pendingId");
        Objects.requireNonNull(wake, "wake");
        // a fresh object per subscription, so the same Runnable may subscribe twice
        Runnable mine = wake::run;
        subscribers.compute(
                pendingId,
                (id, set) -> {
                    Set<Runnable> s = set == null ? ConcurrentHashMap.newKeySet() : set;
                    s.add(mine);
                    return s;
                });
        return () ->
                subscribers.computeIfPresent(
                        pendingId,
                        (id, set) -> {
                            set.remove(mine);
                            return set.isEmpty() ? null : set;
                        });
    }

    @Override
    public void publish(String pendingId) {
        Set<Runnable> set = subscribers.get(pendingId);
        if (set == null) {
            return;
        }
        for (Runnable wake : set) {
            try {
                wake.run();
            } catch (RuntimeException e) {
                // one subscriber's failure is its own: the safety re-check answers its poll
            }
        }
    }

    /** How many request ids have at least one subscriber (for tests and the benchmark). */
    public int subscribedIds() {
        return subscribers.size();
    }
}
