package dev.aauth.jakarta.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.testing.MutableClock;
import dev.aauth.token.PersonToken;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** -11: the resource's "record of the person token it verified earlier", bounded in memory. */
class PersonTokenMemoryTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T12:00:00Z"));
    final long now = clock.instant().getEpochSecond();

    PersonToken token(String jti, String iss, String sub) {
        return new PersonToken(
                "x",
                iss,
                "https://r.example",
                sub,
                jti,
                SigningKey.generate(SignatureAlgorithm.ED25519, "k").publicJwk(),
                now,
                now + 3600,
                "m",
                "t",
                Map.of());
    }

    @Test
    @DisplayName("-11 presented_jti, mission_s256 and tenant come back for the same key and person")
    void draft11RemembersThePersonContext() {
        PersonTokenMemory m = new PersonTokenMemory(10, clock);
        m.remember("jkt", token("pt-1", "https://ps.example", "s"));
        var p = m.find("jkt", "https://ps.example", "s").orElseThrow();
        assertEquals("pt-1", p.presentedJti());
        assertEquals("m", p.missionS256());
        assertEquals("t", p.tenant());
    }

    @Test
    @DisplayName("-11 the latest person token verified for a key and person wins")
    void draft11LatestWins() {
        PersonTokenMemory m = new PersonTokenMemory(10, clock);
        m.remember("jkt", token("pt-1", "https://ps.example", "s"));
        m.remember("jkt", token("pt-2", "https://ps.example", "s"));
        assertEquals("pt-2", m.find("jkt", "https://ps.example", "s").orElseThrow().presentedJti());
        assertEquals(1, m.size());
    }

    @Test
    @DisplayName("-11 kept until an hour after the person token's exp, then forgotten")
    void draft11ForgottenAfterRetention() {
        PersonTokenMemory m = new PersonTokenMemory(10, clock);
        m.remember("jkt", token("pt-1", "https://ps.example", "s"));
        clock.advance(Duration.ofMinutes(119));
        assertTrue(m.find("jkt", "https://ps.example", "s").isPresent());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(m.find("jkt", "https://ps.example", "s").isEmpty());
        assertEquals(0, m.size());
    }

    @Test
    @DisplayName("-11 bounded: the least recently used record goes first")
    void draft11Bounded() {
        PersonTokenMemory m = new PersonTokenMemory(2, clock);
        m.remember("a", token("pt-a", "https://ps.example", "s"));
        m.remember("b", token("pt-b", "https://ps.example", "s"));
        m.find("a", "https://ps.example", "s");
        m.remember("c", token("pt-c", "https://ps.example", "s"));
        assertEquals(2, m.size());
        assertTrue(m.find("b", "https://ps.example", "s").isEmpty());
        assertTrue(m.find("a", "https://ps.example", "s").isPresent());
        assertTrue(m.find("c", "https://ps.example", "s").isPresent());
    }
}
