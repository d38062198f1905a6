package dev.aauth.personserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link IssuedTokenLog}: every auth token the Person Server issues is recorded by its {@code jti}
 * (what revocation and the account page look up), with whom and what it was for.
 */
public abstract class IssuedTokenLogContract extends PortContract {

    static final String RESOURCE = "https://resource.example";

    /** The pairwise subjects of the implementation under test (the JPA adapter derives them). */
    public static final PairwiseSubject PAIRWISE =
            new PairwiseSubject(Optional.of("0123456789abcdef0123456789abcdef"));

    /** The implementation under test, opened by {@link #open}. */
    protected abstract IssuedTokenLog log();

    @Test
    @DisplayName(
            "a recorded token is found by its jti with its agent, resource, person, subject, scopes and lifetime")
    void aRecordedTokenIsFoundByItsJti() {
        String a = agent();
        String person = username();
        long now = clock.instant().getEpochSecond();
        IssuedTokenLog.IssuedToken token =
                new IssuedTokenLog.IssuedToken(
                        "jti-" + a,
                        a,
                        RESOURCE,
                        person,
                        PAIRWISE.of(person, RESOURCE),
                        List.of("read"),
                        now,
                        now + 3600);
        log().record(token);
        assertEquals(Optional.of(token), log().find("jti-" + a));
    }

    @Test
    @DisplayName(
            "a token of an agent acting for nobody (autonomous) is recorded without person or subject")
    void anAutonomousTokenHasNoPerson() {
        String a = agent();
        long now = clock.instant().getEpochSecond();
        log().record(
                        new IssuedTokenLog.IssuedToken(
                                "jti-" + a, a, RESOURCE, null, null, List.of(), now, now + 60));
        IssuedTokenLog.IssuedToken back = log().find("jti-" + a).orElseThrow();
        assertEquals(null, back.person());
        assertEquals(null, back.subject());
        assertEquals(List.of(), back.scopes());
    }

    @Test
    @DisplayName("a jti never issued is not found")
    void aJtiNeverIssuedIsNotFound() {
        assertEquals(Optional.empty(), log().find("never-issued-" + agent()));
    }
}
