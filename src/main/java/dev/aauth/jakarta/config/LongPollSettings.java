package dev.aauth.jakarta.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Person Server holds polls that carry {@code Prefer: wait=N} ("Deferred Responses"), read
 * and checked by {@link AAuthConfig}.
 *
 * @param maxWait the server's bound on {@code N}: a poll is held at most this long
 * @param safetyInterval how often the requests of all the polls held on an instance are re-read
 *     together (one query), in case a wake-up was lost: held polls are woken by events (issue 15),
 *     this is the slow safety re-check
 */
public record LongPollSettings(Duration maxWait, Duration safetyInterval) {

    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SAFETY_INTERVAL = Duration.ofSeconds(5);

    public LongPollSettings {
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(safetyInterval, "safetyInterval");
    }
}
