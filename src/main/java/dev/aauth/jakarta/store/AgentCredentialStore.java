package dev.aauth.jakarta.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The current short-lived key and agent token of each agent of this deployment (table {@code
 * agent_credentials}), so that a restarted agent signs with the same key: a Person Server binds a
 * pending request to the key that made it. A secret, kept as the server signing keys are.
 */
@ApplicationScoped
public class AgentCredentialStore {

    /** The stored credentials of one agent. */
    public record Stored(String privateJwk, String agentToken, Instant expiresAt) {}

    private final Transactions transactions;
    private final Clock clock;

    @Inject
    public AgentCredentialStore(Transactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For the CDI client proxy only. */
    protected AgentCredentialStore() {
        this.transactions = null;
        this.clock = null;
    }

    /** Replaces the credentials of {@code owner} (the origin's issuer and the agent's name). */
    public void save(String owner, String privateJwk, String agentToken, Instant expiresAt) {
        OffsetDateTime now = DbTime.of(clock.instant());
        // UPDATE, else INSERT (portable: H2's PostgreSQL mode has no ON CONFLICT DO UPDATE); a
        // racing first insert of the same agent loses quietly, and the next renewal writes again
        transactions.required(
                em -> {
                    int updated =
                            em.createNativeQuery(
                                            "UPDATE agent_credentials SET private_jwk = ?2, agent_token = ?3,"
                                                    + " expires_at = ?4, updated_at = ?5 WHERE agent_owner = ?1")
                                    .setParameter(1, owner)
                                    .setParameter(2, privateJwk)
                                    .setParameter(3, agentToken)
                                    .setParameter(4, DbTime.of(expiresAt))
                                    .setParameter(5, now)
                                    .executeUpdate();
                    if (updated == 0) {
                        em.createNativeQuery(
                                        "INSERT INTO agent_credentials (agent_owner, private_jwk, agent_token, expires_at,"
                                                + " updated_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING")
                                .setParameter(1, owner)
                                .setParameter(2, privateJwk)
                                .setParameter(3, agentToken)
                                .setParameter(4, DbTime.of(expiresAt))
                                .setParameter(5, now)
                                .executeUpdate();
                    }
                    return null;
                });
    }

    public Optional<Stored> find(String owner) {
        return transactions.required(
                em -> {
                    @SuppressWarnings("unchecked")
                    List<Object[]> rows =
                            em.createNativeQuery(
                                            "SELECT private_jwk, agent_token, expires_at FROM agent_credentials"
                                                    + " WHERE agent_owner = ?1")
                                    .setParameter(1, owner)
                                    .getResultList();
                    if (rows.isEmpty()) {
                        return Optional.empty();
                    }
                    Object[] r = rows.get(0);
                    return Optional.of(new Stored((String) r[0], (String) r[1], instant(r[2])));
                });
    }

    private static Instant instant(Object column) {
        if (column instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (column instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (column instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException(
                "unexpected timestamp type " + (column == null ? null : column.getClass()));
    }
}
