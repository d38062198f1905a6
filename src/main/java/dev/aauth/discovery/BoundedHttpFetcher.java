package dev.aauth.discovery;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bound on how many outbound fetches run at once (issue 12, "a bound on concurrent outbound
 * metadata/JWKS fetches"): a {@link Semaphore} around another {@link HttpFetcher}. A fetch that
 * finds every slot taken waits at most {@code maxWait} for one, then fails with {@code 503
 * temporarily_unavailable} and {@code Retry-After}: never an unbounded queue of threads waiting on
 * slow or hostile issuers. The slot is given back however the fetch ends (result, {@link
 * AAuthException} or any other exception).
 */
public final class BoundedHttpFetcher implements HttpFetcher {

    /** How long a fetch waits for a slot by default. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(100);

    /** The {@code Retry-After} of a refused fetch, in seconds. */
    public static final long RETRY_AFTER_SECONDS = 1;

    private final HttpFetcher delegate;
    private final Semaphore slots;
    private final int maxConcurrent;
    private final long maxWaitNanos;

    /**
     * @param maxConcurrent fetches that may run at once (at least 1)
     * @param maxWait how long a fetch waits for a slot before it is refused (zero: not at all)
     */
    public BoundedHttpFetcher(HttpFetcher delegate, int maxConcurrent, Duration maxWait) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be positive");
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative");
        }
        this.maxConcurrent = maxConcurrent;
        this.slots = new Semaphore(maxConcurrent);
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** Whether {@code e} is this bound's refusal (so a cache may answer from a stale copy). */
    public static boolean isBusy(AAuthException e) {
        return e.error() == AAuthError.TEMPORARILY_UNAVAILABLE;
    }

    /** Slots free now (for tests and metrics). */
    public int available() {
        return slots.availablePermits();
    }

    @Override
    public FetchResult get(String url, AAuthError codeOnFailure) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        if (!acquired) {
            throw busy();
        }
        try {
            return delegate.get(url, codeOnFailure);
        } finally {
            slots.release();
        }
    }

    private AAuthException busy() {
        return AAuthException.retryAfter(
                AAuthError.TEMPORARILY_UNAVAILABLE,
                "too many outbound metadata/JWKS fetches at once ("
                        + maxConcurrent
                        + "): try again shortly",
                RETRY_AFTER_SECONDS);
    }
}
