package dev.aauth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.agent.AgentCredentials;
import dev.aauth.agent.JdkAgentHttp;
import dev.aauth.agent.RemoteEnrollment;
import dev.aauth.discovery.JwksCache;
import dev.aauth.discovery.SafeHttpFetcher;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.id.SecurityMode;
import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.store.BoundBy;
import dev.aauth.jakarta.store.Person;
import dev.aauth.jose.Jws;
import dev.aauth.jose.SigningKey;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The draft-11 agent against the IT server over real HTTP: the client side of enrollment asking the
 * real Agent Provider for a -11 agent token, and {@code bin/aauth-agent --draft 11} through the
 * whole -11 three-party flow (person token, resource token, auth token) to a {@code 200} from
 * market-analysis, with the supply-chain demo agent's long-lived key.
 */
class AgentCliDraft11IT {

    static final String PERSON = ItRequests.baseUrl("person");
    static final String MARKET = ItRequests.baseUrl("market");

    @Test
    @DisplayName(
            "-11 three-party flow from the command line: 401 person-token -> person token -> 401 auth-token -> verified resource token -> auth token -> 200 from market-analysis, each token decoded")
    void personTokenResourceTokenAuthToken200() {
        // -11: "Without upstream_token the PS issues for the person bound to the requesting
        // agent". The supply-chain demo agent is bound to no one on the IT server (its -01 grants
        // are autonomous); bound here to a new person who consented, and unbound afterwards.
        String agent = "aauth:supply-chain@" + PERSON.substring("http://".length());
        Person person = ItStore.get().newPerson("Ela Eleven", "ela11@example.test");
        ItStore.get().bindings.bind(agent, person.id(), BoundBy.ADMIN);
        ItStore.get().consents.grant(person.id(), agent, MARKET, Set.of("market-analysis:read"));
        AgentCliIT.Run r;
        try {
            r = cli11();
        } finally {
            ItStore.get().consents.revokeAll(person.id(), agent);
            ItStore.get().bindings.unbind(agent, person.id());
        }
        check(r);
    }

    static AgentCliIT.Run cli11() {
        return AgentCliIT.run(
                "--development",
                "--provider",
                PERSON,
                "--name",
                "supply-chain",
                "--key",
                AgentCliIT.DEMO_KEY,
                "--draft",
                "11",
                "GET",
                MARKET + "/api/market/laptops");
    }

    static void check(AgentCliIT.Run r) {
        String out = r.out();
        assertEquals(0, r.status(), out + r.err());
        assertTrue(out.contains("speaking draft-11"), out);
        assertTrue(out.contains("AAuth-Requirement: requirement=person-token"), out);
        assertTrue(out.contains("decoded person token: {"), out);
        assertTrue(out.contains("AAuth-Requirement: requirement=auth-token"), out);
        assertTrue(out.contains("decoded resource token: {"), out);
        assertTrue(out.contains("decoded auth token: {"), out);
        assertTrue(out.trim().contains("<<< 200"), out);
        assertEquals(
                3,
                out.split(">>> GET " + MARKET + "/api/market/laptops", -1).length - 1,
                "the resource is called three times: agent token, person token, auth token");
    }

    @Test
    @DisplayName(
            "-11 enrollment: RemoteEnrollment sends \"draft\": \"draft-11\" and the Agent Provider's agent token is -11-shaped (JWS alg Ed25519, cnf.jwk.alg): the agent speaks -11")
    void enrollsForADraft11AgentToken() throws Exception {
        Clock clock = Clock.systemUTC();
        JwksCache jwks =
                JwksCache.builder(
                                SafeHttpFetcher.create(SecurityMode.DEVELOPMENT),
                                SecurityMode.DEVELOPMENT)
                        .clock(clock)
                        .build();
        TokenVerifier verifier =
                new TokenVerifier(
                        jwks::findKey,
                        clock,
                        SecurityMode.DEVELOPMENT,
                        VerifiedTokenCache.disabled(clock),
                        TokenVerifier.DEFAULT_IAT_LEEWAY,
                        AAuthProfile.DRAFT_11);
        SigningKey longLived =
                SigningKey.fromJwkJson(
                        Files.readString(Path.of(AgentCliIT.DEMO_KEY), StandardCharsets.UTF_8));
        AgentCredentials c =
                new RemoteEnrollment(new JdkAgentHttp(Duration.ofSeconds(15)), verifier, clock)
                        .enroll(PERSON, "supply-chain", longLived, AAuthProfile.DRAFT_11);
        assertEquals(AAuthProfile.DRAFT_11, c.profile());
        assertEquals(AAuthProfile.DRAFT_11, AgentCredentials.detect(c.agentToken()));
        assertEquals("Ed25519", Jws.parse(c.agentToken()).alg());
        @SuppressWarnings("unchecked")
        Map<String, Object> cnf =
                (Map<String, Object>) Jws.parse(c.agentToken()).claims().get("cnf");
        assertEquals("Ed25519", ((Map<?, ?>) cnf.get("jwk")).get("alg"));
        assertTrue(c.agent().startsWith("aauth:supply-chain@"), c.agent());
        assertEquals(PERSON, c.personServer());
    }
}
