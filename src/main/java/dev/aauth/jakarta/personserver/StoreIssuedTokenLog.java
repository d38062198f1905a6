package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.IssuedTokens;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.personserver.IssuedTokenLog;
import dev.aauth.personserver.PairwiseSubject;
import dev.aauth.token.TokenType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link IssuedTokenLog} in the database ({@link IssuedTokens}): "jti recorded", across restarts
 * and instances. The pairwise {@code sub} is not stored: it is derived again from the person and
 * the resource.
 */
public final class StoreIssuedTokenLog implements IssuedTokenLog {

    private final IssuedTokens tokens;
    private final StorePersonIds persons;
    private final String issuer;
    private final PairwiseSubject pairwise;

    public StoreIssuedTokenLog(
            IssuedTokens tokens, Persons persons, String issuer, PairwiseSubject pairwise) {
        this(tokens, new StorePersonIds(persons), issuer, pairwise);
    }

    StoreIssuedTokenLog(
            IssuedTokens tokens, StorePersonIds persons, String issuer, PairwiseSubject pairwise) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.persons = Objects.requireNonNull(persons, "persons");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.pairwise = Objects.requireNonNull(pairwise, "pairwise");
    }

    @Override
    public void record(IssuedToken token) {
        String personId = token.person() == null ? null : persons.ensure(token.person());
        tokens.record(
                new dev.aauth.jakarta.store.IssuedToken(
                        token.jti(),
                        issuer,
                        TokenType.AUTH,
                        token.agent(),
                        token.resource(),
                        personId,
                        Set.copyOf(token.scopes()),
                        Instant.ofEpochSecond(token.issuedAt()),
                        Instant.ofEpochSecond(token.expiresAt())));
    }

    @Override
    public Optional<IssuedToken> find(String jti) {
        return tokens.find(jti)
                .filter(t -> t.tokenType() == TokenType.AUTH && t.audience().isPresent())
                .map(
                        t -> {
                            String person = t.personId().flatMap(persons::usernameOf).orElse(null);
                            String resource = t.audience().get();
                            return new IssuedToken(
                                    t.jti(),
                                    t.agentId(),
                                    resource,
                                    person,
                                    person == null ? null : pairwise.of(person, resource),
                                    List.copyOf(t.scopes()),
                                    t.issuedAt().getEpochSecond(),
                                    t.expiresAt().getEpochSecond());
                        });
    }

    @Override
    public boolean isRevoked(String jti) {
        return tokens.find(jti).flatMap(dev.aauth.jakarta.store.IssuedToken::revokedAt).isPresent();
    }
}
