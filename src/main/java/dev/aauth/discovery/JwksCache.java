package dev.aauth.discovery;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.JwkSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;

/**
 * Discovers and caches issuers' metadata documents and JWKS, following the draft's "JWKS Discovery
 * and Caching":
 *
 * <blockquote>
 *
 * All AAuth token verification — agent tokens, resource tokens, and auth tokens — requires
 * discovering the issuer's signing keys via the {@code {iss}/.well-known/{dwk}} pattern defined in
 * the HTTP Signature Keys specification. Implementations MUST cache JWKS responses and SHOULD
 * respect HTTP cache headers ({@code Cache-Control}, {@code Expires}) returned by the JWKS
 * endpoint. When an implementation encounters an unknown {@code kid} in a JWT header, it SHOULD
 * refresh the cached JWKS for that issuer to support key rotation. To prevent abuse,
 * implementations MUST NOT fetch a given issuer's JWKS more frequently than once per minute. If a
 * JWKS fetch fails, implementations SHOULD use the cached JWKS if available and SHOULD retry with
 * exponential backoff. Cached JWKS entries SHOULD be discarded after a maximum of 24 hours
 * regardless of cache headers, to ensure removed keys are no longer trusted.
 *
 * </blockquote>
 *
 * <p>How each sentence is implemented (all per {@code (issuer, dwk)} entry; the metadata document
 * and the JWKS each have their own, identical bookkeeping):
 *
 * <ul>
 *   <li><b>MUST cache / cache headers</b>: a successful response is kept for the TTL {@link
 *       CacheTtl} derives from {@code Cache-Control}/{@code Expires}, clamped to [{@code minTtl},
 *       {@code maxTtl}]; {@code no-store} gives the minimum TTL.
 *   <li><b>Unknown kid</b>: the JWKS is fetched again once, if the once-per-minute limit allows; if
 *       the kid is still unknown the result is {@code UNKNOWN_KEY} (or the caller's code).
 *   <li><b>Once per minute</b>: no fetch ATTEMPT (successful or not) of an entry's JWKS, or of its
 *       metadata, starts less than {@code minFetchInterval} (at least 60 s, enforced) after the
 *       previous one.
 *   <li><b>Failure</b>: the previous document keeps being served (even past its TTL) and retries
 *       wait {@code minFetchInterval × 2^(failures-1)}, capped at {@code maxBackoff}. A failure
 *       with nothing cached also waits, so naming a dead issuer repeatedly costs one fetch per
 *       backoff period.
 *   <li><b>Unreachable</b>: a failure of the way to the issuer rather than of what it serves (a
 *       timeout, an HTTP 5xx or 429: {@link #isTransient}; a refused connection or a TLS failure is
 *       the issuer's answer) with nothing cached is {@code 503 temporarily_unavailable} with {@code
 *       Retry-After} until the next attempt is allowed, never the caller's code: the agent's token
 *       is not at fault and may be sent again. Such a metadata document is retried after 1 s,
 *       doubling up to {@code minFetchInterval} (the once-per-minute MUST is the JWKS's); a JWKS
 *       keeps its minute. This is what a cold cache meets when a burst of first requests makes the
 *       issuer slow (issue 12: otherwise every request fails for a minute, then two, with {@code
 *       invalid_resource_token}).
 *   <li><b>24 hours</b>: nothing fetched more than {@code maxAge} (at most 24 h) ago is ever
 *       served, even when refreshing fails.
 *   <li><b>Single flight</b>: an entry is locked while it fetches; concurrent callers for the same
 *       issuer wait and then use the result instead of fetching again. Other issuers are not
 *       blocked.
 *   <li><b>Bounded</b> ("Verifiers SHOULD implement cache limits to prevent resource exhaustion
 *       attacks", Signature-Key draft): at most {@code maxEntries} entries, least recently used
 *       evicted first, but only if its last fetch attempt is at least {@code minFetchInterval} old
 *       — evicting a fresher one would let the once-per-minute limit be bypassed. When no entry can
 *       be evicted, a new issuer is refused until one can. Metadata bodies over {@code
 *       maxMetadataBytes} are refused; JWKS hold at most {@link JwkSet#MAX_KEYS} parsed keys.
 * </ul>
 *
 * The issuer must be a valid {@link ServerIdentifier} in the configured {@link SecurityMode} and
 * the metadata's {@code issuer} must equal it exactly ({@link MetadataDocument}). Failures are
 * {@link AAuthException}s: {@code UNKNOWN_KEY} by default for keys (the caller may remap with
 * {@link AAuthException#as}), or the code the caller passes.
 */
public final class JwksCache {

    /** "MUST NOT fetch a given issuer's JWKS more frequently than once per minute." */
    public static final Duration MIN_FETCH_INTERVAL = Duration.ofMinutes(1);

    /** The first retry of a metadata document whose issuer was unreachable, with nothing cached. */
    static final long FIRST_METADATA_RETRY_MILLIS = 1000;

    /** "discarded after a maximum of 24 hours regardless of cache headers". */
    public static final Duration MAX_AGE = Duration.ofHours(24);

    private static final long NEVER = Long.MIN_VALUE;

    private final HttpFetcher fetcher;
    private final SecurityMode mode;
    private final Clock clock;
    private final long minFetchIntervalMillis;
    private final Duration minTtl;
    private final Duration defaultTtl;
    private final Duration maxTtl;
    private final long maxAgeMillis;
    private final long maxBackoffMillis;
    private final int maxEntries;
    private final int maxMetadataBytes;

    /** Access order: the first entry is the least recently used. Guarded by itself. */
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    private JwksCache(Builder b) {
        this.fetcher = b.fetcher;
        this.mode = b.mode;
        this.clock = b.clock;
        this.minFetchIntervalMillis = b.minFetchInterval.toMillis();
        this.minTtl = b.minTtl;
        this.defaultTtl = b.defaultTtl;
        this.maxTtl = b.maxTtl;
        this.maxAgeMillis = b.maxAge.toMillis();
        this.maxBackoffMillis = b.maxBackoff.toMillis();
        this.maxEntries = b.maxEntries;
        this.maxMetadataBytes = b.maxMetadataBytes;
    }

    public static Builder builder(HttpFetcher fetcher, SecurityMode mode) {
        return new Builder(fetcher, mode);
    }

    // ---------------------------------------------------------------- public API

    /**
     * The key {@code kid} of {@code issuer}, discovered via {@code {issuer}/.well-known/{dwk}} and
     * its {@code jwks_uri}. Failures are {@code UNKNOWN_KEY}.
     */
    public Jwk findKey(String issuer, String dwk, String kid) {
        return findKey(issuer, dwk, kid, AAuthError.UNKNOWN_KEY);
    }

    /**
     * As {@link #findKey(String, String, String)}, with every failure reported as {@code
     * codeOnFailure}.
     */
    public Jwk findKey(String issuer, String dwk, String kid, AAuthError codeOnFailure) {
        AAuthError code = Objects.requireNonNull(codeOnFailure, "codeOnFailure");
        ServerIdentifier iss = ServerIdentifier.parse(issuer, mode, code);
        MetadataDocument.requireDwk(dwk, code);
        if (kid == null || kid.isEmpty()) {
            throw new AAuthException(code, "missing kid");
        }
        Entry e = entry(iss, dwk, code);
        synchronized (e) {
            long now = clock.millis();
            e.jwks.discardIfOlderThan(now, maxAgeMillis);
            if (e.jwks.isFresh(now)) {
                Optional<Jwk> key = e.jwks.value.byKid(kid);
                if (key.isPresent()) {
                    return key.get();
                }
            }
            // stale, missing, or unknown kid: refresh once if the limits allow
            if (e.jwks.mayFetch(now, minFetchIntervalMillis)) {
                try {
                    refreshJwks(e, now, code);
                } catch (AAuthException busy) {
                    // too many fetches at once: a cached key still answers, else the 503 does
                    Optional<Jwk> key =
                            e.jwks.value == null ? Optional.empty() : e.jwks.value.byKid(kid);
                    if (key.isPresent()) {
                        return key.get();
                    }
                    throw busy;
                }
            }
            if (e.jwks.value == null) {
                throw e.jwks.unavailable(now, "JWKS of " + iss, code);
            }
            return e.jwks.value
                    .byKid(kid)
                    .orElseThrow(
                            () ->
                                    new AAuthException(
                                            code, "no key with this kid at the JWKS of " + iss));
        }
    }

    /**
     * The metadata document {@code {issuer}/.well-known/{dwk}}. Failures are {@code
     * INVALID_REQUEST}.
     */
    public MetadataDocument metadata(String issuer, String dwk) {
        return metadata(issuer, dwk, AAuthError.INVALID_REQUEST);
    }

    /**
     * As {@link #metadata(String, String)}, with every failure reported as {@code codeOnFailure}.
     */
    public MetadataDocument metadata(String issuer, String dwk, AAuthError codeOnFailure) {
        AAuthError code = Objects.requireNonNull(codeOnFailure, "codeOnFailure");
        ServerIdentifier iss = ServerIdentifier.parse(issuer, mode, code);
        MetadataDocument.requireDwk(dwk, code);
        Entry e = entry(iss, dwk, code);
        synchronized (e) {
            return metadata(e, clock.millis(), code);
        }
    }

    /** How many {@code (issuer, dwk)} entries are held. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    // ---------------------------------------------------------------- fetching (entry lock held)

    private MetadataDocument metadata(Entry e, long now, AAuthError code) {
        Slot<MetadataDocument> slot = e.metadata;
        slot.discardIfOlderThan(now, maxAgeMillis);
        if (slot.isFresh(now)) {
            return slot.value;
        }
        if (slot.mayFetch(now, minFetchIntervalMillis)) {
            long previousAttempt = slot.lastAttempt;
            slot.attempt(now);
            e.lastAttempt = now;
            try {
                FetchResult r = fetcher.get(MetadataDocument.url(e.issuer, e.dwk, code), code);
                requireOk(r, "metadata", code);
                if (r.body().length > maxMetadataBytes) {
                    throw new AAuthException(
                            code, "metadata document larger than " + maxMetadataBytes + " bytes");
                }
                MetadataDocument doc =
                        MetadataDocument.parse(r.body(), e.issuer, e.dwk, mode, code);
                slot.succeed(doc, now, ttl(r, now));
            } catch (AAuthException ex) {
                if (isTransient(ex) && slot.value == null) {
                    slot.failUnreachable(
                            now, ex.detail(), FIRST_METADATA_RETRY_MILLIS, minFetchIntervalMillis);
                } else if (!BoundedHttpFetcher.isBusy(ex)) {
                    slot.fail(now, ex.detail(), minFetchIntervalMillis, maxBackoffMillis);
                } else {
                    // not the issuer's fault: no backoff, the next call may fetch again
                    slot.lastAttempt = previousAttempt;
                    if (slot.value == null) {
                        throw ex;
                    }
                }
            }
        }
        if (slot.value == null) {
            throw slot.unavailable(now, "metadata of " + e.issuer, code);
        }
        return slot.value; // fresh, or stale because refreshing failed or is not yet allowed
    }

    private void refreshJwks(Entry e, long now, AAuthError code) {
        Slot<JwkSet> slot = e.jwks;
        MetadataDocument doc;
        try {
            doc = metadata(e, now, code);
        } catch (AAuthException ex) {
            if (BoundedHttpFetcher.isBusy(ex)) {
                throw ex;
            }
            if (slot.value == null) {
                slot.lastError = ex.detail();
            }
            return; // no jwks_uri: nothing to fetch; a cached JWKS (if any) stays in use
        }
        long previousAttempt = slot.lastAttempt;
        slot.attempt(now);
        e.lastAttempt = now;
        try {
            FetchResult r = fetcher.get(doc.jwksUri(), code);
            requireOk(r, "JWKS", code);
            JwkSet set;
            try {
                set = JwkSet.parseJson(new String(r.body(), StandardCharsets.UTF_8));
            } catch (AAuthException ex) {
                throw new AAuthException(code, "invalid JWKS: " + ex.detail());
            }
            slot.succeed(set, now, ttl(r, now));
        } catch (AAuthException ex) {
            if (BoundedHttpFetcher.isBusy(ex)) {
                slot.lastAttempt = previousAttempt; // no backoff: not the issuer's fault
                throw ex;
            }
            if (isTransient(ex) && slot.value == null) {
                // the once-per-minute MUST holds for a JWKS: the minute, but a 503 meanwhile
                slot.failUnreachable(
                        now, ex.detail(), minFetchIntervalMillis, minFetchIntervalMillis);
            } else {
                slot.fail(now, ex.detail(), minFetchIntervalMillis, maxBackoffMillis);
            }
        }
    }

    /**
     * Whether a fetch failed on the way to the issuer rather than on what it serves: a timeout (the
     * fetcher carries it as the cause) or an HTTP 5xx or 429 answer.
     */
    static boolean isTransient(AAuthException e) {
        return e.getCause() instanceof IOException;
    }

    private static void requireOk(FetchResult r, String what, AAuthError code) {
        if (r.status() != 200) {
            String detail = what + " fetch answered HTTP " + r.status();
            throw r.status() >= 500 || r.status() == 429
                    ? new AAuthException(code, detail, new IOException(detail))
                    : new AAuthException(code, detail);
        }
    }

    private long ttl(FetchResult r, long now) {
        return CacheTtl.ttlMillis(r, now, defaultTtl, minTtl, maxTtl);
    }

    // ---------------------------------------------------------------- entries

    private record Key(String issuer, String dwk) {}

    /** Finds or creates the entry, evicting the least recently used one if allowed. */
    private Entry entry(ServerIdentifier issuer, String dwk, AAuthError code) {
        Key key = new Key(issuer.value(), dwk);
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e != null) {
                return e;
            }
            if (entries.size() >= maxEntries) {
                Iterator<Entry> it = entries.values().iterator();
                Entry eldest = it.next();
                long last = eldest.lastAttempt;
                if (last != NEVER && clock.millis() - last < minFetchIntervalMillis) {
                    throw new AAuthException(
                            code, "too many issuers are being discovered; try again later");
                }
                it.remove();
            }
            e = new Entry(issuer, dwk);
            entries.put(key, e);
            return e;
        }
    }

    /**
     * One {@code (issuer, dwk)}: its metadata and its JWKS. Fields guarded by the entry's monitor.
     */
    private static final class Entry {
        final ServerIdentifier issuer;
        final String dwk;
        final Slot<MetadataDocument> metadata = new Slot<>();
        final Slot<JwkSet> jwks = new Slot<>();

        /**
         * Start of the latest fetch attempt of either document; read without the lock for eviction.
         */
        volatile long lastAttempt = NEVER;

        Entry(ServerIdentifier issuer, String dwk) {
            this.issuer = issuer;
            this.dwk = dwk;
        }
    }

    /** A cached document and its fetch bookkeeping. */
    private static final class Slot<T> {
        T value;
        long fetchedAt;
        long expiresAt;
        long lastAttempt = NEVER;
        long retryAt = NEVER;
        int failures;
        String lastError = "not fetched yet";

        /** The last attempt failed on the way to the issuer and nothing is cached. */
        boolean unreachable;

        boolean isFresh(long now) {
            return value != null && now < expiresAt;
        }

        void discardIfOlderThan(long now, long maxAgeMillis) {
            if (value != null && now - fetchedAt >= maxAgeMillis) {
                value = null;
            }
        }

        /** Not within the minimum interval of the previous attempt, and not backing off. */
        boolean mayFetch(long now, long minIntervalMillis) {
            return lastAttempt == NEVER
                    || (now >= retryAt && (unreachable || now - lastAttempt >= minIntervalMillis));
        }

        void attempt(long now) {
            lastAttempt = now;
        }

        void succeed(T v, long now, long ttlMillis) {
            value = v;
            fetchedAt = now;
            expiresAt = now + ttlMillis;
            failures = 0;
            retryAt = NEVER;
            lastError = null;
            unreachable = false;
        }

        void fail(long now, String error, long minIntervalMillis, long maxBackoffMillis) {
            unreachable = false;
            failures++;
            long backoff = minIntervalMillis << Math.min(failures - 1, 20);
            retryAt = now + Math.min(backoff, Math.max(minIntervalMillis, maxBackoffMillis));
            lastError = error;
        }

        /** An unreachable issuer with nothing cached: retry after {@code first}, doubling. */
        void failUnreachable(long now, String error, long firstMillis, long capMillis) {
            unreachable = true;
            failures++;
            retryAt = now + Math.min(firstMillis << Math.min(failures - 1, 20), capMillis);
            lastError = error;
        }

        /**
         * Why nothing can be served: {@code 503 temporarily_unavailable} with {@code Retry-After}
         * while the issuer is unreachable, else the caller's code.
         */
        AAuthException unavailable(long now, String what, AAuthError code) {
            if (unreachable) {
                long seconds = Math.max(1, (retryAt - now + 999) / 1000);
                return AAuthException.retryAfter(
                        AAuthError.TEMPORARILY_UNAVAILABLE,
                        what + " could not be fetched (" + lastError + "): try again later",
                        seconds);
            }
            return new AAuthException(code, "no " + what + " available (" + lastError + ")");
        }
    }

    // ---------------------------------------------------------------- builder

    /** Configuration; the defaults follow the draft. */
    public static final class Builder {
        private final HttpFetcher fetcher;
        private final SecurityMode mode;
        private Clock clock = Clock.systemUTC();
        private Duration minFetchInterval = MIN_FETCH_INTERVAL;
        private Duration minTtl = MIN_FETCH_INTERVAL;
        private Duration defaultTtl = Duration.ofHours(1);
        private Duration maxTtl = MAX_AGE;
        private Duration maxAge = MAX_AGE;
        private Duration maxBackoff = Duration.ofMinutes(15);
        private int maxEntries = 500;
        private int maxMetadataBytes = 32 * 1024;

        private Builder(HttpFetcher fetcher, SecurityMode mode) {
            this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
            this.mode = Objects.requireNonNull(mode, "mode");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Minimum time between fetch attempts per entry; at least (and by default) one minute. */
        public Builder minFetchInterval(Duration d) {
            if (d.compareTo(MIN_FETCH_INTERVAL) < 0) {
                throw new IllegalArgumentException(
                        "the draft forbids fetching more than once per minute");
            }
            this.minFetchInterval = d;
            return this;
        }

        /** Shortest TTL, also used for {@code no-store}; default one minute. */
        public Builder minTtl(Duration d) {
            this.minTtl = Objects.requireNonNull(d);
            return this;
        }

        /** TTL when the response has no cache headers; default one hour. */
        public Builder defaultTtl(Duration d) {
            this.defaultTtl = Objects.requireNonNull(d);
            return this;
        }

        /** Longest TTL from cache headers; at most (and by default) 24 hours. */
        public Builder maxTtl(Duration d) {
            this.maxTtl = atMost24h(d);
            return this;
        }

        /**
         * Age after which a document is discarded even if refreshing fails; at most (and by
         * default) 24 h.
         */
        public Builder maxAge(Duration d) {
            this.maxAge = atMost24h(d);
            return this;
        }

        /** Cap of the exponential retry backoff after failures; default 15 minutes. */
        public Builder maxBackoff(Duration d) {
            this.maxBackoff = Objects.requireNonNull(d);
            return this;
        }

        /** Most {@code (issuer, dwk)} entries held; default 500. */
        public Builder maxEntries(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxEntries");
            }
            this.maxEntries = n;
            return this;
        }

        /** Largest metadata document accepted; default 32 KiB. */
        public Builder maxMetadataBytes(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxMetadataBytes");
            }
            this.maxMetadataBytes = n;
            return this;
        }

        private static Duration atMost24h(Duration d) {
            if (d.isNegative() || d.isZero() || d.compareTo(MAX_AGE) > 0) {
                throw new IllegalArgumentException("must be positive and at most 24 hours");
            }
            return d;
        }

        public JwksCache build() {
            if (minTtl.isNegative()
                    || minTtl.compareTo(defaultTtl) > 0
                    || defaultTtl.compareTo(maxTtl) > 0
                    || maxTtl.compareTo(maxAge) > 0) {
                throw new IllegalArgumentException(
                        "need 0 <= minTtl <= defaultTtl <= maxTtl <= maxAge");
            }
            return new JwksCache(this);
        }
    }
}
