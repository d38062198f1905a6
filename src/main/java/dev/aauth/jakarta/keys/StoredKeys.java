package dev.aauth.jakarta.keys;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.store.KeyStatus;
import dev.aauth.jakarta.store.SigningKeys;
import dev.aauth.jakarta.store.StoredSigningKey;
import dev.aauth.jose.Base64Url;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.token.IssuerKeyResolver;
import dev.aauth.token.LocalKeyResolver;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * One issuer's signing keys kept in the database ({@link SigningKeys}, table {@code signing_keys})
 * and mirrored into its {@link ServerKeySet}: "Signing keys kept in a key store with rotation (old
 * key published until its tokens expire)". Every instance of the issuer shares them.
 *
 * <ul>
 *   <li><b>First start.</b> The issuer's first key is the imported one ({@code aauth.keys.dir}), or
 *       a new Ed25519 key ("EdDSA is RECOMMENDED"); instances starting at once race on {@link
 *       SigningKeys#createFirst} and all end with the winner's key.
 *   <li><b>Rotation.</b> The next key is made and published (status {@code next}, in the JWKS but
 *       not signing) {@link #JWKS_MAX_AGE} + the refresh interval before the current key is {@code
 *       aauth.keys.rotation-interval} old (counted from its creation), so verifiers that cached the
 *       JWKS know it before it signs; then it becomes current and the old one previous ({@link
 *       #tick}). {@link #rotateNow} rotates at once, on demand. Of instances doing either at once,
 *       one wins (every transition is a conditional update or an insert guarded by a unique
 *       constraint); the others adopt its key.
 *   <li><b>Retirement.</b> A previous key stays published (JWKS) until {@code retire_after} =
 *       rotation time + the longest lifetime of a token this issuer signs + the refresh interval
 *       (another instance may sign with the old key until it next refreshes); then it is retired
 *       and no longer published. Verifiers "SHOULD refresh the cached JWKS for that issuer" on an
 *       unknown {@code kid}, so the new key needs no waiting period.
 *   <li><b>Refresh.</b> Every refresh interval ({@link #tick}) and, at most once a second, when a
 *       token names a {@code kid} this instance does not know ({@link #refreshForUnknownKid}), the
 *       set is re-read from the database.
 * </ul>
 *
 * Thread-safe.
 */
public final class StoredKeys {

    private static final Logger LOG = Logger.getLogger(StoredKeys.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The {@code max-age} of the JWKS endpoint: how long a verifier may keep a JWKS without
     * refetching.
     */
    public static final Duration JWKS_MAX_AGE = Duration.ofSeconds(300);

    /** At most one refresh for an unknown kid per this interval. */
    static final Duration UNKNOWN_KID_REFRESH = Duration.ofSeconds(1);

    private final String issuer;
    private final SigningKeys store;
    private final Duration rotationInterval;
    private final Duration retireDelay;
    private final Clock clock;
    private final ServerKeySet keys;
    private final AtomicLong lastUnknownKidRefresh = new AtomicLong(Long.MIN_VALUE);
    private final Duration publicationLead;
    private volatile Instant currentCreatedAt;
    private volatile String nextKid;
    private volatile Instant nextCreatedAt;

    /**
     * Loads (or creates) the issuer's keys.
     *
     * @param imported the first key when the database has none yet
     * @param rotationInterval how long a key stays current
     * @param maxTokenLifetime the longest lifetime of a token this issuer signs
     * @param refreshInterval how often instances re-read the keys ({@link #tick})
     */
    public StoredKeys(
            String issuer,
            SigningKeys store,
            Optional<SigningKey> imported,
            Duration rotationInterval,
            Duration maxTokenLifetime,
            Duration refreshInterval,
            Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.store = Objects.requireNonNull(store, "store");
        this.rotationInterval = Objects.requireNonNull(rotationInterval, "rotationInterval");
        this.retireDelay = maxTokenLifetime.plus(refreshInterval);
        this.publicationLead = JWKS_MAX_AGE.plus(refreshInterval);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (store.current(issuer).isEmpty()) {
            SigningKey first = imported.orElseGet(StoredKeys::generate);
            if (store.createFirst(issuer, first.kid().orElseThrow(), first.toPrivateJwkJson())) {
                LOG.info(
                        () ->
                                issuer
                                        + ": first signing key "
                                        + first.kid().orElseThrow()
                                        + (imported.isPresent() ? " imported" : " created")
                                        + " in the database");
            }
        } else if (imported.isPresent()) {
            LOG.info(
                    () ->
                            issuer
                                    + ": the database holds this issuer's keys; the key file is not used");
        }
        Loaded loaded = load();
        this.keys = new ServerKeySet(loaded.current(), loaded.others());
        this.currentCreatedAt = loaded.currentCreatedAt();
        this.nextKid = loaded.nextKid();
        this.nextCreatedAt = loaded.nextCreatedAt();
    }

    /** The key set tokens are signed with and the JWKS is served from. */
    public ServerKeySet keySet() {
        return keys;
    }

    /**
     * Retires keys whose tokens have expired; publishes the next key {@link #publicationLead}
     * before the current one is due; promotes it when the current key is {@code rotationInterval}
     * old (and the next key was published long enough); re-reads the set.
     */
    public void tick() {
        store.retireDue();
        refresh();
        Instant now = clock.instant();
        Instant due = currentCreatedAt.plus(rotationInterval);
        if (nextKid == null && !now.isBefore(due.minus(publicationLead))) {
            SigningKey next = generate();
            if (store.createNext(issuer, next.kid().orElseThrow(), next.toPrivateJwkJson())) {
                LOG.info(
                        () ->
                                issuer
                                        + ": next signing key "
                                        + next.kid().orElseThrow()
                                        + " published");
            }
            refresh();
        }
        if (nextKid != null
                && !now.isBefore(due)
                && !now.isBefore(nextCreatedAt.plus(publicationLead))) {
            promote(keys.current().kid().orElseThrow());
        }
    }

    /**
     * Rotates at once (on demand, e.g. a suspected key compromise): the next key if one is
     * published, else a new one, becomes current. True if this instance rotated, false if another
     * instance had rotated first (its key is adopted). A key made here on demand was not published
     * beforehand: verifiers learn it by refetching the JWKS on its unknown {@code kid}.
     */
    public boolean rotateNow() {
        String currentKid =
                keys.current().kid().orElseThrow(); // the key this instance rotates away from
        refresh();
        if (nextKid != null) {
            return promote(currentKid);
        }
        SigningKey next = generate();
        boolean won =
                store.rotate(
                        issuer,
                        currentKid,
                        next.kid().orElseThrow(),
                        next.toPrivateJwkJson(),
                        clock.instant().plus(retireDelay));
        if (won) {
            LOG.info(
                    () ->
                            issuer
                                    + ": signing key rotated from "
                                    + currentKid
                                    + " to "
                                    + next.kid().orElseThrow());
        }
        refresh();
        return won;
    }

    /**
     * Promotes the next key, if {@code currentKid} is still current (else another instance did).
     */
    private boolean promote(String currentKid) {
        String promoted = nextKid;
        boolean won =
                store.promoteNext(issuer, currentKid, promoted, clock.instant().plus(retireDelay));
        if (won) {
            LOG.info(() -> issuer + ": signing key rotated from " + currentKid + " to " + promoted);
        }
        refresh();
        return won;
    }

    /** Re-reads the published keys from the database. */
    public void refresh() {
        Loaded loaded = load();
        keys.replace(loaded.current(), loaded.others());
        currentCreatedAt = loaded.currentCreatedAt();
        nextKid = loaded.nextKid();
        nextCreatedAt = loaded.nextCreatedAt();
    }

    /**
     * A token of this issuer names {@code kid}, which this instance does not publish: re-reads the
     * keys (at most once per {@link #UNKNOWN_KID_REFRESH}) in case another instance rotated; true
     * if the key is known afterwards.
     */
    public boolean refreshForUnknownKid(String kid) {
        if (kid == null) {
            return false;
        }
        long now = clock.millis();
        long last = lastUnknownKidRefresh.get();
        if (last != Long.MIN_VALUE && now - last < UNKNOWN_KID_REFRESH.toMillis()) {
            return keys.signingKey(kid).isPresent();
        }
        if (lastUnknownKidRefresh.compareAndSet(last, now)) {
            refresh();
        }
        return keys.signingKey(kid).isPresent();
    }

    /**
     * {@code local} (this deployment's own issuers), re-trying once after {@link
     * #refreshForUnknownKid} when a token of this issuer names a {@code kid} not published here
     * yet.
     */
    public IssuerKeyResolver refreshingOnUnknownKid(LocalKeyResolver local) {
        return (iss, dwk, kid) -> {
            try {
                return local.resolve(iss, dwk, kid);
            } catch (AAuthException e) {
                if (e.error() == AAuthError.UNKNOWN_KEY
                        && issuer.equals(iss)
                        && local.isLocal(iss)
                        && refreshForUnknownKid(kid)) {
                    return local.resolve(iss, dwk, kid);
                }
                throw e;
            }
        };
    }

    /**
     * The current key, the other published keys (next first, then previous, newest first), the next
     * key.
     */
    private record Loaded(
            SigningKey current,
            List<SigningKey> others,
            Instant currentCreatedAt,
            String nextKid,
            Instant nextCreatedAt) {}

    private Loaded load() {
        SigningKey current = null;
        Instant createdAt = null;
        String nextKid = null;
        Instant nextCreatedAt = null;
        List<SigningKey> others = new ArrayList<>();
        for (StoredSigningKey k : store.published(issuer)) {
            SigningKey key = decode(k);
            if (k.status() == KeyStatus.CURRENT) {
                current = key;
                createdAt = k.createdAt();
            } else if (k.status() == KeyStatus.NEXT) {
                nextKid = k.kid();
                nextCreatedAt = k.createdAt();
                others.add(0, key);
            } else {
                others.add(key);
            }
        }
        if (current == null) {
            throw new IllegalStateException(issuer + " has no current signing key in the database");
        }
        return new Loaded(current, others, createdAt, nextKid, nextCreatedAt);
    }

    private static SigningKey decode(StoredSigningKey k) {
        try {
            SigningKey key = SigningKey.fromJwkJson(k.privateJwk());
            if (!key.kid().equals(Optional.of(k.kid()))) {
                throw new IllegalStateException(
                        "signing key " + k.kid() + " of " + k.issuer() + ": the JWK's kid differs");
            }
            return key;
        } catch (AAuthException e) {
            throw new IllegalStateException(
                    "signing key "
                            + k.kid()
                            + " of "
                            + k.issuer()
                            + " is not a usable private JWK: "
                            + e.detail(),
                    e);
        }
    }

    static SigningKey generate() {
        byte[] kid = new byte[9];
        RANDOM.nextBytes(kid);
        return SigningKey.generate(SignatureAlgorithm.ED25519, Base64Url.encode(kid));
    }
}
