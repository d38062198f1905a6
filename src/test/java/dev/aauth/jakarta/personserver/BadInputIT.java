package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.it.EnrolledAgent.enroll;
import static dev.aauth.jakarta.it.EnrolledDeferred.defer;
import static dev.aauth.jakarta.it.EnrolledDeferred.send;
import static dev.aauth.jakarta.it.EnrolledDeferred.waiting;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static dev.aauth.jakarta.it.TokenRequests.assertTokenError;
import static dev.aauth.jakarta.it.TokenRequests.challenge;
import static dev.aauth.jakarta.it.TokenRequests.granted;
import static dev.aauth.jakarta.it.TokenRequests.tokenRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.jakarta.it.EnrolledDeferred;
import dev.aauth.jakarta.store.InteractionCode;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.jakarta.store.Person;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.TokenIssuer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The draft's "Token Endpoint Error Codes" and "Polling Error Codes" over HTTP, each with its
 * status, for the bad inputs {@link PersonServerIT} does not already send (malformed JSON, missing
 * fields, oversized bodies, wrong token type in {@code Signature-Key}, foreign, forged and expired
 * resource tokens, another agent polling are there).
 */
class BadInputIT {

    static final String AGENT_HOST = PERSON.substring("http://".length());

    @Nested
    class TokenEndpoint {

        @Test
        @DisplayName("invalid_request (400): fields of the wrong type, a JSON array, an empty body")
        void wrongShapes() throws Exception {
            EnrolledAgent a = enroll("backend");
            String rt = challenge(get(SUPPLY + "/api/inventory").sign(a.key(), a.jwt()).send());
            assertTokenError(
                    tokenRequest(a.key(), a.jwt(), "{\"resource_token\":42}"),
                    400,
                    "invalid_request");
            assertTokenError(
                    tokenRequest(
                            a.key(),
                            a.jwt(),
                            JsonUtil.toJson(
                                    Map.of(
                                            "resource_token",
                                            rt,
                                            "justification",
                                            Map.of("md", "x")))),
                    400,
                    "invalid_request");
            assertTokenError(
                    tokenRequest(a.key(), a.jwt(), "[\"resource_token\"]"), 400, "invalid_request");
            assertTokenError(tokenRequest(a.key(), a.jwt(), ""), 400, "invalid_request");
        }

        @Test
        @DisplayName(
                "invalid_agent_token (400): EnrolledAgent token malformed or signature verification failed")
        void forgedOrMalformedAgentToken() throws Exception {
            SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
            TokenIssuer forger =
                    new TokenIssuer(
                            PERSON,
                            new ServerKeySet(
                                    SigningKey.generate(SignatureAlgorithm.ED25519, "forged")),
                            Clock.systemUTC());
            String forged =
                    forger.agentToken(
                                    "aauth:backend@" + AGENT_HOST,
                                    key.publicJwk(),
                                    PERSON,
                                    Duration.ofHours(1),
                                    Map.of())
                            .compact();
            assertTokenError(
                    tokenRequest(key, new SignatureKey.Jwt(forged), "{\"resource_token\":\"x\"}"),
                    400,
                    "invalid_agent_token");
            assertTokenError(
                    tokenRequest(
                            key, new SignatureKey.Jwt("not.a.jwt"), "{\"resource_token\":\"x\"}"),
                    400,
                    "invalid_agent_token");
        }

        @Test
        @DisplayName("expired_agent_token (400): EnrolledAgent token has expired")
        void expiredAgentToken() throws Exception {
            StandInIssuers standIn = StandInIssuers.get();
            SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
            TokenIssuer past =
                    new TokenIssuer(
                            standIn.apIssuer,
                            standIn.apKeys,
                            Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC));
            String expired =
                    past.agentToken(
                                    "aauth:old@" + standIn.apIssuer.substring("http://".length()),
                                    key.publicJwk(),
                                    PERSON,
                                    Duration.ofHours(1),
                                    Map.of())
                            .compact();
            assertTokenError(
                    tokenRequest(key, new SignatureKey.Jwt(expired), "{\"resource_token\":\"x\"}"),
                    400,
                    "expired_agent_token");
        }

        @Test
        @DisplayName(
                "invalid_resource_token (400): not a JWT, or a token of another type (an auth token) as resource_token")
        void wrongResourceTokenType() throws Exception {
            EnrolledAgent a = enroll("backend");
            assertTokenError(tokenRequest(a, "not-a-jwt"), 400, "invalid_resource_token");
            String authToken =
                    granted(
                            tokenRequest(
                                    a,
                                    challenge(
                                            get(SUPPLY + "/api/inventory")
                                                    .sign(a.key(), a.jwt())
                                                    .send())));
            assertTokenError(tokenRequest(a, authToken), 400, "invalid_resource_token");
        }

        @Test
        @DisplayName("invalid_resource_token (400): the resource token of another agent")
        void anotherAgentsResourceToken() throws Exception {
            EnrolledAgent backend = enroll("backend");
            EnrolledAgent supply = enroll("supply-chain");
            String rt =
                    challenge(
                            get(SUPPLY + "/api/inventory")
                                    .sign(backend.key(), backend.jwt())
                                    .send());
            assertTokenError(tokenRequest(supply, rt), 400, "invalid_resource_token");
        }
    }

    @Nested
    class Polling {

        @Test
        @DisplayName(
                "denied (403) and abandoned (403) over HTTP, each once, then invalid_code (410)")
        void deniedAndAbandoned() throws Exception {
            EnrolledDeferred denied = defer();
            EnrolledDeferred abandoned = defer();
            Person person = ItStore.get().newPerson("Dora Deny", null);
            ItStore.get().redeem(denied.code(), person);
            ItStore.get().redeem(abandoned.code(), person);
            PendingRequests store = ItStore.get().pending;
            assertEquals(
                    true,
                    store.deny(
                            ItStore.get().request(denied.location()).id(),
                            person.id(),
                            "BadInputIT denies"));
            assertEquals(
                    true,
                    store.abandon(ItStore.get().request(abandoned.location()).id(), person.id()));
            Thread.sleep(5_100); // the first poll is allowed Retry-After (5 s) after the 202
            assertTokenError(send("GET", denied.location(), denied.agent(), null), 403, "denied");
            assertTokenError(
                    send("GET", denied.location(), denied.agent(), null), 410, "invalid_code");
            assertTokenError(
                    send("GET", abandoned.location(), abandoned.agent(), null), 403, "abandoned");
            assertTokenError(
                    send("GET", abandoned.location(), abandoned.agent(), null),
                    410,
                    "invalid_code");
        }

        @Test
        @DisplayName(
                "reused codes: a second redemption of an interaction code is refused; the request stays with the first person")
        void reusedInteractionCode() throws Exception {
            EnrolledDeferred d = defer();
            Person first = ItStore.get().newPerson("First", null);
            Person second = ItStore.get().newPerson("Second", null);
            assertEquals(true, ItStore.get().redeem(d.code(), first));
            assertEquals(
                    PendingRequests.CodeOutcome.ALREADY_USED,
                    ItStore.get()
                            .pending
                            .redeemInteractionCode(
                                    InteractionCode.parse(d.code()).orElseThrow(), first.id())
                            .outcome());
            assertEquals(
                    PendingRequests.CodeOutcome.ALREADY_USED,
                    ItStore.get()
                            .pending
                            .redeemInteractionCode(
                                    InteractionCode.parse(d.code()).orElseThrow(), second.id())
                            .outcome());
            assertEquals(first.id(), ItStore.get().request(d.location()).personId().orElseThrow());
            Thread.sleep(5_100); // the first poll is allowed Retry-After (5 s) after the 202
            assertEquals(
                    "interacting",
                    waiting(send("GET", d.location(), d.agent(), null), d).get("status"));
        }

        @Test
        @DisplayName(
                "a poll signed by another key of the same agent: 410 as for an unknown id; the request is untouched")
        void anotherKeyOfTheSameAgent() throws Exception {
            EnrolledDeferred d = defer();
            EnrolledAgent sibling = enroll("backend");
            assertTokenError(send("GET", d.location(), sibling, null), 410, "invalid_code");
            assertTokenError(send("DELETE", d.location(), sibling, null), 410, "invalid_code");
            assertTokenError(
                    send("GET", d.location(), d.agent(), null),
                    429,
                    "slow_down"); // still the agent's
        }
    }
}
