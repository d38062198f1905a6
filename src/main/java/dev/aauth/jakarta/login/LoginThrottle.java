package dev.aauth.jakarta.login;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Rate limit of failed sign-in attempts, per username and per client address: after {@code
 * maxPerUser} failures for one username (or {@code maxPerClient} from one client) within {@code
 * window}, further attempts are refused, without checking the password, until the oldest failure
 * leaves the window. A success clears the username's failures. Plain Java, thread-safe, in memory
 * (per server process; bounded: the least recently failed keys are forgotten beyond {@code
 * maxKeys}).
 */
public final class LoginThrottle {

    public static final int DEFAULT_MAX_PER_USER = 5;
    public static final int DEFAULT_MAX_PER_CLIENT = 20;
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

    private final Clock clock;
    private final int maxPerUser;
    private final int maxPerClient;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures;

    public LoginThrottle(
            Clock clock, int maxPerUser, int maxPerClient, Duration window, int maxKeys) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxPerUser = maxPerUser;
        this.maxPerClient = maxPerClient;
        this.window = Objects.requireNonNull(window, "window");
        this.failures =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
                        return size() > maxKeys;
                    }
                };
    }

    public LoginThrottle(Clock clock) {
        this(clock, DEFAULT_MAX_PER_USER, DEFAULT_MAX_PER_CLIENT, DEFAULT_WINDOW, 100_000);
    }

    /** When the attempt is refused: until when. Empty when the attempt may be checked. */
    public synchronized Optional<Instant> blockedUntil(String username, String client) {
        Instant now = clock.instant();
        Optional<Instant> user = blocked("u:" + username, maxPerUser, now);
        Optional<Instant> from = blocked("c:" + client, maxPerClient, now);
        if (user.isPresent() && from.isPresent()) {
            return Optional.of(user.get().isAfter(from.get()) ? user.get() : from.get());
        }
        return user.isPresent() ? user : from;
    }

    public synchronized void failed(String username, String client) {
        Instant now = clock.instant();
        failures.computeIfAbsent("u:" + username, k -> new ArrayDeque<>()).addLast(now);
        failures.computeIfAbsent("c:" + client, k -> new ArrayDeque<>()).addLast(now);
    }

    public synchronized void succeeded(String username) {
        failures.remove("u:" + username);
    }

    private Optional<Instant> blocked(String key, int max, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.removeFirst();
        }
        if (times.isEmpty()) {
            failures.remove(key);
            return Optional.empty();
        }
        // blocked while `max` failures lie in the window; free when the one that made it `max`
        // leaves
        return times.size() >= max
                ? Optional.of(
                        times.stream()
                                .skip(times.size() - max)
                                .findFirst()
                                .orElseThrow()
                                .plus(window))
                : Optional.empty();
    }
}
