package dev.aauth.discovery;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How long a fetched document may be used, from its HTTP cache headers (RFC 9111), clamped.
 *
 * <p>"Implementations MUST cache JWKS responses and SHOULD respect HTTP cache headers ({@code
 * Cache-Control}, {@code Expires}) returned by the JWKS endpoint." Rules, in order:
 *
 * <ol>
 *   <li>{@code Cache-Control: no-store} or {@code no-cache}: the minimum TTL. The document is still
 *       cached, because caching is a MUST and the once-per-minute limit forbids re-fetching sooner.
 *   <li>{@code Cache-Control: max-age=N} (the smallest, if repeated), minus {@code Age}.
 *   <li>{@code Expires} minus {@code Date} (or minus now without {@code Date}); an unparseable
 *       {@code Expires} means already expired.
 *   <li>Otherwise the configured default.
 * </ol>
 *
 * The result is clamped to [minimum, maximum]; the maximum is at most 24 hours: "Cached JWKS
 * entries SHOULD be discarded after a maximum of 24 hours regardless of cache headers".
 */
final class CacheTtl {

    private CacheTtl() {}

    static long ttlMillis(
            FetchResult r, long nowMillis, Duration defaultTtl, Duration min, Duration max) {
        long ttl = fromHeaders(r, nowMillis, defaultTtl.toMillis(), min.toMillis());
        return Math.max(min.toMillis(), Math.min(max.toMillis(), ttl));
    }

    private static long fromHeaders(
            FetchResult r, long nowMillis, long defaultMillis, long minMillis) {
        long maxAge = -1;
        for (String header : r.headerValues("cache-control")) {
            for (String raw : header.split(",")) {
                String directive = raw.trim().toLowerCase(Locale.ROOT);
                if (directive.equals("no-store")
                        || directive.equals("no-cache")
                        || directive.startsWith("no-cache=")) {
                    return minMillis;
                }
                if (directive.startsWith("max-age=")) {
                    long seconds = seconds(directive.substring(8));
                    maxAge = maxAge < 0 ? seconds : Math.min(maxAge, seconds);
                }
            }
        }
        if (maxAge >= 0) {
            long age = r.header("age") == null ? 0 : Math.max(0, seconds(r.header("age")));
            return Math.max(0, maxAge - age) * 1000;
        }
        String expires = r.header("expires");
        if (expires != null) {
            long expiresAt = httpDate(expires);
            if (expiresAt < 0) {
                return 0;
            }
            String date = r.header("date");
            long base = date == null || httpDate(date) < 0 ? nowMillis : httpDate(date);
            return Math.max(0, expiresAt - base);
        }
        return defaultMillis;
    }

    /** delta-seconds, optionally quoted; invalid values count as 0 (stale). */
    private static long seconds(String value) {
        String v = value.trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.isEmpty() || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return v.length() > 10 ? Integer.MAX_VALUE : Long.parseLong(v);
    }

    /** IMF-fixdate (RFC 1123 form); -1 when unparseable. */
    private static long httpDate(String value) {
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
