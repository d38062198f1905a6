package dev.aauth.discovery;

import static dev.aauth.id.SecurityMode.DEVELOPMENT;
import static dev.aauth.id.SecurityMode.STRICT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.testing.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JwksCacheTest {

    private static final String ISS = "https://agent.example";
    private static final String META = ISS + "/.well-known/aauth-agent.json";
    private static final String JWKS = "https://keys.agent.example/jwks.json";

    private static final Jwk K1 =
            SigningKey.generate(SignatureAlgorithm.ED25519, "k1").publicJwk().withKid("k1");
    private static final Jwk K2 =
            SigningKey.generate(SignatureAlgorithm.ED25519, "k2").publicJwk().withKid("k2");

    /** Serves canned responses per URL and counts calls; a URL can be switched to failing. */
    static final class FakeFetcher implements HttpFetcher {
        final Map<String, FetchResult> responses = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Map<String, Boolean> failing = new ConcurrentHashMap<>();

        /** URLs whose fetch times out (the fetcher's I/O failure as the cause). */
        final Map<String, Boolean> timingOut = new ConcurrentHashMap<>();

        volatile CountDownLatch entered;
        volatile CountDownLatch release;

        @Override
        public FetchResult get(String url, AAuthError codeOnFailure) {
            calls.computeIfAbsent(url, k -> new AtomicInteger()).incrementAndGet();
            if (url.equals(JWKS) && release != null) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (timingOut.getOrDefault(url, false)) {
                throw new AAuthException(
                        codeOnFailure, "fetch timed out", new SocketTimeoutException("read"));
            }
            FetchResult r = responses.get(url);
            if (r == null || failing.getOrDefault(url, false)) {
                throw new AAuthException(codeOnFailure, "fetch failed");
            }
            return r;
        }

        int calls(String url) {
            AtomicInteger n = calls.get(url);
            return n == null ? 0 : n.get();
        }

        void serve(String url, String body, String... headers) {
            serveStatus(url, 200, body, headers);
        }

        void serveStatus(String url, int status, String body, String... headers) {
            Map<String, List<String>> h = new LinkedHashMap<>();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                h.computeIfAbsent(headers[i], k -> new ArrayList<>()).add(headers[i + 1]);
            }
            responses.put(url, new FetchResult(status, h, body.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private final MutableClock clock =
            new MutableClock(java.time.Instant.ofEpochMilli(1_700_000_000_000L));
    private final FakeFetcher fetcher = new FakeFetcher();

    private static String metadata(String issuer, String jwksUri) {
        return "{\"issuer\":\""
                + issuer
                + "\",\"jwks_uri\":\""
                + jwksUri
                + "\",\"client_name\":\"Agent\"}";
    }

    private static String jwks(Jwk... keys) {
        List<Object> list = new ArrayList<>();
        for (Jwk k : keys) {
            list.add(k.toMap());
        }
        return JsonUtil.toJson(Map.of("keys", list));
    }

    private JwksCache cache() {
        return JwksCache.builder(fetcher, STRICT).clock(clock).build();
    }

    private void publish(Jwk... keys) {
        fetcher.serve(META, metadata(ISS, JWKS));
        fetcher.serve(JWKS, jwks(keys));
    }

    private void publishJwks(String cacheControl, Jwk... keys) {
        fetcher.serve(META, metadata(ISS, JWKS));
        fetcher.serve(JWKS, jwks(keys), "Cache-Control", cacheControl);
    }

    private static AAuthException assertUnknownKey(Runnable r) {
        AAuthException e = assertThrows(AAuthException.class, r::run);
        assertEquals(AAuthError.UNKNOWN_KEY, e.error());
        return e;
    }

    // ------------------------------------------------------------------ MUST cache

    @Test
    @DisplayName("Implementations MUST cache JWKS responses")
    void implementationsMustCacheJwksResponses() {
        publish(K1);
        JwksCache cache = cache();
        assertTrue(cache.findKey(ISS, MetadataDocument.AGENT, "k1").sameKeyAs(K1));
        clock.advance(Duration.ofMinutes(30));
        assertTrue(cache.findKey(ISS, MetadataDocument.AGENT, "k1").sameKeyAs(K1));
        assertEquals(1, fetcher.calls(META));
        assertEquals(1, fetcher.calls(JWKS));
    }

    @Test
    @DisplayName("metadata documents are cached with the same rules")
    void metadataDocumentsAreCached() {
        publish(K1);
        JwksCache cache = cache();
        MetadataDocument md = cache.metadata(ISS, MetadataDocument.AGENT);
        assertEquals("Agent", md.clientName().orElseThrow());
        assertSame(md, cache.metadata(ISS, MetadataDocument.AGENT));
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        assertEquals(1, fetcher.calls(META));
        assertEquals(1, fetcher.calls(JWKS));
    }

    @Test
    @DisplayName(
            "issue 12: a fetch refused by the concurrency bound is a 503 without a cached copy, answers from the cache with one, and starts no backoff")
    void busyFetcherIsA503WithoutCacheAndNoBackoff() {
        publish(K1);
        java.util.concurrent.atomic.AtomicBoolean busy =
                new java.util.concurrent.atomic.AtomicBoolean(true);
        HttpFetcher sometimesBusy =
                (url, code) -> {
                    if (busy.get()) {
                        throw AAuthException.retryAfter(
                                AAuthError.TEMPORARILY_UNAVAILABLE, "busy", 1);
                    }
                    return fetcher.get(url, code);
                };
        JwksCache cache = JwksCache.builder(sometimesBusy, STRICT).clock(clock).build();
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> cache.findKey(ISS, MetadataDocument.AGENT, "k1"));
        assertEquals(AAuthError.TEMPORARILY_UNAVAILABLE, e.error());
        assertEquals(1, e.retryAfter());
        busy.set(false); // at once, without waiting out a backoff
        assertTrue(cache.findKey(ISS, MetadataDocument.AGENT, "k1").sameKeyAs(K1));
        busy.set(true);
        clock.advance(Duration.ofHours(2)); // stale: refreshing is refused, the cached key answers
        assertTrue(cache.findKey(ISS, MetadataDocument.AGENT, "k1").sameKeyAs(K1));
    }

    // ------------------------------------------------------------------ cache headers

    @Test
    @DisplayName("SHOULD respect HTTP cache headers: Cache-Control max-age")
    void cacheControlMaxAgeIsRespected() {
        publishJwks("max-age=120", K1);
        JwksCache cache = cache();
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        clock.advance(Duration.ofSeconds(119));
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        assertEquals(1, fetcher.calls(JWKS));
        clock.advance(Duration.ofSeconds(1));
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        assertEquals(2, fetcher.calls(JWKS));
    }

    @Test
    @DisplayName("Cache-Control: no-store is cached for the minimum TTL (one minute)")
    void noStoreIsCachedForTheMinimumTtl() {
        publishJwks("no-store", K1);
        JwksCache cache = cache();
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        clock.advance(Duration.ofSeconds(59));
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        assertEquals(1, fetcher.calls(JWKS));
        clock.advance(Duration.ofSeconds(1));
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        assertEquals(2, fetcher.calls(JWKS));
    }

    @Test
    @DisplayName("SHOULD respect HTTP cache headers: Expires")
    void expiresIsRespected() {
        fetcher.serve(META, metadata(ISS, JWKS));
        fetcher.serve(
                JWKS,
                jwks(K1),
                "Date",
                "Tue, 14 Nov 2023 22:13:20 GMT",
                "Expires",
                "Tue, 14 Nov 2023 22:23:20 GMT"); // 600 s
        JwksCache cache = cache();
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        clock.advance(Duration.ofSeconds(599));
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        assertEquals(1, fetcher.calls(JWKS));
        clock.advance(Duration.ofSeconds(1));
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        assertEquals(2, fetcher.calls(JWKS));
    }

    @Test
    @DisplayName(
            "Cached JWKS entries SHOULD be discarded after a maximum of 24 hours regardless of cache headers")
    void cachedJwksIsRefetchedAfter24HoursRegardlessOfCacheHeaders() {
        publishJwks("max-age=31536000", K1);
        JwksCache cache = cache();
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        assertEquals(1, fetcher.calls(JWKS));
        clock.advance(Duration.ofSeconds(1));
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        assertEquals(2, fetcher.calls(JWKS));
    }

    @Test
    @DisplayName("after 24 hours a cached JWKS is not trusted even when refreshing fails")
    void cachedJwksIsDiscardedAfter24HoursEvenIfRefreshFails() {
        publishJwks("max-age=60", K1);
        JwksCache cache = cache();
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        fetcher.failing.put(JWKS, true);
        clock.advance(Duration.ofHours(24).minusSeconds(1));
        assertTrue(
                cache.findKey(ISS, MetadataDocument.AGENT, "k1").sameKeyAs(K1)); // stale but < 24 h
        clock.advance(Duration.ofSeconds(1));
        assertUnknownKey(() -> cache.findKey(ISS, MetadataDocument.AGENT, "k1"));
    }

    // ------------------------------------------------------------------ unknown kid, once per
    // minute

    @Test
    @DisplayName(
            "When an implementation encounters an unknown kid ... it SHOULD refresh the cached JWKS")
    void unknownKidRefreshesTheJwksOnce() {
        publish(K1);
        JwksCache cache = cache();
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        publish(K1, K2); // key rotation
        clock.advance(Duration.ofMinutes(1));
        assertTrue(cache.findKey(ISS, MetadataDocument.AGENT, "k2").sameKeyAs(K2));
        assertEquals(2, fetcher.calls(JWKS));
        assertEquals(1, fetcher.calls(META)); // metadata still fresh: only the JWKS is refreshed
    }

    @Test
    @DisplayName("MUST NOT fetch a given issuer's JWKS more frequently than once per minute")
    void mustNotFetchAnIssuersJwksMoreThanOncePerMinute() {
        publish(K1);
        JwksCache cache = cache();
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        for (int i = 0; i < 50; i++) {
            String kid = "random-" + i;
            assertUnknownKey(() -> cache.findKey(ISS, MetadataDocument.AGENT, kid));
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(1, fetcher.calls(JWKS)); // 50 unknown kids within 50 s: no refetch
        clock.advance(Duration.ofSeconds(10)); // now 60 s after the first fetch
        assertUnknownKey(() -> cache.findKey(ISS, MetadataDocument.AGENT, "random-x"));
        assertUnknownKey(() -> cache.findKey(ISS, MetadataDocument.AGENT, "random-y"));
        assertEquals(2, fetcher.calls(JWKS));
    }

    @Test
    @DisplayName("an unknown kid after the refresh is unknown_key (or the caller's code)")
    void unknownKidAfterRefreshIsUnknownKey() {
        publish(K1);
        JwksCache cache = cache();
        AAuthException e =
                assertUnknownKey(() -> cache.findKey(ISS, MetadataDocument.AGENT, "nope"));
        assertTrue(e.detail().contains("kid"), e.detail());
        AAuthException remapped =
                assertThrows(
                        AAuthException.class,
                        () ->
                                cache.findKey(
                                        ISS,
                                        MetadataDocument.AGENT,
                                        "nope",
                                        AAuthError.INVALID_JWT));
        assertEquals(AAuthError.INVALID_JWT, remapped.error());
        assertEquals(1, fetcher.calls(JWKS));
    }

    @Test
    void minFetchIntervalCannotBeConfiguredBelowOneMinute() {
        assertThrows(
                IllegalArgumentException.class,
                () -> JwksCache.builder(fetcher, STRICT).minFetchInterval(Duration.ofSeconds(59)));
        assertThrows(
                IllegalArgumentException.class,
                () -> JwksCache.builder(fetcher, STRICT).maxAge(Duration.ofHours(25)));
        assertThrows(
                IllegalArgumentException.class,
                () -> JwksCache.builder(fetcher, STRICT).maxTtl(Duration.ofDays(2)));
    }

    // ------------------------------------------------------------------ failures

    @Test
    @DisplayName("If a JWKS fetch fails, implementations SHOULD use the cached JWKS if available")
    void staleJwksIsServedWhenFetchFails() {
        publishJwks("max-age=60", K1);
        JwksCache cache = cache();
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        fetcher.failing.put(JWKS, true);
        clock.advance(Duration.ofMinutes(5));
        assertTrue(cache.findKey(ISS, MetadataDocument.AGENT, "k1").sameKeyAs(K1));
        assertEquals(2, fetcher.calls(JWKS)); // it did try
        fetcher.serveStatus(JWKS, 500, "oops");
        fetcher.failing.remove(JWKS);
        clock.advance(Duration.ofMinutes(5));
        assertTrue(
                cache.findKey(ISS, MetadataDocument.AGENT, "k1")
                        .sameKeyAs(K1)); // non-200 is a failure too
        assertEquals(3, fetcher.calls(JWKS));
    }

    @Test
    @DisplayName("... and SHOULD retry with exponential backoff")
    void failedFetchesAreRetriedWithExponentialBackoff() {
        publishJwks("max-age=60", K1);
        JwksCache cache = cache();
        cache.findKey(ISS, MetadataDocument.AGENT, "k1"); // t=0
        fetcher.failing.put(JWKS, true);
        clock.advance(Duration.ofSeconds(60));
        List<Integer> attemptsAt = new ArrayList<>();
        for (int second = 60; second <= 960; second++) {
            int before = fetcher.calls(JWKS);
            cache.findKey(ISS, MetadataDocument.AGENT, "k1"); // the stale copy keeps being served
            if (fetcher.calls(JWKS) > before) {
                attemptsAt.add(second);
            }
            clock.advance(Duration.ofSeconds(1));
        }
        // each failure doubles the wait: 60, 120, 240, 480 s
        assertEquals(List.of(60, 120, 240, 480, 960), attemptsAt);
        // the 5th failure would wait 960 s, but the backoff is capped at 15 min: next attempt at
        // 960 + 900
        fetcher.failing.remove(JWKS);
        int before = fetcher.calls(JWKS);
        clock.advance(Duration.ofSeconds(1859 - 961));
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        assertEquals(before, fetcher.calls(JWKS));
        clock.advance(Duration.ofSeconds(1));
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        assertEquals(before + 1, fetcher.calls(JWKS));
        clock.advance(Duration.ofSeconds(59)); // success resets the backoff and is fresh for 60 s
        cache.findKey(ISS, MetadataDocument.AGENT, "k1");
        assertEquals(before + 1, fetcher.calls(JWKS));
    }

    @Test
    @DisplayName(
            "a failure with nothing cached is also backed off: a dead issuer costs one fetch per period")
    void coldFailureIsBackedOff() {
        JwksCache cache = cache(); // nothing served: every fetch fails
        assertUnknownKey(() -> cache.findKey(ISS, MetadataDocument.AGENT, "k1"));
        assertUnknownKey(() -> cache.findKey(ISS, MetadataDocument.AGENT, "k1"));
        assertEquals(1, fetcher.calls(META));
        assertEquals(0, fetcher.calls(JWKS));
        AAuthException md =
                assertThrows(
                        AAuthException.class, () -> cache.metadata(ISS, MetadataDocument.AGENT));
        assertEquals(AAuthError.INVALID_REQUEST, md.error());
        clock.advance(Duration.ofMinutes(1));
        publish(K1);
        assertTrue(cache.findKey(ISS, MetadataDocument.AGENT, "k1").sameKeyAs(K1));
        assertEquals(2, fetcher.calls(META));
    }

    // ------------------------------------------------------------------ unreachable issuers

    @Test
    @DisplayName(
            "issue 12, cold cache: an issuer that times out with nothing cached is 503 temporarily_unavailable with Retry-After, never the caller's code, and its metadata is retried after 1 s, doubling")
    void unreachableIssuerWithNothingCachedIs503AndRetriedSoon() {
        JwksCache cache = cache();
        fetcher.timingOut.put(META, true);
        AAuthException first =
                assertThrows(
                        AAuthException.class,
                        () ->
                                cache.findKey(
                                        ISS,
                                        MetadataDocument.AGENT,
                                        "k1",
                                        AAuthError.INVALID_RESOURCE_TOKEN));
        assertEquals(AAuthError.TEMPORARILY_UNAVAILABLE, first.error());
        assertEquals(1, first.retryAfter());
        // within the second: no new fetch, still a 503 (never invalid_resource_token)
        AAuthException again =
                assertThrows(
                        AAuthException.class,
                        () ->
                                cache.findKey(
                                        ISS,
                                        MetadataDocument.AGENT,
                                        "k1",
                                        AAuthError.INVALID_RESOURCE_TOKEN));
        assertEquals(AAuthError.TEMPORARILY_UNAVAILABLE, again.error());
        assertEquals(1, fetcher.calls(META));
        // the second failure waits 2 s
        clock.advance(Duration.ofSeconds(1));
        assertThrows(AAuthException.class, () -> cache.findKey(ISS, MetadataDocument.AGENT, "k1"));
        assertEquals(2, fetcher.calls(META));
        clock.advance(Duration.ofSeconds(1));
        AAuthException waiting =
                assertThrows(
                        AAuthException.class,
                        () -> cache.findKey(ISS, MetadataDocument.AGENT, "k1"));
        assertEquals(1, waiting.retryAfter());
        assertEquals(2, fetcher.calls(META));
        // the issuer answers again: served at the next attempt, not a minute later
        fetcher.timingOut.remove(META);
        publish(K1);
        clock.advance(Duration.ofSeconds(1));
        assertTrue(cache.findKey(ISS, MetadataDocument.AGENT, "k1").sameKeyAs(K1));
        assertEquals(3, fetcher.calls(META));
    }

    @Test
    @DisplayName(
            "an unreachable JWKS with nothing cached is a 503 too, but keeps the minute: implementations MUST NOT fetch a given issuer's JWKS more frequently than once per minute")
    void unreachableJwksIs503AndStillOncePerMinute() {
        publish(K1);
        fetcher.timingOut.put(JWKS, true);
        JwksCache cache = cache();
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> cache.findKey(ISS, MetadataDocument.AGENT, "k1"));
        assertEquals(AAuthError.TEMPORARILY_UNAVAILABLE, e.error());
        assertEquals(60, e.retryAfter());
        fetcher.timingOut.remove(JWKS);
        clock.advance(Duration.ofSeconds(59));
        assertEquals(
                AAuthError.TEMPORARILY_UNAVAILABLE,
                assertThrows(
                                AAuthException.class,
                                () -> cache.findKey(ISS, MetadataDocument.AGENT, "k1"))
                        .error());
        assertEquals(1, fetcher.calls(JWKS));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(cache.findKey(ISS, MetadataDocument.AGENT, "k1").sameKeyAs(K1));
        assertEquals(2, fetcher.calls(JWKS));
    }

    @Test
    @DisplayName(
            "an HTTP 503 or 429 from the issuer is unreachable too; a 404 is the issuer's answer (the caller's code, a minute's backoff)")
    void serverErrorsAreTransientNotFoundIsNot() {
        fetcher.serveStatus(META, 503, "busy");
        JwksCache cache = cache();
        assertEquals(
                AAuthError.TEMPORARILY_UNAVAILABLE,
                assertThrows(
                                AAuthException.class,
                                () -> cache.findKey(ISS, MetadataDocument.AGENT, "k1"))
                        .error());
        fetcher.serveStatus(META, 429, "slow down");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(
                AAuthError.TEMPORARILY_UNAVAILABLE,
                assertThrows(
                                AAuthException.class,
                                () -> cache.findKey(ISS, MetadataDocument.AGENT, "k1"))
                        .error());
        fetcher.serveStatus(META, 404, "no");
        clock.advance(Duration.ofSeconds(2));
        assertUnknownKey(() -> cache.findKey(ISS, MetadataDocument.AGENT, "k1"));
        assertEquals(3, fetcher.calls(META));
        clock.advance(Duration.ofSeconds(30));
        assertUnknownKey(() -> cache.findKey(ISS, MetadataDocument.AGENT, "k1"));
        assertEquals(3, fetcher.calls(META));
    }

    @Test
    @DisplayName("metadata whose issuer differs from the fetched identifier is refused")
    void metadataIssuerMustMatch() {
        fetcher.serve(META, metadata("https://evil.example", JWKS));
        fetcher.serve(JWKS, jwks(K1));
        JwksCache cache = cache();
        assertUnknownKey(() -> cache.findKey(ISS, MetadataDocument.AGENT, "k1"));
        assertEquals(0, fetcher.calls(JWKS));
    }

    @Test
    void malformedJwksIsAFailure() {
        fetcher.serve(META, metadata(ISS, JWKS));
        fetcher.serve(JWKS, "{\"keys\":\"nope\"}");
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                cache().findKey(
                                                ISS,
                                                MetadataDocument.AGENT,
                                                "k1",
                                                AAuthError.INVALID_JWT));
        assertEquals(AAuthError.INVALID_JWT, e.error());
    }

    @Test
    void oversizedMetadataIsRefused() {
        fetcher.serve(
                META, metadata(ISS, JWKS).replace("\"Agent\"", "\"" + "a".repeat(100) + "\""));
        JwksCache cache =
                JwksCache.builder(fetcher, STRICT).clock(clock).maxMetadataBytes(100).build();
        assertThrows(AAuthException.class, () -> cache.metadata(ISS, MetadataDocument.AGENT));
    }

    @Test
    @DisplayName("invalid issuer, dwk or kid are refused without any fetch")
    void invalidInputsAreRefusedWithoutFetching() {
        publish(K1);
        JwksCache cache = cache();
        assertUnknownKey(() -> cache.findKey("http://agent.example", MetadataDocument.AGENT, "k1"));
        assertUnknownKey(
                () -> cache.findKey("https://agent.example/", MetadataDocument.AGENT, "k1"));
        assertUnknownKey(() -> cache.findKey("https://localhost", MetadataDocument.AGENT, "k1"));
        assertUnknownKey(() -> cache.findKey(ISS, "../jwks", "k1"));
        assertUnknownKey(() -> cache.findKey(ISS, MetadataDocument.AGENT, null));
        assertUnknownKey(() -> cache.findKey(ISS, MetadataDocument.AGENT, ""));
        assertUnknownKey(() -> cache.findKey(null, MetadataDocument.AGENT, "k1"));
        assertTrue(fetcher.calls.isEmpty());
        assertEquals(0, cache.size());
    }

    // ------------------------------------------------------------------ bounded

    @Test
    @DisplayName(
            "bounded number of issuers: LRU eviction, never of an entry fetched within the last minute")
    void numberOfIssuersIsBounded() {
        String[] issuers = {"https://a.example", "https://b.example", "https://c.example"};
        for (String iss : issuers) {
            fetcher.serve(iss + "/.well-known/aauth-agent.json", metadata(iss, iss + "/jwks"));
            fetcher.serve(iss + "/jwks", jwks(K1));
        }
        JwksCache cache = JwksCache.builder(fetcher, STRICT).clock(clock).maxEntries(2).build();
        cache.findKey(issuers[0], MetadataDocument.AGENT, "k1");
        cache.findKey(issuers[1], MetadataDocument.AGENT, "k1");
        clock.advance(Duration.ofSeconds(30));
        assertUnknownKey(() -> cache.findKey(issuers[2], MetadataDocument.AGENT, "k1"));
        assertEquals(0, fetcher.calls(issuers[2] + "/.well-known/aauth-agent.json"));
        assertEquals(2, cache.size());

        clock.advance(Duration.ofSeconds(30));
        cache.findKey(issuers[1], MetadataDocument.AGENT, "k1"); // b becomes most recently used
        cache.findKey(issuers[2], MetadataDocument.AGENT, "k1"); // evicts a
        assertEquals(2, cache.size());
        assertEquals(1, fetcher.calls(issuers[1] + "/jwks"));
        cache.findKey(issuers[1], MetadataDocument.AGENT, "k1"); // b is still cached
        assertEquals(1, fetcher.calls(issuers[1] + "/jwks"));
    }

    // ------------------------------------------------------------------ end to end

    @Test
    @DisplayName("end to end in DEVELOPMENT: SafeHttpFetcher against a loopback server")
    void endToEndOverLoopbackInDevelopment() throws Exception {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String iss = "http://127.0.0.1:" + server.getAddress().getPort();
        AtomicInteger jwksHits = new AtomicInteger();
        server.createContext(
                "/.well-known/aauth-resource.json",
                ex ->
                        respond(
                                ex,
                                "{\"issuer\":\""
                                        + iss
                                        + "\",\"jwks_uri\":\""
                                        + iss
                                        + "/jwks\","
                                        + "\"scope_descriptions\":{\"data.read\":\"Read\"}}"));
        server.createContext(
                "/jwks",
                ex -> {
                    jwksHits.incrementAndGet();
                    ex.getResponseHeaders().add("Cache-Control", "max-age=300");
                    respond(ex, jwks(K1));
                });
        server.start();
        try {
            JwksCache cache =
                    JwksCache.builder(SafeHttpFetcher.create(DEVELOPMENT), DEVELOPMENT)
                            .clock(clock)
                            .build();
            assertTrue(cache.findKey(iss, MetadataDocument.RESOURCE, "k1").sameKeyAs(K1));
            assertTrue(cache.findKey(iss, MetadataDocument.RESOURCE, "k1").sameKeyAs(K1));
            assertEquals(
                    "Read",
                    cache.metadata(iss, MetadataDocument.RESOURCE)
                            .scopeDescriptions()
                            .get("data.read"));
            assertEquals(1, jwksHits.get());
            AAuthException strict =
                    assertThrows(
                            AAuthException.class,
                            () ->
                                    JwksCache.builder(SafeHttpFetcher.create(STRICT), STRICT)
                                            .build()
                                            .findKey(iss, MetadataDocument.RESOURCE, "k1"));
            assertEquals(AAuthError.UNKNOWN_KEY, strict.error());
        } finally {
            server.stop(0);
        }
    }

    private static void respond(HttpExchange ex, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ------------------------------------------------------------------ single flight

    private static void awaitState(Thread t, Thread.State state) {
        while (t.getState() != state) {
            Thread.onSpinWait();
        }
    }

    @Test
    @Timeout(10)
    @DisplayName(
            "single flight: concurrent misses for one issuer cause one fetch; other issuers are not blocked")
    void concurrentMissesCauseOneFetch() throws Exception {
        publish(K1);
        String other = "https://other.example";
        fetcher.serve(other + "/.well-known/aauth-agent.json", metadata(other, other + "/jwks"));
        fetcher.serve(other + "/jwks", jwks(K2));
        JwksCache cache = cache();
        fetcher.entered = new CountDownLatch(1);
        fetcher.release = new CountDownLatch(1);

        AtomicReference<Jwk> a = new AtomicReference<>();
        AtomicReference<Jwk> b = new AtomicReference<>();
        Thread first = new Thread(() -> a.set(cache.findKey(ISS, MetadataDocument.AGENT, "k1")));
        first.start();
        fetcher.entered.await(); // first is inside the JWKS fetch
        Thread second = new Thread(() -> b.set(cache.findKey(ISS, MetadataDocument.AGENT, "k1")));
        second.start();
        awaitState(second, Thread.State.BLOCKED); // waiting for the in-flight fetch

        assertTrue(cache.findKey(other, MetadataDocument.AGENT, "k2").sameKeyAs(K2)); // not blocked

        fetcher.release.countDown();
        first.join();
        second.join();
        assertTrue(a.get().sameKeyAs(K1));
        assertSame(a.get(), b.get());
        assertEquals(1, fetcher.calls(JWKS));
        assertEquals(1, fetcher.calls(META));
    }
}
