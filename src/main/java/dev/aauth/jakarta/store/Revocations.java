package dev.aauth.jakarta.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Revoked tokens, of this server or of others (a resource told by a Person Server), kept until they
 * would have expired anyway: after that the token fails verification on its own.
 */
@ApplicationScoped
public class Revocations {

    private final Transactions transactions;
    private final Clock clock;

    @Inject
    public Revocations(Transactions transactions, Clock clock) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** For the CDI client proxy only. */
    protected Revocations() {
        this.transactions = null;
        this.clock = null;
    }

    /**
     * Records that the token {@code jti} of {@code issuer} is revoked; true when this call added
     * it, false when it was revoked already ({@code INSERT ... ON CONFLICT DO NOTHING}).
     */
    public boolean revoke(String issuer, String jti, Instant expiresAt) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jti, "jti");
        Objects.requireNonNull(expiresAt, "expiresAt");
        return transactions.required(
                em ->
                        em.createNativeQuery(
                                                "INSERT INTO revocations (issuer, jti, revoked_at, expires_at) VALUES (?1, ?2, ?3, ?4)"
                                                        + " ON CONFLICT DO NOTHING")
                                        .setParameter(1, issuer)
                                        .setParameter(2, jti)
                                        .setParameter(3, DbTime.of(clock.instant()))
                                        .setParameter(4, DbTime.of(expiresAt))
                                        .executeUpdate()
                                == 1);
    }

    /**
     * Whether the token {@code jti} of {@code issuer} is revoked: asked on every request to the
     * Person Server (its agent token) and to a resource (its auth token), so one read with no
     * transaction of its own ({@link Transactions#reading}: no begin and commit around the {@code
     * SELECT}; no shared cache either, so a revocation by another instance is seen at once).
     */
    public boolean isRevoked(String issuer, String jti) {
        return transactions.reading(
                em ->
                        em.find(
                                        Revocation.class,
                                        new Revocation.Key(issuer, jti),
                                        Transactions.READ_ONLY)
                                != null);
    }

    /** Forgets revocations of tokens that have expired; returns how many. */
    public int purgeExpired() {
        return transactions.required(
                em ->
                        em.createQuery("DELETE FROM Revocation r WHERE r.expiresAt <= :now")
                                .setParameter("now", DbTime.of(clock.instant()))
                                .executeUpdate());
    }
}
