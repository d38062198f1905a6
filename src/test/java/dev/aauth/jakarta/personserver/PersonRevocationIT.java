package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.EnrolledAgent.enroll;
import static dev.aauth.jakarta.it.Origins.MARKET;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static dev.aauth.jakarta.it.TokenRequests.challenge;
import static dev.aauth.jakarta.it.TokenRequests.granted;
import static dev.aauth.jakarta.it.TokenRequests.tokenRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.jose.Jws;
import dev.aauth.sigkey.SignatureError;
import dev.aauth.sigkey.SignatureKey;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * "Token Revocation" at the real Person Server over HTTP, and its fan-out to the real supply-chain
 * resource of the same IT server: the token works, is revoked at the PS, the PS calls the
 * resource's {@code revocation_endpoint}, and the resource then refuses it ({@code 401}, {@code
 * Signature-Error: invalid_jwt}, its documented answer for a revoked auth token).
 */
class PersonRevocationIT {

    static final String REVOCATION = PERSON + "/aauth/revocation";

    /** The agent, a direct grant for supply-chain:read, and that auth token's jti. */
    record Granted(EnrolledAgent agent, String authToken, String jti) {}

    static Granted directGrant(String local) throws Exception {
        EnrolledAgent agent = enroll(local);
        String rt = challenge(get(SUPPLY + "/api/inventory").sign(agent.key(), agent.jwt()).send());
        String authToken = granted(tokenRequest(agent, rt));
        return new Granted(agent, authToken, (String) Jws.parse(authToken).claims().get("jti"));
    }

    static HttpResponse<String> revoke(EnrolledAgent signer, String jti) {
        return post(REVOCATION)
                .body(JsonUtil.toJson(Map.of("jti", jti)))
                .sign(signer.key(), signer.jwt())
                .send();
    }

    static HttpResponse<String> inventory(Granted g) {
        return get(SUPPLY + "/api/inventory")
                .sign(g.agent().key(), new SignatureKey.Jwt(g.authToken()))
                .send();
    }

    /** Polls the resource with the token until it is refused, within a bounded deadline. */
    static HttpResponse<String> refusedWithin(Granted g, Duration deadline)
            throws InterruptedException {
        Instant end = Instant.now().plus(deadline);
        HttpResponse<String> r = inventory(g);
        while (r.statusCode() == 200 && Instant.now().isBefore(end)) {
            Thread.sleep(100);
            r = inventory(g);
        }
        return r;
    }

    static void assertRefusedAsRevoked(HttpResponse<String> r) {
        assertEquals(401, r.statusCode(), r.body());
        assertEquals(
                "invalid_jwt",
                SignatureError.parse(r.headers().firstValue(SignatureError.NAME).orElseThrow())
                        .error());
    }

    @Test
    @DisplayName("revocation_endpoint is advertised in /.well-known/aauth-person.json")
    void revocationEndpointIsAdvertised() throws Exception {
        Map<String, Object> m =
                JsonUtil.parseJson(get(PERSON + "/.well-known/aauth-person.json").send().body());
        assertEquals(REVOCATION, m.get("revocation_endpoint"));
    }

    @Test
    @DisplayName(
            "The agent revokes its auth token at the PS (200); the PS calls the resource's revocation endpoint; the resource refuses the token")
    void revokedAtThePsThenRefusedByTheResource() throws Exception {
        Granted g = directGrant("backend");
        assertEquals(200, inventory(g).statusCode(), "the token works");

        HttpResponse<String> r = revoke(g.agent(), g.jti());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));

        assertRefusedAsRevoked(refusedWithin(g, Duration.ofSeconds(15)));
        assertEquals(
                200,
                revoke(g.agent(), g.jti()).statusCode(),
                "200 OK if the token ... was already invalid");
    }

    @Test
    @DisplayName(
            "404 if the jti is not recognized; another agent's token answers the same 404 and keeps working")
    void unknownOrForeignJtiIs404() throws Exception {
        Granted g = directGrant("backend");
        EnrolledAgent other = enroll("supply-chain");

        HttpResponse<String> unknown = revoke(g.agent(), "no-such-jti");
        assertEquals(404, unknown.statusCode());
        HttpResponse<String> foreign = revoke(other, g.jti());
        assertEquals(404, foreign.statusCode(), foreign.body());
        assertEquals(unknown.body(), foreign.body(), "the same answer as an unknown jti");
        assertEquals(200, inventory(g).statusCode(), "not revoked");
    }

    @Test
    @DisplayName(
            "A signed POST: without a signature 401 invalid_request; a body without jti 400 invalid_request")
    void unsignedOrMalformedRequestsAreRefused() throws Exception {
        HttpResponse<String> unsigned = post(REVOCATION).body("{\"jti\":\"x\"}").send();
        assertEquals(401, unsigned.statusCode(), unsigned.body());
        assertEquals(
                "invalid_request",
                SignatureError.parse(
                                unsigned.headers().firstValue(SignatureError.NAME).orElseThrow())
                        .error());

        EnrolledAgent agent = enroll("backend");
        HttpResponse<String> malformed =
                post(REVOCATION).body("{}").sign(agent.key(), agent.jwt()).send();
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertEquals("invalid_request", JsonUtil.parseJson(malformed.body()).get("error"));
        assertTrue(
                get(MARKET + "/aauth/revocation").send().statusCode() >= 404,
                "only on the Person Server origin");
    }
}
