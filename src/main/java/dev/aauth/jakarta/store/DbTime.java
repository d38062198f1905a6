package dev.aauth.jakarta.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants as the columns hold them: {@code TIMESTAMP WITH TIME ZONE}, microsecond precision
 * (PostgreSQL's), in UTC; mapped as {@link OffsetDateTime}, which every Jakarta Persistence 3
 * provider supports.
 */
final class DbTime {

    private DbTime() {}

    static OffsetDateTime of(Instant instant) {
        return instant == null
                ? null
                : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
