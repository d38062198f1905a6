package dev.aauth.agent;

import dev.aauth.token.PersonToken;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's -11 person tokens: "An agent SHOULD cache a person token for a resource until it
 * expires rather than requesting one per call. A person token is scoped to one resource and, when
 * it carries mission_s256, to one mission, so an agent working across several resources or several
 * concurrent missions holds one per combination." Keyed by resource, mission ({@code mission_s256}
 * or "") and upstream token ({@link AgentCall#upstreamKey()}: a person token obtained on behalf of
 * a caller names that caller's person); usable until {@code margin} before {@code exp}, and only
 * with the key it is bound to: "an agent that rotates its signing key invalidates all of them at
 * once; the agent SHOULD re-request lazily, on next use of each resource" ({@link #dropKey} forgets
 * them, the next challenge asks again). Bounded: a full cache purges expired entries, then stops
 * caching. Thread-safe.
 */
public final class PersonTokenCache {

    /**
     * Which person token: the resource ({@code aud}), the mission or "", the upstream key or "".
     */
    public record Key(String resource, String mission, String upstream) {

        public Key {
            Objects.requireNonNull(resource, "resource");
            mission = mission == null ? "" : mission;
            upstream = upstream == null ? "" : upstream;
        }
    }

    private record Entry(PersonToken token, String jkt) {}

    private final Clock clock;
    private final Duration margin;
    private final int maxEntries;
    private final Map<Key, Entry> tokens = new ConcurrentHashMap<>();

    public PersonTokenCache(Clock clock, Duration margin, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.margin = Objects.requireNonNull(margin, "margin");
        this.maxEntries = maxEntries;
    }

    /** Caches {@code token}, bound to the key with thumbprint {@code jkt}. */
    public void put(Key key, PersonToken token, String jkt) {
        if (tokens.size() >= maxEntries) {
            tokens.entrySet().removeIf(e -> !usable(e.getValue().token()));
        }
        if (tokens.size() < maxEntries || tokens.containsKey(key)) {
            tokens.put(key, new Entry(token, jkt));
        }
    }

    /** The token under {@code key}, if bound to {@code jkt} and not within the margin of exp. */
    public Optional<PersonToken> get(Key key, String jkt) {
        Entry e = tokens.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (!e.jkt().equals(jkt) || !usable(e.token())) {
            tokens.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.token());
    }

    /** Forgets every token bound to the key {@code jkt} (the agent rotated its key). */
    public void dropKey(String jkt) {
        tokens.values().removeIf(e -> e.jkt().equals(jkt));
    }

    public void clear() {
        tokens.clear();
    }

    public int size() {
        return tokens.size();
    }

    private boolean usable(PersonToken t) {
        return clock.instant().plus(margin).getEpochSecond() < t.expiresAt();
    }
}
