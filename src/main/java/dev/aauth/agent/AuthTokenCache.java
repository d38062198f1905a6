package dev.aauth.agent;

import dev.aauth.token.AuthToken;
import dev.aauth.token.VerifiedToken;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's auth tokens, per resource, scope and upstream token, each usable until {@code margin}
 * before its {@code exp} ("Auth tokens MUST NOT have a lifetime exceeding 1 hour": the agent asks
 * again, it never presents an expired token), and only with the key it is bound to ({@code
 * cnf.jwk}): {@link #dropKey} forgets every token of a replaced key.
 *
 * <p>Both drafts' auth tokens live here ({@link AuthToken}, -11 {@code Draft11AuthToken}): a token
 * is bound to one key, and one key speaks one draft, so they never meet. {@link #get} and {@link
 * #forRequest} return draft-01 tokens only; {@link #find} and {@link #presentable} either.
 *
 * <p>It also remembers which scope a request (resource, method, path) was last challenged for, so
 * the next such request carries the cached token before any challenge. Bounded: a full cache first
 * purges expired entries, then stops caching rather than evicting. Thread-safe.
 */
public final class AuthTokenCache {

    public static final int DEFAULT_MAX_ENTRIES = 1024;

    /**
     * Which token: the resource, its scopes (space-separated, sorted) and the upstream token's
     * {@code jti} or "".
     */
    public record Key(String resource, String scope, String upstream) {

        public static Key of(String resource, List<String> scope, String upstreamJti) {
            return new Key(
                    resource,
                    String.join(" ", scope.stream().sorted().toList()),
                    upstreamJti == null ? "" : upstreamJti);
        }
    }

    private record Entry(VerifiedToken token, String jkt) {}

    private record Route(String resource, String method, String path, String upstream) {}

    private final Clock clock;
    private final Duration margin;
    private final int maxEntries;
    private final Map<Key, Entry> tokens = new ConcurrentHashMap<>();
    private final Map<Route, Key> routes = new ConcurrentHashMap<>();

    public AuthTokenCache(Clock clock, Duration margin, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.margin = Objects.requireNonNull(margin, "margin");
        this.maxEntries = maxEntries;
    }

    /**
     * Caches {@code token} (bound to key {@code jkt}) under {@code key}, and for the request route
     * given.
     */
    public void put(Key key, VerifiedToken token, String jkt, String method, String path) {
        if (tokens.size() >= maxEntries) {
            purgeExpired();
        }
        if (tokens.size() < maxEntries || tokens.containsKey(key)) {
            tokens.put(key, new Entry(token, jkt));
        }
        if (method != null
                && path != null
                && (routes.size() < maxEntries || routes.containsKey(route(key, method, path)))) {
            routes.put(route(key, method, path), key);
        }
    }

    /**
     * The token under {@code key}, if bound to {@code jkt} and not within {@code margin} of {@code
     * exp}.
     */
    public Optional<AuthToken> get(Key key, String jkt) {
        return find(key, jkt).filter(AuthToken.class::isInstance).map(AuthToken.class::cast);
    }

    /** As {@link #get}, for an auth token of either draft. */
    public Optional<VerifiedToken> find(Key key, String jkt) {
        Entry e = tokens.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (!e.jkt().equals(jkt) || !usable(e.token())) {
            tokens.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.token());
    }

    /** The token last obtained for this request route, if still usable with {@code jkt}. */
    public Optional<AuthToken> forRequest(
            String resource, String method, String path, String upstreamJti, String jkt) {
        return presentable(resource, method, path, upstreamJti, jkt)
                .filter(AuthToken.class::isInstance)
                .map(AuthToken.class::cast);
    }

    /** As {@link #forRequest}, for an auth token of either draft. */
    public Optional<VerifiedToken> presentable(
            String resource, String method, String path, String upstreamJti, String jkt) {
        Key key =
                routes.get(
                        new Route(resource, method, path, upstreamJti == null ? "" : upstreamJti));
        return key == null ? Optional.empty() : find(key, jkt);
    }

    /** Forgets the token under {@code key} (a step-up challenge said it no longer suffices). */
    public void remove(Key key) {
        tokens.remove(key);
    }

    /**
     * "A new key drops the auth tokens bound to the old one": every token whose {@code cnf} is
     * {@code jkt}.
     */
    public void dropKey(String jkt) {
        tokens.entrySet().removeIf(e -> e.getValue().jkt().equals(jkt));
    }

    /** Forgets every token and route. */
    public void clear() {
        tokens.clear();
        routes.clear();
    }

    public int size() {
        return tokens.size();
    }

    private boolean usable(VerifiedToken t) {
        return clock.instant().plus(margin).getEpochSecond() < t.expiresAt();
    }

    private void purgeExpired() {
        tokens.entrySet().removeIf(e -> !usable(e.getValue().token()));
        routes.values().removeIf(k -> !tokens.containsKey(k));
    }

    private static Route route(Key key, String method, String path) {
        return new Route(key.resource(), method, path, key.upstream());
    }
}
