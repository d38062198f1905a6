package dev.aauth.jakarta.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tokens this server issued ("{@code jti} recorded"), for its revocation endpoint and for
 * telling resources about outstanding tokens when a person revokes an agent or a consent. Tokens of
 * pending requests are recorded by {@link PendingRequests#markRedeemed}.
 */
@ApplicationScoped
public class IssuedTokens {

    private final Transactions transactions;
    private final Clock clock;

    @Inject
    public IssuedTokens(Transactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For the CDI client proxy only. */
    protected IssuedTokens() {
        this.transactions = null;
        this.clock = null;
    }

    /**
     * Records a token (direct grants, agent tokens); a {@code jti} used before is refused by the
     * primary key.
     */
    public IssuedToken record(IssuedToken token) {
        return transactions.required(
                em -> {
                    em.persist(token);
                    em.flush();
                    return token;
                });
    }

    public Optional<IssuedToken> find(String jti) {
        return transactions.required(em -> Optional.ofNullable(em.find(IssuedToken.class, jti)));
    }

    /**
     * Marks a token revoked; true for the one caller that revoked it. Its resource is then due to
     * be told ({@link #noticesDue}).
     */
    public boolean revoke(String jti) {
        return transactions.required(
                em ->
                        em.createQuery(
                                                "UPDATE IssuedToken t SET t.revokedAt = :now,"
                                                        + " t.noticeDueAt = :now WHERE t.jti = :jti AND t.revokedAt IS NULL")
                                        .setParameter("now", DbTime.of(clock.instant()))
                                        .setParameter("jti", jti)
                                        .executeUpdate()
                                == 1);
    }

    /**
     * Revoked tokens whose resource has not acknowledged the revocation, whose next attempt is due
     * and that have not expired (an expired token needs no revocation), oldest due first.
     */
    public List<IssuedToken> noticesDue(int max) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "SELECT t FROM IssuedToken t WHERE t.revokedAt IS NOT NULL"
                                                + " AND t.notifiedAt IS NULL AND t.noticeDueAt <= :now AND t.expiresAt > :now"
                                                + " AND t.audience IS NOT NULL ORDER BY t.noticeDueAt, t.jti",
                                        IssuedToken.class)
                                .setParameter("now", DbTime.of(clock.instant()))
                                .setMaxResults(max)
                                .getResultList());
    }

    /**
     * Claims the next attempt to tell the resource about a revoked token: true for the one caller
     * (of any instance) that saw {@code attemptsSeen} attempts and the attempt due; the next one is
     * then due at {@code nextDue}, should this one fail.
     */
    public boolean claimNotice(String jti, int attemptsSeen, Instant nextDue) {
        return transactions.required(
                em ->
                        em.createQuery(
                                                "UPDATE IssuedToken t SET t.noticeAttempts = :next,"
                                                        + " t.noticeDueAt = :due WHERE t.jti = :jti AND t.revokedAt IS NOT NULL AND t.notifiedAt IS NULL"
                                                        + " AND t.noticeAttempts = :seen AND t.noticeDueAt <= :now")
                                        .setParameter("next", attemptsSeen + 1)
                                        .setParameter("due", DbTime.of(nextDue))
                                        .setParameter("jti", jti)
                                        .setParameter("seen", attemptsSeen)
                                        .setParameter("now", DbTime.of(clock.instant()))
                                        .executeUpdate()
                                == 1);
    }

    /** The resource acknowledged the revocation: no more attempts. */
    public void noticeDelivered(String jti) {
        transactions.required(
                em ->
                        em.createQuery(
                                        "UPDATE IssuedToken t SET t.notifiedAt = :now, t.noticeDueAt = NULL,"
                                                + " t.noticeError = NULL WHERE t.jti = :jti AND t.notifiedAt IS NULL")
                                .setParameter("now", DbTime.of(clock.instant()))
                                .setParameter("jti", jti)
                                .executeUpdate());
    }

    /** The attempt failed: why (at most 512 characters kept); the next one stays due as claimed. */
    public void noticeFailed(String jti, String error) {
        String e =
                error == null ? "failed" : error.length() > 512 ? error.substring(0, 512) : error;
        transactions.required(
                em ->
                        em.createQuery(
                                        "UPDATE IssuedToken t SET t.noticeError = :error"
                                                + " WHERE t.jti = :jti AND t.notifiedAt IS NULL")
                                .setParameter("error", e)
                                .setParameter("jti", jti)
                                .executeUpdate());
    }

    /**
     * Tokens acting for the person and the agent at {@code resource} that have neither expired nor
     * been revoked.
     */
    public List<IssuedToken> outstanding(String personId, String agentId, String resource) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "SELECT t FROM IssuedToken t WHERE t.personId = :person"
                                                + " AND t.agentId = :agent AND t.audience = :resource AND t.revokedAt IS NULL"
                                                + " AND t.expiresAt > :now ORDER BY t.issuedAt, t.jti",
                                        IssuedToken.class)
                                .setParameter("person", personId)
                                .setParameter("agent", agentId)
                                .setParameter("resource", resource)
                                .setParameter("now", DbTime.of(clock.instant()))
                                .getResultList());
    }

    /** Tokens acting for the person and the agent that have neither expired nor been revoked. */
    public List<IssuedToken> outstanding(String personId, String agentId) {
        return transactions.required(
                em ->
                        em.createQuery(
                                        "SELECT t FROM IssuedToken t WHERE t.personId = :person"
                                                + " AND t.agentId = :agent AND t.revokedAt IS NULL AND t.expiresAt > :now"
                                                + " ORDER BY t.issuedAt, t.jti",
                                        IssuedToken.class)
                                .setParameter("person", personId)
                                .setParameter("agent", agentId)
                                .setParameter("now", DbTime.of(clock.instant()))
                                .getResultList());
    }

    /** Forgets tokens that expired before now; returns how many. */
    public int purgeExpired() {
        return transactions.required(
                em ->
                        em.createQuery("DELETE FROM IssuedToken t WHERE t.expiresAt <= :now")
                                .setParameter("now", DbTime.of(clock.instant()))
                                .executeUpdate());
    }
}
