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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The draft-11 agent against the IT server over real HTTP: the client side of enrollment asking the
 * real Agent Provider for a -11 agent token.
 */
class AgentCliDraft11IT {

    static final String PERSON = ItRequests.baseUrl("person");

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
