package dev.aauth.token;

import static dev.aauth.token.Fx.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Scopes} (RFC 6749 Section 3.3 syntax), {@link Actor} (RFC 8693 act), {@link TokenType}.
 */
class ScopesAndActorTest {

    @Test
    @DisplayName("scope-token = 1*( %x21 / %x23-5B / %x5D-7E ): the boundaries")
    void scopeTokenCharacters() {
        assertTrue(Scopes.isValidToken("!"));
        assertTrue(Scopes.isValidToken("#[]~"));
        assertTrue(Scopes.isValidToken("data.read"));
        for (String bad : List.of("", " ", "\"", "\\", "a b", "\u007f", "é", "\t", "a\u0000")) {
            assertFalse(Scopes.isValidToken(bad), bad);
        }
    }

    @Test
    @DisplayName(
            "Scopes.parse (request input) is lenient with spaces, drops duplicates and keeps order")
    void parseIsLenientWithSpaces() {
        assertEquals(List.of("b", "a"), Scopes.parse("  b a  b "));
        assertEquals(List.of(), Scopes.parse("   "));
        assertEquals(List.of(), Scopes.parse(null));
        assertEquals("b a", Scopes.join(Scopes.parse("b a")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\"b", "a\\b", "données", "a\tb"})
    @DisplayName("Scopes.parse refuses invalid scope tokens with invalid_scope")
    void parseRefusesInvalidTokens(String scope) {
        assertError(AAuthError.INVALID_SCOPE, () -> Scopes.parse(scope));
    }

    @Test
    @DisplayName("act round-trips through its claim form, nested")
    void actorRoundTrip() {
        Actor chain = Actor.nest("aauth:r1@resource.example", Actor.of("aauth:a@agent.example"));
        assertEquals(2, chain.depth());
        assertEquals(chain, Actor.fromClaim(chain.toMap(), AAuthError.INVALID_JWT));
        assertNull(Actor.of("x").act());
        assertEquals(Map.of("sub", "x"), Actor.of("x").toMap());
    }

    @Test
    @DisplayName("Typ values: aa-agent+jwt, aa-resource+jwt, aa-auth+jwt, matched exactly")
    void tokenTypes() {
        assertEquals(TokenType.AGENT, TokenType.fromTyp("aa-agent+jwt"));
        assertEquals(TokenType.RESOURCE, TokenType.fromTyp("aa-resource+jwt"));
        assertEquals(TokenType.AUTH, TokenType.fromTyp("aa-auth+jwt"));
        assertNull(TokenType.fromTyp("AA-AGENT+JWT"));
        assertNull(TokenType.fromTyp(null));
        assertEquals(
                java.util.Set.of("aauth-person.json", "aauth-access.json"), TokenType.AUTH.dwks());
        assertEquals(AAuthError.INVALID_RESOURCE_TOKEN, TokenType.RESOURCE.invalidCode());
        assertEquals(AAuthError.EXPIRED_JWT, TokenType.AGENT.expiredCode());
    }
}
