package dev.aauth.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CacheTtlTest {

    private static final Duration MIN = Duration.ofMinutes(1);
    private static final Duration DEFAULT = Duration.ofHours(1);
    private static final Duration MAX = Duration.ofHours(24);
    private static final long NOW = 1_700_000_000_000L; // 2023-11-14T22:13:20Z

    private static long ttl(String... headers) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.computeIfAbsent(headers[i], k -> new java.util.ArrayList<>()).add(headers[i + 1]);
        }
        return CacheTtl.ttlMillis(new FetchResult(200, h, new byte[0]), NOW, DEFAULT, MIN, MAX)
                / 1000;
    }

    @Test
    void maxAgeIsUsed() {
        assertEquals(600, ttl("cache-control", "public, max-age=600"));
        assertEquals(600, ttl("cache-control", "max-age=\"600\""));
        assertEquals(300, ttl("cache-control", "max-age=600", "cache-control", "max-age=300"));
    }

    @Test
    void ageIsSubtracted() {
        assertEquals(500, ttl("cache-control", "max-age=600", "age", "100"));
    }

    @Test
    @DisplayName("no-store / no-cache: the minimum TTL (caching is a MUST)")
    void noStoreGivesTheMinimumTtl() {
        assertEquals(60, ttl("cache-control", "no-store"));
        assertEquals(60, ttl("cache-control", "max-age=600, no-cache"));
        assertEquals(60, ttl("cache-control", "max-age=0"));
        assertEquals(60, ttl("cache-control", "max-age=abc"));
    }

    @Test
    void expiresIsMeasuredFromDate() {
        assertEquals(
                300,
                ttl(
                        "date",
                        "Tue, 14 Nov 2023 22:13:20 GMT",
                        "expires",
                        "Tue, 14 Nov 2023 22:18:20 GMT"));
        assertEquals(300, ttl("expires", "Tue, 14 Nov 2023 22:18:20 GMT"));
        assertEquals(60, ttl("expires", "0"));
        assertEquals(600, ttl("cache-control", "max-age=600", "expires", "0"));
    }

    @Test
    @DisplayName(
            "Cached JWKS entries SHOULD be discarded after a maximum of 24 hours regardless of cache headers")
    void ttlIsAtMost24Hours() {
        assertEquals(86_400, ttl("cache-control", "max-age=31536000"));
        assertEquals(86_400, ttl("cache-control", "max-age=99999999999999999999"));
    }

    @Test
    void defaultWithoutHeaders() {
        assertEquals(3600, ttl());
    }
}
