package dev.aauth.jose;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The signing keys of one server (agent provider, PS, AS or resource): a current key that signs new
 * tokens and, during a rotation, the previous key, still published so that tokens it signed keep
 * verifying until they expire.
 *
 * <p>Rotation: {@link #rotate(SigningKey)} makes the new key current and the current key previous
 * (an older previous key drops out); {@link #retirePrevious()} stops publishing the previous key
 * once its tokens have expired and verifiers' JWKS caches have turned over. Verifiers "SHOULD
 * refresh the cached JWKS for that issuer" on an unknown {@code kid} and discard cached entries
 * "after a maximum of 24 hours" (AAuth draft, "JWKS Discovery and Caching"), which bounds how long
 * the previous key must stay.
 *
 * <p>Thread-safe: the state is an immutable snapshot (keys plus the prebuilt JWKS) swapped
 * atomically, so readers never see a half-rotated set.
 */
public final class ServerKeySet {

    private static final class Snapshot {
        final SigningKey current;

        /** Newest first; possibly empty. */
        final List<SigningKey> previous;

        final JwkSet jwks;

        Snapshot(SigningKey current, List<SigningKey> previous) {
            this.current = current;
            this.previous = List.copyOf(previous);
            List<Jwk> pub = new ArrayList<>(1 + previous.size());
            pub.add(current.publicJwk());
            for (SigningKey k : previous) {
                pub.add(k.publicJwk());
            }
            this.jwks = JwkSet.of(pub);
        }

        SigningKey firstPrevious() {
            return previous.isEmpty() ? null : previous.get(0);
        }
    }

    private final AtomicReference<Snapshot> state;

    /** A key set with one current key. Every key must have a kid: tokens name their key by kid. */
    public ServerKeySet(SigningKey current) {
        this(current, (SigningKey) null);
    }

    /** Restores a key set in the middle of a rotation; {@code previous} may be null. */
    public ServerKeySet(SigningKey current, SigningKey previous) {
        this(current, previous == null ? List.of() : List.of(previous));
    }

    /**
     * A key set with several previous keys still published (newest first), as restored from a key
     * store where keys rotated more often than their tokens live.
     */
    public ServerKeySet(SigningKey current, List<SigningKey> previous) {
        this.state = new AtomicReference<>(checked(current, previous));
    }

    private static Snapshot checked(SigningKey current, List<SigningKey> previous) {
        requireKid(current);
        List<SigningKey> seen = new ArrayList<>(List.of(current));
        for (SigningKey k : previous) {
            requireKid(k);
            for (SigningKey other : seen) {
                requireDistinct(k, other);
            }
            seen.add(k);
        }
        return new Snapshot(current, previous);
    }

    /**
     * Replaces the whole set at once (readers see the old set or the new one, never a mix): for a
     * set mirrored from a shared key store, where another instance may have rotated.
     */
    public void replace(SigningKey current, List<SigningKey> previous) {
        state.set(checked(current, previous));
    }

    /** The key that signs new tokens. */
    public SigningKey current() {
        return state.get().current;
    }

    /** The key being rotated out, while it is still published. */
    public Optional<SigningKey> previous() {
        return Optional.ofNullable(state.get().firstPrevious());
    }

    /** Every previous key still published, newest first. */
    public List<SigningKey> allPrevious() {
        return state.get().previous;
    }

    /**
     * Makes {@code next} current; the current key becomes previous and an older previous key is
     * dropped.
     *
     * @throws IllegalArgumentException if {@code next} has no kid or reuses the kid of a published
     *     key
     */
    public void rotate(SigningKey next) {
        requireKid(next);
        state.updateAndGet(
                s -> {
                    requireDistinct(next, s.current);
                    for (SigningKey k : s.previous) {
                        requireDistinct(next, k);
                    }
                    return new Snapshot(next, List.of(s.current));
                });
    }

    /** Stops publishing the previous key. */
    public void retirePrevious() {
        state.updateAndGet(s -> s.previous.isEmpty() ? s : new Snapshot(s.current, List.of()));
    }

    /**
     * The public keys to publish at the {@code jwks_uri}: current first, then the previous ones.
     */
    public JwkSet jwks() {
        return state.get().jwks;
    }

    /** The published signing key with this kid. */
    public Optional<SigningKey> signingKey(String kid) {
        Snapshot s = state.get();
        if (kid == null) {
            return Optional.empty();
        }
        if (kid.equals(s.current.kid().orElse(null))) {
            return Optional.of(s.current);
        }
        for (SigningKey k : s.previous) {
            if (kid.equals(k.kid().orElse(null))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    private static void requireKid(SigningKey key) {
        Objects.requireNonNull(key, "key");
        if (key.kid().isEmpty()) {
            throw new IllegalArgumentException("a server signing key needs a kid");
        }
    }

    private static void requireDistinct(SigningKey a, SigningKey b) {
        if (a.kid().equals(b.kid())) {
            throw new IllegalArgumentException("kid " + a.kid().get() + " is already published");
        }
    }

    @Override
    public String toString() {
        Snapshot s = state.get();
        return "ServerKeySet[current="
                + s.current.kid().orElse("")
                + (s.previous.isEmpty()
                        ? ""
                        : ", previous=" + s.previous.stream().map(k -> k.kid().orElse("")).toList())
                + "]";
    }
}
