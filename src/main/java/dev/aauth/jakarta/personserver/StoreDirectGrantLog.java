package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.DirectGrants;
import dev.aauth.jakarta.store.GroupCommit;
import dev.aauth.jakarta.store.IssuedToken;
import dev.aauth.personserver.DecisionLog;
import dev.aauth.personserver.DirectGrantLog;
import dev.aauth.personserver.IssuedTokenLog;
import dev.aauth.token.TokenType;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * {@link DirectGrantLog} in the database ({@link DirectGrants}): the token's row in {@code
 * issued_tokens} and the decision's in {@code decisions} in one transaction, and the grants of
 * concurrent token requests in the same one ({@link GroupCommit}: one commit for many exchanges,
 * each answered only once its own grant is committed).
 */
public final class StoreDirectGrantLog implements DirectGrantLog {

    /** At most this many grants per transaction. */
    static final int MAX_BATCH = 64;

    private final StorePersonIds persons;
    private final String issuer;
    private final GroupCommit<DirectGrants.Grant> commits;

    StoreDirectGrantLog(DirectGrants grants, StorePersonIds persons, String issuer) {
        Objects.requireNonNull(grants, "grants");
        this.persons = Objects.requireNonNull(persons, "persons");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.commits = new GroupCommit<>(grants::recordAll, MAX_BATCH);
    }

    @Override
    public void record(IssuedTokenLog.IssuedToken token, DecisionLog.Entry decision) {
        String personId = token.person() == null ? null : persons.ensure(token.person());
        String decidedFor = decision.person() == null ? null : persons.ensure(decision.person());
        IssuedToken row =
                new IssuedToken(
                        token.jti(),
                        issuer,
                        TokenType.AUTH,
                        token.agent(),
                        token.resource(),
                        personId,
                        Set.copyOf(token.scopes()),
                        Instant.ofEpochSecond(token.issuedAt()),
                        Instant.ofEpochSecond(token.expiresAt()));
        commits.write(
                new DirectGrants.Grant(
                        row,
                        decidedFor,
                        decision.agent(),
                        decision.resource(),
                        Set.copyOf(decision.scopes()),
                        StoreDecisionLog.reason(decision)));
    }
}
