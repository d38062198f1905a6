package dev.aauth.jakarta.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Person Server holds polls that carry {@code Prefer: wait=N} ("Deferred Responses"), read
 * and checked by {@link AAuthConfig}.
 *
 * @param maxWait the server's bound on {@code N}: a poll is held at most this long
 * @param checkInterval how often a held poll re-reads its request in the database (another server
 *     instance sharing the database may have changed it)
 */
public record LongPollSettings(Duration maxWait, Duration checkInterval) {

    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofMillis(250);

    public LongPollSettings {
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(checkInterval, "checkInterval");
    }
}
