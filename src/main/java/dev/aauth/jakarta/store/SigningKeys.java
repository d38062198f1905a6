package dev.aauth.jakarta.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Signing keys per issuer, kept for rotation: "Signing keys kept in a key store with rotation (old
 * key published until its tokens expire)". One current key per issuer is guaranteed by a unique
 * constraint, so instances racing to create or rotate a key cannot end up with two.
 */
@ApplicationScoped
public class SigningKeys {

    private final Transactions transactions;
    private final Clock clock;

    @Inject
    public SigningKeys(Transactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For the CDI client proxy only. */
    protected SigningKeys() {
        this.transactions = null;
        this.clock = null;
    }

    /** The issuer's current key. */
    public Optional<StoredSigningKey> current(String issuer) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "SELECT k FROM StoredSigningKey k WHERE k.issuer = :issuer"
                                                + " AND k.status = :current",
                                        StoredSigningKey.class)
                                .setParameter("issuer", issuer)
                                .setParameter("current", KeyStatus.CURRENT)
                                .getResultStream()
                                .findFirst());
    }

    /**
     * The keys to publish in the issuer's JWKS: the next, current and previous ones, newest first.
     */
    public List<StoredSigningKey> published(String issuer) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "SELECT k FROM StoredSigningKey k WHERE k.issuer = :issuer"
                                                + " AND k.status <> :retired ORDER BY k.createdAt DESC, k.kid",
                                        StoredSigningKey.class)
                                .setParameter("issuer", issuer)
                                .setParameter("retired", KeyStatus.RETIRED)
                                .getResultList());
    }

    /**
     * Stores the issuer's first key as current, unless it has one already (another instance was
     * faster): then nothing changes and the caller should use {@link #current}.
     */
    public boolean createFirst(String issuer, String kid, String privateJwk) {
        return transactions.required(em -> insertCurrent(em, issuer, kid, privateJwk) == 1);
    }

    /**
     * Rotates: the current key {@code currentKid} becomes previous (published until {@code
     * retireAfter}, when its last token expires) and {@code newKid} becomes current. False, with
     * nothing changed, when {@code currentKid} is no longer current (another instance rotated).
     */
    public boolean rotate(
            String issuer,
            String currentKid,
            String newKid,
            String newPrivateJwk,
            Instant retireAfter) {
        Objects.requireNonNull(retireAfter, "retireAfter");
        return transactions.required(
                em -> {
                    int demoted = demoteCurrent(em, issuer, currentKid, retireAfter);
                    if (demoted == 0) {
                        return false;
                    }
                    if (insertCurrent(em, issuer, newKid, newPrivateJwk) != 1) {
                        throw new IllegalStateException(
                                "key " + newKid + " of " + issuer + " exists already");
                    }
                    return true;
                });
    }

    /** The issuer's next key (published, not yet signing), if one was made. */
    public Optional<StoredSigningKey> next(String issuer) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "SELECT k FROM StoredSigningKey k WHERE k.issuer = :issuer"
                                                + " AND k.status = :next",
                                        StoredSigningKey.class)
                                .setParameter("issuer", issuer)
                                .setParameter("next", KeyStatus.NEXT)
                                .getResultStream()
                                .findFirst());
    }

    /**
     * Publishes the issuer's next key, unless it has one already (another instance was faster);
     * true for the one caller that stored it.
     */
    public boolean createNext(String issuer, String kid, String privateJwk) {
        return transactions.required(
                em ->
                        em.createNativeQuery(
                                                "INSERT INTO signing_keys (issuer, kid, private_jwk,"
                                                        + " status, next_for, created_at) VALUES (?1, ?2, ?3, 'next', ?1, ?4) ON CONFLICT DO NOTHING")
                                        .setParameter(1, Objects.requireNonNull(issuer, "issuer"))
                                        .setParameter(2, Objects.requireNonNull(kid, "kid"))
                                        .setParameter(
                                                3, Objects.requireNonNull(privateJwk, "privateJwk"))
                                        .setParameter(4, DbTime.of(clock.instant()))
                                        .executeUpdate()
                                == 1);
    }

    /**
     * Promotes the issuer's next key {@code nextKid} to current; the current key {@code currentKid}
     * becomes previous until {@code retireAfter}. False, with nothing changed, when another
     * instance did it first (either key is no longer where the caller saw it).
     */
    public boolean promoteNext(
            String issuer, String currentKid, String nextKid, Instant retireAfter) {
        Objects.requireNonNull(retireAfter, "retireAfter");
        return transactions.required(
                em -> {
                    int demoted = demoteCurrent(em, issuer, currentKid, retireAfter);
                    if (demoted == 0) {
                        return false;
                    }
                    em.flush();
                    int promoted =
                            em.createQuery(
                                            "UPDATE StoredSigningKey k SET k.status = :current, k.currentFor = :issuer,"
                                                    + " k.nextFor = NULL WHERE k.issuer = :issuer AND k.kid = :kid AND k.status = :next")
                                    .setParameter("current", KeyStatus.CURRENT)
                                    .setParameter("issuer", issuer)
                                    .setParameter("kid", nextKid)
                                    .setParameter("next", KeyStatus.NEXT)
                                    .executeUpdate();
                    if (promoted != 1) {
                        throw new IllegalStateException(
                                "next key " + nextKid + " of " + issuer + " is gone");
                    }
                    return true;
                });
    }

    /** Retires previous keys whose tokens have all expired; returns how many. */
    public int retireDue() {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "UPDATE StoredSigningKey k SET k.status = :retired"
                                                + " WHERE k.status = :previous AND k.retireAfter <= :now")
                                .setParameter("retired", KeyStatus.RETIRED)
                                .setParameter("previous", KeyStatus.PREVIOUS)
                                .setParameter("now", DbTime.of(clock.instant()))
                                .executeUpdate());
    }

    /**
     * The current key {@code kid} becomes previous until {@code retireAfter}; 0 if it is no longer
     * current.
     */
    private static int demoteCurrent(
            EntityManager em, String issuer, String kid, Instant retireAfter) {
        return em.createQuery(
                        "UPDATE StoredSigningKey k SET k.status = :previous, k.currentFor = NULL,"
                                + " k.retireAfter = :retireAfter WHERE k.issuer = :issuer AND k.kid = :kid AND k.status = :current")
                .setParameter("previous", KeyStatus.PREVIOUS)
                .setParameter("retireAfter", DbTime.of(retireAfter))
                .setParameter("issuer", issuer)
                .setParameter("kid", kid)
                .setParameter("current", KeyStatus.CURRENT)
                .executeUpdate();
    }

    private int insertCurrent(EntityManager em, String issuer, String kid, String privateJwk) {
        return em.createNativeQuery(
                        "INSERT INTO signing_keys (issuer, kid, private_jwk, status, current_for, created_at)"
                                + " VALUES (?1, ?2, ?3, 'current', ?1, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, Objects.requireNonNull(issuer, "issuer"))
                .setParameter(2, Objects.requireNonNull(kid, "kid"))
                .setParameter(3, Objects.requireNonNull(privateJwk, "privateJwk"))
                .setParameter(4, DbTime.of(clock.instant()))
                .executeUpdate();
    }
}
