package dev.aauth.jakarta.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tokens this server issued ("{@code jti} recorded"), for its revocation endpoint and for
 * telling resources about outstanding tokens when a person revokes an agent or a consent. Tokens
 * of pending requests are recorded by {@link PendingRequests#markRedeemed}.
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

    /** Records a token (direct grants, agent tokens); a {@code jti} used before is refused by the primary key. */
    public IssuedToken record(IssuedToken token) {
        return transactions.required(em -> {
            em.persist(token);
            em.flush();
            return token;
        });
    }

    public Optional<IssuedToken> find(String jti) {
        return transactions.required(em -> Optional.ofNullable(em.find(IssuedToken.class, jti)));
    }

    /** Marks a token revoked; true for the one caller that revoked it. */
    public boolean revoke(String jti) {
        return transactions.required(em -> em.createQuery(
                        "UPDATE IssuedToken t SET t.revokedAt = :now WHERE t.jti = :jti AND t.revokedAt IS NULL")
                .setParameter("now", DbTime.of(clock.instant())).setParameter("jti", jti).executeUpdate() == 1);
    }

    /** Tokens acting for the person and the agent that have neither expired nor been revoked. */
    public List<IssuedToken> outstanding(String personId, String agentId) {
        return transactions.required(em -> em.createQuery("SELECT t FROM IssuedToken t WHERE t.personId = :person"
                        + " AND t.agentId = :agent AND t.revokedAt IS NULL AND t.expiresAt > :now"
                        + " ORDER BY t.issuedAt, t.jti", IssuedToken.class)
                .setParameter("person", personId).setParameter("agent", agentId)
                .setParameter("now", DbTime.of(clock.instant())).getResultList());
    }

    /** Forgets tokens that expired before now; returns how many. */
    public int purgeExpired() {
        return transactions.required(em -> em.createQuery("DELETE FROM IssuedToken t WHERE t.expiresAt <= :now")
                .setParameter("now", DbTime.of(clock.instant())).executeUpdate());
    }
}
