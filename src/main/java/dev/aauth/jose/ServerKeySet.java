package dev.aauth.jose;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The signing keys of one server (agent provider, PS, AS or resource): a current key that signs
 * new tokens and, during a rotation, the previous key, still published so that tokens it signed
 * keep verifying until they expire.
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
        final SigningKey previous;
        final JwkSet jwks;

        Snapshot(SigningKey current, SigningKey previous) {
            this.current = current;
            this.previous = previous;
            List<Jwk> pub = new ArrayList<>(2);
            pub.add(current.publicJwk());
            if (previous != null) {
                pub.add(previous.publicJwk());
            }
            this.jwks = JwkSet.of(pub);
        }
    }

    private final AtomicReference<Snapshot> state;

    /** A key set with one current key. Every key must have a kid: tokens name their key by kid. */
    public ServerKeySet(SigningKey current) {
        this(current, null);
    }

    /** Restores a key set in the middle of a rotation; {@code previous} may be null. */
    public ServerKeySet(SigningKey current, SigningKey previous) {
        requireKid(current);
        if (previous != null) {
            requireKid(previous);
            requireDistinct(previous, current);
        }
        this.state = new AtomicReference<>(new Snapshot(current, previous));
    }

    /** The key that signs new tokens. */
    public SigningKey current() {
        return state.get().current;
    }

    /** The key being rotated out, while it is still published. */
    public Optional<SigningKey> previous() {
        return Optional.ofNullable(state.get().previous);
    }

    /**
     * Makes {@code next} current; the current key becomes previous and an older previous key is
     * dropped.
     *
     * @throws IllegalArgumentException if {@code next} has no kid or reuses the kid of a published key
     */
    public void rotate(SigningKey next) {
        requireKid(next);
        state.updateAndGet(s -> {
            requireDistinct(next, s.current);
            if (s.previous != null) {
                requireDistinct(next, s.previous);
            }
            return new Snapshot(next, s.current);
        });
    }

    /** Stops publishing the previous key. */
    public void retirePrevious() {
        state.updateAndGet(s -> s.previous == null ? s : new Snapshot(s.current, null));
    }

    /** The public keys to publish at the {@code jwks_uri}: current first, then previous. */
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
        if (s.previous != null && kid.equals(s.previous.kid().orElse(null))) {
            return Optional.of(s.previous);
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
        return "ServerKeySet[current=" + s.current.kid().orElse("") + (s.previous == null ? "" : ", previous=" + s.previous.kid().orElse("")) + "]";
    }
}
