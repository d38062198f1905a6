package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.personserver.Draft11PersonServerIT.ok;
import static dev.aauth.jakarta.personserver.Draft11PersonServerIT.problem;
import static dev.aauth.jakarta.personserver.Draft11PersonServerIT.signedPost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.it.TokenRequests;
import dev.aauth.jakarta.store.BoundBy;
import dev.aauth.jakarta.store.PendingRequest;
import dev.aauth.jakarta.store.Person;
import dev.aauth.personserver.PersonTokenConsent;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.Dwk;
import dev.aauth.token.PersonToken;
import dev.aauth.token.TokenVerifier;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The -11 person token's first-issuance consent over real HTTP (issue 13): "The PS MAY require user
 * interaction before issuing and return a 202 Accepted deferred response with
 * requirement=interaction ... the question put to the person is whether this agent may act at the
 * resource as them". The agent's side goes over HTTP (a -11 stand-in Agent Provider and resource in
 * the test JVM); the person's decision is written to the database as the consent page writes it
 * ({@code PersonTokenConsentBrowserIT} drives the page itself).
 */
class PersonTokenConsentIT {

    static Draft11StandIn ap;
    static Draft11StandIn rs;

    final TokenVerifier tokens11 = TokenRequests.verifier(AAuthProfile.DRAFT_11);

    @BeforeAll
    static void standIns() {
        ap = Draft11StandIn.serve(Dwk.AGENT, Map.of());
        rs = Draft11StandIn.serve(Dwk.RESOURCE, Map.of("client_name", "Stand-in Eleven"));
    }

    record Bound(Draft11StandIn.Agent agent, Person person) {}

    /** A new -11 agent bound by an administrator to a new person who was never asked. */
    static Bound bound() {
        Draft11StandIn.Agent agent =
                ap.agent("it11c-" + UUID.randomUUID().toString().substring(0, 8), PERSON);
        Person person = ItStore.get().newPerson("Cora Consent", "cora11@example.test");
        ItStore.get().bindings.bind(agent.id(), person.id(), BoundBy.ADMIN);
        return new Bound(agent, person);
    }

    static HttpResponse<String> personToken(Draft11StandIn.Agent agent) {
        return personToken(agent, rs.issuer);
    }

    /** The agent's signed {@code POST /aauth/person-token} for {@code resource}. */
    static HttpResponse<String> personToken(Draft11StandIn.Agent agent, String resource) {
        return signedPost(
                PERSON + "/aauth/person-token",
                agent,
                agent.agentToken(),
                Map.of("resource", resource));
    }

    /** The agent polls once its {@code Retry-After} is over (the first poll is admitted then). */
    static HttpResponse<String> poll(Draft11StandIn.Agent agent, HttpResponse<String> deferred)
            throws InterruptedException {
        Thread.sleep(
                Long.parseLong(deferred.headers().firstValue("Retry-After").orElseThrow()) * 1000);
        return get(deferred.headers().firstValue("Location").orElseThrow())
                .sign(agent.key(), new SignatureKey.Jwt(agent.agentToken()))
                .send();
    }

    /** The person redeems the code and decides, as the consent page does. */
    static PendingRequest redeemed(Bound b, HttpResponse<String> deferred) throws Exception {
        String location = TokenRequests.pending(deferred);
        assertTrue(ItStore.get().redeem(TokenRequests.interactionCode(deferred), b.person()));
        return ItStore.get().request(location);
    }

    @Test
    @DisplayName(
            "-11 202 at person_token_endpoint: a first person token for a resource waits for the"
                    + " person (requirement=interaction, pending URL); once approved the poll"
                    + " yields {\"person_token\", \"expires_in\"}")
    void firstPersonTokenWaitsForThePerson() throws Exception {
        Bound b = bound();
        HttpResponse<String> r = personToken(b.agent());
        PendingRequest request = redeemed(b, r);
        assertEquals(rs.issuer, request.resource());
        assertEquals(java.util.Set.of(PersonTokenConsent.SCOPE), request.scopes());
        assertTrue(ItStore.get().pending.approve(request.id(), b.person().id(), "approved in IT"));
        Map<String, Object> json = ok(poll(b.agent(), r));
        PersonToken pt = tokens11.verifyPersonToken((String) json.get("person_token"), rs.issuer);
        assertEquals(rs.issuer, pt.audience());
        assertTrue(((Number) json.get("expires_in")).longValue() > 0);
    }

    @Test
    @DisplayName("-11 denied (403, problem details): the person denied the person-token request")
    void deniedByThePerson() throws Exception {
        Bound b = bound();
        HttpResponse<String> r = personToken(b.agent());
        PendingRequest request = redeemed(b, r);
        assertTrue(ItStore.get().pending.deny(request.id(), b.person().id(), "denied in IT"));
        problem(poll(b.agent(), r), 403, "denied");
    }

    @Test
    @DisplayName(
            "a remembered person-token consent issues at once (200); revoked, the next request"
                    + " asks again (202)")
    void rememberedThenRevoked() throws Exception {
        Bound b = bound();
        ItStore.get().personTokenConsent(b.person().id(), b.agent().id(), rs.issuer);
        ok(personToken(b.agent()));
        ItStore.get().consents.revokeAll(b.person().id(), b.agent().id());
        TokenRequests.pending(personToken(b.agent()));
    }
}
