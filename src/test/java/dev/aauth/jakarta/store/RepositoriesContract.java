package dev.aauth.jakarta.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.store.AgentBindings.BindOutcome;
import dev.aauth.jakarta.store.AgentBindings.Binding;
import dev.aauth.token.TokenType;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Persons, bindings, consents, issued tokens, revocations, decisions and signing keys; on H2 and
 * PostgreSQL.
 */
abstract class RepositoriesContract extends StoreTestSupport {

    // --- persons
    // -------------------------------------------------------------------------------------------

    @Test
    void aPersonIsFoundByIdAndByUsername() {
        Person person =
                store.persons
                        .create("alice-" + unique(""), "Alice", "alice@example.com")
                        .orElseThrow();

        assertEquals(
                Optional.of("Alice"), store.persons.find(person.id()).orElseThrow().displayName());
        assertEquals(
                person.id(), store.persons.findByUsername(person.username()).orElseThrow().id());
        assertEquals(Optional.empty(), person.passwordHash());
        assertTrue(store.persons.setPasswordHash(person.id(), "hash-by-the-login-code"));
        assertEquals(
                Optional.of("hash-by-the-login-code"),
                store.persons.find(person.id()).orElseThrow().passwordHash());
        assertFalse(store.persons.setPasswordHash("no-such-person", "x"));
    }

    @Test
    void usernamesAreUniqueEvenWhenCreatedConcurrently() throws Exception {
        String username = unique("bob-");

        List<Optional<Person>> created =
                race(10, i -> () -> store.persons.create(username, "Bob " + i, null));

        assertEquals(1, created.stream().filter(Optional::isPresent).count());
        assertTrue(store.persons.findByUsername(username).isPresent());
    }

    // --- agent bindings
    // -----------------------------------------------------------------------------------

    @Test
    @DisplayName("Each agent belongs to exactly one person, never re-bound silently")
    void anAgentIsNeverReBoundSilently() {
        Person owner = newPerson();
        Person other = newPerson();
        String agent = newAgent();

        Binding first = store.bindings.bind(agent, owner.id(), BoundBy.CONSENT);
        Binding again = store.bindings.bind(agent, owner.id(), BoundBy.ADMIN);
        Binding stolen = store.bindings.bind(agent, other.id(), BoundBy.ADMIN);

        assertEquals(BindOutcome.BOUND, first.outcome());
        assertEquals(BindOutcome.ALREADY_BOUND, again.outcome());
        assertEquals(BindOutcome.BOUND_TO_ANOTHER, stolen.outcome());
        AgentBinding binding = store.bindings.find(agent).orElseThrow();
        assertEquals(owner.id(), binding.personId());
        assertEquals(BoundBy.CONSENT, binding.boundBy());
        assertEquals(
                List.of(agent),
                store.bindings.forPerson(owner.id()).stream().map(AgentBinding::agentId).toList());
    }

    @Test
    void twoPersonsConsentingAtOnceCannotBothOwnTheAgent() throws Exception {
        String agent = newAgent();
        List<Person> people = List.of(newPerson(), newPerson(), newPerson(), newPerson());

        List<Binding> results =
                race(
                        8,
                        i ->
                                () ->
                                        store.bindings.bind(
                                                agent, people.get(i % 4).id(), BoundBy.CONSENT));

        assertEquals(
                1,
                results.stream().filter(b -> b.outcome() == BindOutcome.BOUND).count(),
                results.toString());
        String owner = store.bindings.find(agent).orElseThrow().personId();
        for (Binding result : results) {
            assertEquals(owner, result.binding().personId());
        }
    }

    @Test
    void onlyTheOwnerUnbindsAnAgent() {
        Person owner = newPerson();
        String agent = newAgent();
        store.bindings.bind(agent, owner.id(), BoundBy.ADMIN);

        assertFalse(store.bindings.unbind(agent, newPerson().id()));
        assertTrue(store.bindings.unbind(agent, owner.id()));
        assertEquals(Optional.empty(), store.bindings.find(agent));
    }

    // --- consents
    // -----------------------------------------------------------------------------------------

    @Test
    @DisplayName("Remembered consents per person, agent, resource and scopes")
    void rememberedConsentsCoverTheScopesTheyGranted() {
        Person person = newPerson();
        String agent = newAgent();
        String resource = "https://resource.example";
        store.consents.grant(person.id(), agent, resource, Set.of("data.read"));
        Consent write =
                store.consents.grant(
                        person.id(), agent, resource, Set.of("data.write", "data.read"));

        assertTrue(
                store.consents.covers(
                        person.id(), agent, resource, Set.of("data.read", "data.write")));
        assertFalse(store.consents.covers(person.id(), agent, resource, Set.of("data.delete")));
        assertFalse(
                store.consents.covers(
                        person.id(), agent, "https://other.example", Set.of("data.read")));
        assertFalse(store.consents.covers(person.id(), newAgent(), resource, Set.of("data.read")));
        assertFalse(store.consents.covers(newPerson().id(), agent, resource, Set.of("data.read")));

        assertFalse(store.consents.revoke(write.id(), newPerson().id()), "not theirs");
        assertTrue(store.consents.revoke(write.id(), person.id()));
        assertFalse(store.consents.revoke(write.id(), person.id()), "once");
        assertFalse(store.consents.covers(person.id(), agent, resource, Set.of("data.write")));
        assertTrue(store.consents.covers(person.id(), agent, resource, Set.of("data.read")));

        assertEquals(1, store.consents.revokeAll(person.id(), agent));
        assertEquals(List.of(), store.consents.activeForPerson(person.id()));
    }

    @Test
    void scopesMustBeScopeTokens() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        store.consents.grant(
                                newPerson().id(),
                                newAgent(),
                                "https://r.example",
                                Set.of("two words")));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        store.consents.grant(
                                newPerson().id(),
                                newAgent(),
                                "https://r.example",
                                Set.of("quote\"")));
    }

    // --- issued tokens
    // ------------------------------------------------------------------------------------

    @Test
    void issuedTokensAreRecordedByJtiAndListedWhileOutstanding() {
        Person person = newPerson();
        String agent = newAgent();
        Instant now = clock.instant();
        IssuedToken shortLived =
                store.tokens.record(
                        new IssuedToken(
                                unique("jti-"),
                                "https://ps.example",
                                TokenType.AUTH,
                                agent,
                                "https://resource.example",
                                person.id(),
                                Set.of("data.read"),
                                now,
                                now.plusSeconds(60)));
        IssuedToken longLived =
                store.tokens.record(
                        new IssuedToken(
                                unique("jti-"),
                                "https://ps.example",
                                TokenType.AUTH,
                                agent,
                                "https://resource.example",
                                person.id(),
                                Set.of("data.read"),
                                now,
                                now.plusSeconds(3600)));
        IssuedToken revoked =
                store.tokens.record(
                        new IssuedToken(
                                unique("jti-"),
                                "https://ps.example",
                                TokenType.AUTH,
                                agent,
                                "https://resource.example",
                                person.id(),
                                Set.of(),
                                now,
                                now.plusSeconds(3600)));

        assertTrue(store.tokens.revoke(revoked.jti()));
        assertFalse(store.tokens.revoke(revoked.jti()), "once");
        assertEquals(TokenType.AUTH, store.tokens.find(shortLived.jti()).orElseThrow().tokenType());
        assertEquals(
                Set.of(shortLived.jti(), longLived.jti()),
                Set.copyOf(
                        store.tokens.outstanding(person.id(), agent).stream()
                                .map(IssuedToken::jti)
                                .toList()));
        clock.advance(Duration.ofSeconds(60));
        assertEquals(
                List.of(longLived.jti()),
                store.tokens.outstanding(person.id(), agent).stream()
                        .map(IssuedToken::jti)
                        .toList());
        assertTrue(store.tokens.purgeExpired() >= 1);
        assertEquals(Optional.empty(), store.tokens.find(shortLived.jti()));
        assertTrue(store.tokens.find(longLived.jti()).isPresent());
    }

    @Test
    void aJtiIsRecordedOnce() {
        Instant now = clock.instant();
        String jti = unique("jti-");
        store.tokens.record(
                new IssuedToken(
                        jti,
                        "https://ps.example",
                        TokenType.AGENT,
                        newAgent(),
                        null,
                        null,
                        Set.of(),
                        now,
                        now.plusSeconds(60)));

        assertThrows(
                PersistenceException.class,
                () ->
                        store.tokens.record(
                                new IssuedToken(
                                        jti,
                                        "https://ps.example",
                                        TokenType.AGENT,
                                        newAgent(),
                                        null,
                                        null,
                                        Set.of(),
                                        now,
                                        now.plusSeconds(60))));
    }

    @Test
    @DisplayName(
            "Revocation notices: a revoked token is due at once; each attempt is claimed by one instance, then due again after the back-off")
    void aRevocationNoticeAttemptHasOneWinner() throws Exception {
        Person person = newPerson();
        String agent = newAgent();
        Instant now = clock.instant();
        IssuedToken token =
                store.tokens.record(
                        new IssuedToken(
                                unique("jti-"),
                                "https://ps.example",
                                TokenType.AUTH,
                                agent,
                                "https://resource.example",
                                person.id(),
                                Set.of("data.read"),
                                now,
                                now.plusSeconds(3600)));
        assertFalse(due(token), "not revoked: nothing to tell");

        assertTrue(store.tokens.revoke(token.jti()));
        assertTrue(due(token));
        List<Boolean> claimed =
                race(8, i -> () -> store.tokens.claimNotice(token.jti(), 0, now.plusSeconds(10)));

        assertEquals(1, claimed.stream().filter(Boolean::booleanValue).count(), claimed.toString());
        store.tokens.noticeFailed(token.jti(), "connection refused");
        IssuedToken failed = store.tokens.find(token.jti()).orElseThrow();
        assertEquals(1, failed.noticeAttempts());
        assertEquals(Optional.of("connection refused"), failed.noticeError());
        assertFalse(due(token), "not before the back-off");
        clock.advance(Duration.ofSeconds(10));
        assertTrue(due(token));
        assertFalse(
                store.tokens.claimNotice(token.jti(), 0, clock.instant()),
                "a stale attempt count loses");
        assertTrue(store.tokens.claimNotice(token.jti(), 1, clock.instant().plusSeconds(20)));
        store.tokens.noticeDelivered(token.jti());
        IssuedToken delivered = store.tokens.find(token.jti()).orElseThrow();
        assertTrue(delivered.notifiedAt().isPresent());
        assertEquals(Optional.empty(), delivered.noticeError());
        clock.advance(Duration.ofSeconds(30));
        assertFalse(due(token), "acknowledged: never again");
    }

    @Test
    void aRevokedTokenThatExpiredIsNoLongerDue() {
        Instant now = clock.instant();
        IssuedToken token =
                store.tokens.record(
                        new IssuedToken(
                                unique("jti-"),
                                "https://ps.example",
                                TokenType.AUTH,
                                newAgent(),
                                "https://resource.example",
                                newPerson().id(),
                                Set.of("data.read"),
                                now,
                                now.plusSeconds(60)));
        assertTrue(store.tokens.revoke(token.jti()));
        assertTrue(due(token));
        clock.advance(Duration.ofSeconds(60));
        assertFalse(due(token), "an expired auth token is refused anyway");
    }

    @Test
    void outstandingTokensOfOneResource() {
        Person person = newPerson();
        String agent = newAgent();
        Instant now = clock.instant();
        IssuedToken here =
                store.tokens.record(
                        new IssuedToken(
                                unique("jti-"),
                                "https://ps.example",
                                TokenType.AUTH,
                                agent,
                                "https://resource.example",
                                person.id(),
                                Set.of("data.read"),
                                now,
                                now.plusSeconds(3600)));
        store.tokens.record(
                new IssuedToken(
                        unique("jti-"),
                        "https://ps.example",
                        TokenType.AUTH,
                        agent,
                        "https://other.example",
                        person.id(),
                        Set.of("data.read"),
                        now,
                        now.plusSeconds(3600)));

        assertEquals(
                List.of(here.jti()),
                store.tokens.outstanding(person.id(), agent, "https://resource.example").stream()
                        .map(IssuedToken::jti)
                        .toList());
    }

    boolean due(IssuedToken token) {
        return store.tokens.noticesDue(10_000).stream().anyMatch(t -> t.jti().equals(token.jti()));
    }

    // --- revocations
    // --------------------------------------------------------------------------------------

    @Test
    void aTokenIsRevokedOnceAndForgottenAfterItExpires() throws Exception {
        String issuer = "https://ps.example";
        String jti = unique("jti-");
        Instant expiresAt = clock.instant().plusSeconds(300);

        List<Boolean> revoked =
                race(8, i -> () -> store.revocations.revoke(issuer, jti, expiresAt));

        assertEquals(1, revoked.stream().filter(Boolean::booleanValue).count(), revoked.toString());
        assertTrue(store.revocations.isRevoked(issuer, jti));
        assertFalse(
                store.revocations.isRevoked("https://other.example", jti),
                "jti is unique within the issuer's namespace");
        clock.advance(Duration.ofSeconds(300));
        assertTrue(store.revocations.purgeExpired() >= 1);
        assertFalse(store.revocations.isRevoked(issuer, jti));
    }

    // --- decisions
    // ----------------------------------------------------------------------------------------

    @Test
    void directDecisionsAreRecordedWithTheirReason() {
        String agent = newAgent();
        store.decisions.record(
                null,
                null,
                agent,
                "https://resource.example",
                Set.of("data.read"),
                DecisionOutcome.DEFERRED,
                "unknown agent: interaction");
        clock.advance(Duration.ofSeconds(1));
        store.decisions.record(
                null,
                newPerson().id(),
                agent,
                "https://resource.example",
                Set.of("data.read"),
                DecisionOutcome.GRANTED,
                "remembered consent");

        List<Decision> recent = store.decisions.recentForAgent(agent, 10);
        assertEquals(
                List.of(DecisionOutcome.GRANTED, DecisionOutcome.DEFERRED),
                recent.stream().map(Decision::outcome).toList());
        assertEquals("remembered consent", recent.get(0).reason());
        assertEquals(Optional.empty(), recent.get(1).requestId());
    }

    // --- signing keys
    // -------------------------------------------------------------------------------------

    @Test
    void instancesRacingToCreateTheFirstKeyEndWithOneCurrentKey() throws Exception {
        String issuer = "https://" + unique("ps-") + ".example";

        List<Boolean> created =
                race(
                        6,
                        i ->
                                () ->
                                        store.keys.createFirst(
                                                issuer,
                                                "kid-" + i,
                                                "{\"kty\":\"OKP\",\"n\":" + i + "}"));

        assertEquals(1, created.stream().filter(Boolean::booleanValue).count(), created.toString());
        assertEquals(1, store.keys.published(issuer).size());
        assertEquals(KeyStatus.CURRENT, store.keys.current(issuer).orElseThrow().status());
    }

    @Test
    @DisplayName("Rotation: the old key stays published until its tokens expire, then retires")
    void rotationKeepsThePreviousKeyPublishedUntilItsTokensExpire() throws Exception {
        String issuer = "https://" + unique("ps-") + ".example";
        assertTrue(store.keys.createFirst(issuer, "k1", "{\"k\":1}"));
        Instant retireAfter = clock.instant().plus(Duration.ofHours(1));

        List<Boolean> rotated =
                race(
                        4,
                        i ->
                                () ->
                                        store.keys.rotate(
                                                issuer, "k1", "k2-" + i, "{\"k\":2}", retireAfter));

        assertEquals(1, rotated.stream().filter(Boolean::booleanValue).count(), rotated.toString());
        StoredSigningKey current = store.keys.current(issuer).orElseThrow();
        assertTrue(current.kid().startsWith("k2-"));
        List<StoredSigningKey> published = store.keys.published(issuer);
        assertEquals(2, published.size());
        StoredSigningKey previous =
                published.stream().filter(k -> k.kid().equals("k1")).findFirst().orElseThrow();
        assertEquals(KeyStatus.PREVIOUS, previous.status());
        assertEquals(Optional.of(retireAfter), previous.retireAfter());

        clock.advance(Duration.ofHours(1));
        assertTrue(store.keys.retireDue() >= 1);
        assertEquals(
                List.of(current.kid()),
                store.keys.published(issuer).stream().map(StoredSigningKey::kid).toList());
        assertFalse(store.keys.createFirst(issuer, "k9", "{}"), "the issuer has a current key");
    }
}
