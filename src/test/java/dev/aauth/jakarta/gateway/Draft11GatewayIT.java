package dev.aauth.jakarta.gateway;

import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.discovery.JwksCache;
import dev.aauth.discovery.SafeHttpFetcher;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.id.SecurityMode;
import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.StructuredFields;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.Draft11ResourceToken;
import dev.aauth.token.MintedToken;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Draft -11 through the gateway check endpoint (Envoy's contract, as {@link EnvoyCheckIT} sends it)
 * for the host guarded behind the gateway: the same decisions as in process, and the caller handed
 * to the upstream as {@link dev.aauth.jakarta.resource.AAuthCaller} sees it (the person {@code (ps,
 * sub)}, the agent as its key's thumbprint URI). Person and auth tokens from a STAND-IN -11 Person
 * Server.
 */
class Draft11GatewayIT {

    static final String HOST = EnvoyCheckIT.HOST;
    static final String IDENTIFIER = "http://" + HOST;
    static final StandInIssuers.Draft11PersonServer PS = StandInIssuers.draft11PersonServer();

    static EnrolledAgent agent;

    @BeforeAll
    static void enroll() throws Exception {
        agent = EnrolledAgent.enrollDraft11("backend");
    }

    ItRequests.Req inventory(SignatureKey key) {
        return ItRequests.get(IDENTIFIER + "/api/inventory").sign(agent.key(), key);
    }

    static Item requirement(EnvoyCheckIT.Answer a) {
        assertEquals(401, a.status(), a.toString());
        assertFalse(a.headers().containsKey("signature-error"), a.toString());
        return (Item)
                StructuredFields.parseDictionary(
                                a.headers().get(AAuthRequirement.NAME.toLowerCase()))
                        .get("requirement");
    }

    /**
     * The host's resource token, verified with the keys its metadata's {@code jwks_uri} names: the
     * origin's (the gateway routes the host's well-known paths here; no gateway runs in this test).
     */
    static Draft11ResourceToken atPs(String resourceToken) {
        JwksCache jwks =
                JwksCache.builder(
                                SafeHttpFetcher.create(SecurityMode.DEVELOPMENT),
                                SecurityMode.DEVELOPMENT)
                        .build();
        TokenVerifier v =
                new TokenVerifier(
                        (iss, dwk, kid) -> jwks.findKey(SUPPLY, dwk, kid),
                        Clock.systemUTC(),
                        SecurityMode.DEVELOPMENT,
                        VerifiedTokenCache.disabled(Clock.systemUTC()),
                        TokenVerifier.DEFAULT_IAT_LEEWAY,
                        AAuthProfile.DRAFT_11);
        return v.verifyDraft11ResourceToken(
                resourceToken,
                PS.issuer(),
                agent.key().publicJwk().thumbprint(),
                PS.records(),
                null);
    }

    @Test
    @DisplayName("-11 gateway: an agent token where an auth token is needed -> person-token")
    void draft11AgentTokenIsChallengedForAPersonToken() throws Exception {
        assertEquals(
                "person-token",
                requirement(EnvoyCheckIT.envoy(inventory(agent.jwt()), null)).tokenValue());
    }

    @Test
    @DisplayName(
            "-11 gateway: person token -> resource token for the host -> auth token -> 200 with"
                    + " the person (X-AAuth-Person-Server, X-AAuth-Subject) and the key as agent")
    void draft11PersonThenAuthTokenIsAllowedWithThePerson() throws Exception {
        MintedToken person = PS.personToken(IDENTIFIER, "gw-person", agent.key().publicJwk(), null);
        Item req =
                requirement(
                        EnvoyCheckIT.envoy(
                                inventory(new SignatureKey.Jwt(person.compact())), null));
        assertEquals("auth-token", req.tokenValue());
        Draft11ResourceToken rt = atPs(req.parameters().getString("resource-token"));
        assertEquals(IDENTIFIER, rt.issuer());
        assertEquals(person.jti(), rt.presentedJti());

        String auth = PS.authToken(rt, agent.key().publicJwk(), rt.scope());
        EnvoyCheckIT.Answer ok = EnvoyCheckIT.envoy(inventory(new SignatureKey.Jwt(auth)), null);
        assertEquals(200, ok.status(), ok.toString());
        assertEquals("authorized", ok.headers().get("x-aauth-level"));
        assertEquals("gw-person", ok.headers().get("x-aauth-subject"));
        assertEquals(PS.issuer(), ok.headers().get("x-aauth-person-server"));
        assertEquals(agent.key().publicJwk().thumbprintUri(), ok.headers().get("x-aauth-agent"));
        assertTrue(ok.headers().get("x-aauth-scope").contains("supply-chain:read"));
    }

    @Test
    @DisplayName("-11 gateway metadata: name, access_mode, accept_signature_algs for the host")
    void draft11HostMetadata() throws Exception {
        var r =
                ItRequests.get(SUPPLY + "/aauth/gateway/metadata")
                        .header("X-Forwarded-Host", HOST)
                        .header("X-AAuth-Gateway-Secret", EnvoyCheckIT.SECRET)
                        .send();
        assertEquals(200, r.statusCode(), r.body());
        var doc = org.jose4j.json.JsonUtil.parseJson(r.body());
        assertEquals(doc.get("client_name"), doc.get("name"));
        assertEquals(List.of("Ed25519", "ES256"), doc.get("accept_signature_algs"));
    }
}
