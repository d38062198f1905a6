package dev.aauth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The agent identity's renewal: a new short-lived key and agent token before the old one expires;
 * old auth tokens dropped.
 */
class RenewingCredentialsTest {

    final AgentFixture fx = new AgentFixture();
    int obtained;
    final RenewingCredentials credentials =
            new RenewingCredentials(
                    fx.clock,
                    Duration.ofMinutes(5),
                    () -> {
                        obtained++;
                        // exp one hour from the current (test) time
                        SigningKey k = SigningKey.generate(SignatureAlgorithm.ED25519, null);
                        AgentCredentials c = fx.credentials(k);
                        return new AgentCredentials(
                                k,
                                c.agentToken(),
                                c.agent(),
                                c.personServer(),
                                fx.clock.instant().getEpochSecond() + 3600);
                    });

    @Test
    @DisplayName(
            "the same key and agent token until renew-before ahead of exp, then a new key and token")
    void renewedBeforeExpiry() {
        AgentCredentials first = credentials.current();
        fx.clock.advance(Duration.ofMinutes(54).plusSeconds(59));
        assertSame(first, credentials.current());
        fx.clock.advance(Duration.ofSeconds(1));
        AgentCredentials second = credentials.current();
        assertNotEquals(first.jkt(), second.jkt(), "a new short-lived key");
        assertTrue(second.expiresAt() > first.expiresAt());
        assertEquals(2, obtained);
    }

    @Test
    @DisplayName("a new key drops the auth tokens bound to the old one")
    void newKeyDropsOldAuthTokens() {
        AuthTokenCache cache = new AuthTokenCache(fx.clock, Duration.ofSeconds(30), 10);
        credentials.onKeyReplaced(cache::dropKey);
        List<String> replaced = new ArrayList<>();
        credentials.onKeyReplaced(replaced::add);
        AgentCredentials first = credentials.current();
        cache.put(
                AuthTokenCache.Key.of(AgentFixture.RESOURCE, List.of("s"), ""),
                fx.verifier.verifyAuthTokenResponse(
                        fx.authToken(
                                AgentFixture.RESOURCE,
                                first.key().publicJwk(),
                                List.of("s"),
                                Duration.ofHours(1)),
                        AgentFixture.PS,
                        AgentFixture.RESOURCE,
                        first.key().publicJwk(),
                        AgentFixture.AGENT),
                first.jkt(),
                "GET",
                "/api/inventory");
        assertEquals(1, cache.size());
        fx.clock.advance(Duration.ofMinutes(56));
        credentials.current();
        assertEquals(List.of(first.jkt()), replaced);
        assertEquals(0, cache.size());
    }
}
