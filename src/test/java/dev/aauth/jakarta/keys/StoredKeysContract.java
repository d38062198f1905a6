package dev.aauth.jakarta.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.store.SigningKeys;
import dev.aauth.jakarta.store.TestStores;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.Jws;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.testing.MutableClock;
import dev.aauth.testing.Races;
import dev.aauth.token.Dwk;
import dev.aauth.token.IssuerKeyResolver;
import dev.aauth.token.LocalKeyResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Signing keys in the database with rotation ({@link StoredKeys}): "Signing keys kept in a key
 * store with rotation (old key published until its tokens expire)", shared by every instance of an
 * issuer. Two "instances" are two store instances (own persistence unit and pool) on one database;
 * on H2 and PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoredKeysContract {

    static final Duration ROTATION = Duration.ofDays(30);
    static final Duration MAX_TOKEN = Duration.ofHours(1);
    static final Duration REFRESH = Duration.ofSeconds(60);

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    TestStores stores;
    SigningKeys one;
    SigningKeys two;

    abstract TestStores open();

    @BeforeAll
    void openStores() {
        stores = open();
        one = new SigningKeys(stores.instance(8), clock);
        two = new SigningKeys(stores.instance(8), clock);
    }

    @AfterAll
    void closeStores() throws Exception {
        stores.close();
    }

    static String issuer() {
        return "https://" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    StoredKeys keys(SigningKeys store, String issuer) {
        return keys(store, issuer, Optional.empty());
    }

    StoredKeys keys(SigningKeys store, String issuer, Optional<SigningKey> imported) {
        return new StoredKeys(issuer, store, imported, ROTATION, MAX_TOKEN, REFRESH, clock);
    }

    static String kid(StoredKeys k) {
        return k.keySet().current().kid().orElseThrow();
    }

    static List<String> published(StoredKeys k) {
        return k.keySet().jwks().keys().stream().map(j -> j.kid().orElseThrow()).toList();
    }

    @Test
    @DisplayName(
            "First start: one Ed25519 key in the database; another instance of the issuer loads the same key")
    void instancesOfOneIssuerShareItsKey() {
        String issuer = issuer();
        StoredKeys a = keys(one, issuer);
        StoredKeys b = keys(two, issuer);

        assertEquals(SignatureAlgorithm.ED25519, a.keySet().current().algorithm());
        assertEquals(kid(a), kid(b));
        assertEquals(a.keySet().current().publicJwk(), b.keySet().current().publicJwk());
        assertNotEquals(kid(a), kid(keys(one, issuer())), "each issuer its own key");
    }

    @Test
    @DisplayName(
            "Instances starting at once race to create the first key: all end with the winner's")
    void instancesStartingAtOnceEndWithOneKey() throws Exception {
        String issuer = issuer();
        List<String> kids = Races.race(6, i -> () -> kid(keys(i % 2 == 0 ? one : two, issuer)));

        assertEquals(1, kids.stream().distinct().count(), kids.toString());
    }

    @Test
    @DisplayName(
            "aauth.keys.dir is an import: the file's key becomes the first key; later the database wins")
    void anImportedKeyIsTheFirstKeyOnly() {
        String issuer = issuer();
        SigningKey file = SigningKey.generate(SignatureAlgorithm.ED25519, "from-file");

        assertEquals("from-file", kid(keys(one, issuer, Optional.of(file))));
        SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519, "another-file");
        assertEquals(
                "from-file",
                kid(keys(two, issuer, Optional.of(other))),
                "the database holds the issuer's keys");
    }

    static final Duration LEAD = StoredKeys.JWKS_MAX_AGE.plus(REFRESH);

    @Test
    @DisplayName(
            "Rotation after the interval: the next key is published before it signs, then signs; the previous stays in the JWKS until every token it signed has expired, then is retired")
    void rotationKeepsThePreviousKeyUntilItsTokensExpire() {
        String issuer = issuer();
        StoredKeys a = keys(one, issuer);
        StoredKeys b = keys(two, issuer);
        String first = kid(a);
        String token = Jws.sign(Map.of("kid", first), Map.of("sub", "s"), a.keySet().current());
        clock.advance(ROTATION.minus(LEAD).minusSeconds(1));
        a.tick();
        assertEquals(List.of(first), published(a), "not yet due");

        clock.advance(Duration.ofSeconds(1));
        a.tick();
        assertEquals(first, kid(a), "the next key does not sign yet");
        String second = published(a).get(1);
        b.tick();
        assertEquals(
                List.of(first, second),
                published(b),
                "published to every instance: JWKS caches learn it early");

        clock.advance(LEAD);
        b.tick();
        a.tick();
        assertEquals(second, kid(a));
        assertEquals(second, kid(b));
        assertEquals(List.of(second, first), published(a), "JWKS: current + previous");
        Jws.parse(token).verify(a.keySet().jwks().byKid(first).orElseThrow());

        clock.advance(MAX_TOKEN.plus(REFRESH).minusSeconds(1));
        a.tick();
        assertEquals(List.of(second, first), published(a), "its last token may still be valid");
        clock.advance(Duration.ofSeconds(1));
        a.tick();
        assertEquals(List.of(second), published(a), "retired: no longer published");
    }

    @Test
    @DisplayName("Two instances publishing the next key at once: one next key")
    void twoInstancesPublishOneNextKey() throws Exception {
        String issuer = issuer();
        StoredKeys a = keys(one, issuer);
        StoredKeys b = keys(two, issuer);
        clock.advance(ROTATION.minus(LEAD));

        Races.race(
                2,
                i ->
                        () -> {
                            (i == 0 ? a : b).tick();
                            return null;
                        });

        a.refresh();
        b.refresh();
        assertEquals(2, published(a).size(), published(a).toString());
        assertEquals(published(a), published(b));
    }

    @Test
    @DisplayName("Rotation on demand: rotateNow")
    void rotationOnDemand() {
        StoredKeys a = keys(one, issuer());
        String first = kid(a);
        assertTrue(a.rotateNow());
        assertNotEquals(first, kid(a));
        assertEquals(List.of(kid(a), first), published(a));
    }

    @Test
    @DisplayName("Two instances rotating at once: one winner, both end with its key")
    void twoInstancesRotatingAtOnceHaveOneWinner() throws Exception {
        String issuer = issuer();
        StoredKeys a = keys(one, issuer);
        StoredKeys b = keys(two, issuer);
        String first = kid(a);

        List<Boolean> won = Races.race(2, i -> () -> (i == 0 ? a : b).rotateNow());

        assertEquals(1, won.stream().filter(Boolean::booleanValue).count(), won.toString());
        a.refresh();
        b.refresh();
        assertEquals(kid(a), kid(b));
        assertEquals(List.of(kid(a), first), published(b), "one new key, one previous");
    }

    @Test
    @DisplayName(
            "A token signed with another instance's new key verifies here at once (refresh on unknown kid)")
    void anotherInstancesNewKeyIsFoundOnUnknownKid() {
        String issuer = issuer();
        StoredKeys a = keys(one, issuer);
        StoredKeys b = keys(two, issuer);
        assertTrue(b.rotateNow());
        String newKid = kid(b);
        assertNotEquals(newKid, kid(a), "a has not refreshed yet");
        IssuerKeyResolver resolver =
                a.refreshingOnUnknownKid(LocalKeyResolver.of(issuer, Dwk.PERSON, a.keySet(), null));

        Jwk found = resolver.resolve(issuer, Dwk.PERSON, newKid);

        assertEquals(b.keySet().current().publicJwk(), found);
        assertEquals(newKid, kid(a), "and a signs with it from now on");
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> resolver.resolve(issuer, Dwk.PERSON, "never-made"));
        assertEquals(AAuthError.UNKNOWN_KEY, e.error());
        assertTrue(b.rotateNow());
        assertFalse(a.refreshForUnknownKid(kid(b)), "rate-limited: at most one read a second");
        clock.advance(StoredKeys.UNKNOWN_KID_REFRESH);
        assertTrue(a.refreshForUnknownKid(kid(b)));
    }
}
