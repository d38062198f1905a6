package dev.aauth.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 12: "a bound on concurrent outbound metadata/JWKS fetches". */
@Timeout(10)
class BoundedHttpFetcherTest {

    static final FetchResult OK = new FetchResult(200, Map.of(), "{}".getBytes());

    /** Fetches of URLs starting with "block" wait on a latch; "fail" throws; others answer OK. */
    static final class BlockingFetcher implements HttpFetcher {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered;

        BlockingFetcher(int expected) {
            entered = new CountDownLatch(expected);
        }

        @Override
        public FetchResult get(String url, AAuthError codeOnFailure) {
            if (url.startsWith("block")) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (url.startsWith("fail")) {
                throw new AAuthException(codeOnFailure, "fetch failed");
            }
            if (url.startsWith("crash")) {
                throw new IllegalStateException("bug");
            }
            return OK;
        }
    }

    @Test
    @DisplayName(
            "the (N+1)th concurrent fetch fails fast with 503 temporarily_unavailable and Retry-After; after release fetches succeed again")
    void nPlusOnethConcurrentFetchIsRefusedThenServedAfterRelease() throws Exception {
        int n = 3;
        BlockingFetcher inner = new BlockingFetcher(n);
        BoundedHttpFetcher bounded = new BoundedHttpFetcher(inner, n, Duration.ZERO);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<FetchResult>> running = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                running.add(pool.submit(() -> bounded.get("block", AAuthError.UNKNOWN_KEY)));
            }
            assertTrue(inner.entered.await(5, TimeUnit.SECONDS), "N fetches running");
            assertEquals(0, bounded.available());

            AAuthException e =
                    assertThrows(
                            AAuthException.class, () -> bounded.get("x", AAuthError.UNKNOWN_KEY));
            assertEquals(AAuthError.TEMPORARILY_UNAVAILABLE, e.error());
            assertEquals(503, e.status());
            assertEquals(BoundedHttpFetcher.RETRY_AFTER_SECONDS, e.retryAfter());
            assertTrue(BoundedHttpFetcher.isBusy(e));

            inner.release.countDown();
            for (Future<FetchResult> f : running) {
                assertSame(OK, f.get(5, TimeUnit.SECONDS));
            }
            assertEquals(n, bounded.available(), "every slot given back");
            assertSame(OK, bounded.get("x", AAuthError.UNKNOWN_KEY));
        } finally {
            inner.release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("a refused fetch waits no longer than the configured bound (never queued)")
    void refusedFetchWaitsAtMostTheBound() throws Exception {
        BlockingFetcher inner = new BlockingFetcher(1);
        BoundedHttpFetcher bounded = new BoundedHttpFetcher(inner, 1, Duration.ofMillis(50));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<FetchResult> running =
                    pool.submit(() -> bounded.get("block", AAuthError.UNKNOWN_KEY));
            assertTrue(inner.entered.await(5, TimeUnit.SECONDS));
            long start = System.nanoTime();
            assertThrows(AAuthException.class, () -> bounded.get("x", AAuthError.UNKNOWN_KEY));
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMillis < 2_000, "waited " + waitedMillis + " ms");
            inner.release.countDown();
            assertSame(OK, running.get(5, TimeUnit.SECONDS));
        } finally {
            inner.release.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("slots are given back when a fetch fails (AAuthException or any other exception)")
    void permitsAreReleasedOnFailurePaths() {
        BoundedHttpFetcher bounded =
                new BoundedHttpFetcher(new BlockingFetcher(0), 1, Duration.ZERO);
        for (int i = 0; i < 3; i++) {
            AAuthException e =
                    assertThrows(
                            AAuthException.class,
                            () -> bounded.get("fail", AAuthError.UNKNOWN_KEY));
            assertEquals(AAuthError.UNKNOWN_KEY, e.error(), "the fetch's own error, not a 503");
            assertThrows(
                    IllegalStateException.class,
                    () -> bounded.get("crash", AAuthError.UNKNOWN_KEY));
        }
        assertEquals(1, bounded.available());
        assertSame(OK, bounded.get("x", AAuthError.UNKNOWN_KEY));
    }

    @Test
    @DisplayName(
            "the refusal stays a 503 when a caller relabels fetch failures (e.g. the token verifier's invalid_agent_token)")
    void refusalIsNotRelabeled() {
        AAuthException busy =
                AAuthException.retryAfter(AAuthError.TEMPORARILY_UNAVAILABLE, "busy", 1);
        AAuthException relabeled = busy.as(AAuthError.INVALID_AGENT_TOKEN);
        assertEquals(AAuthError.TEMPORARILY_UNAVAILABLE, relabeled.error());
        assertEquals(503, relabeled.status());
        assertEquals(1, relabeled.retryAfter());
        AAuthException other = new AAuthException(AAuthError.UNKNOWN_KEY, "x");
        assertEquals(
                AAuthError.INVALID_AGENT_TOKEN, other.as(AAuthError.INVALID_AGENT_TOKEN).error());
    }

    @Test
    void boundMustBePositive() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new BoundedHttpFetcher(new BlockingFetcher(0), 0, Duration.ZERO));
    }
}
