package dev.aauth.jakarta.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The request bodies of the authorization and revocation endpoints, and the revocation store. */
class ResourceEndpointsTest {

    static final ResourceSettings SETTINGS =
            AccessDeciderTest.settings(AccessLevel.IDENTITY, Set.of(), Optional.empty());

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName(
            "\"scope (REQUIRED): A space-separated string of scope values the agent is requesting\"")
    void requestedScopesAreParsed() {
        assertEquals(
                List.of("supply-chain:read", "openid"),
                AuthorizationEndpoint.requestedScopes(
                        utf8("{\"scope\":\"supply-chain:read openid\"}"), SETTINGS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{}", "{\"scope\":\"\"}", "{\"scope\":7}", "not json"})
    @DisplayName("invalid_request: \"Missing or invalid parameters\"")
    void malformedAuthorizationRequestIsInvalidRequest(String body) {
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> AuthorizationEndpoint.requestedScopes(utf8(body), SETTINGS));
        assertEquals(AAuthError.INVALID_REQUEST, e.error());
        assertEquals(400, e.status());
    }

    @Test
    @DisplayName("invalid_scope: \"Requested scope not recognized by the resource\"")
    void unknownScopeIsInvalidScope() {
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                AuthorizationEndpoint.requestedScopes(
                                        utf8("{\"scope\":\"supply-chain:read payroll:read\"}"),
                                        SETTINGS));
        assertEquals(AAuthError.INVALID_SCOPE, e.error());
        e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                AuthorizationEndpoint.requestedScopes(
                                        utf8("{\"scope\":\"a\\\"b\"}"), SETTINGS));
        assertEquals(AAuthError.INVALID_SCOPE, e.error());
    }

    @Test
    void revocationBodyNamesAJti() {
        assertEquals("abc", dev.aauth.token.Revocation.jti(utf8("{\"jti\":\"abc\"}")));
        for (String bad :
                List.of(
                        "{}",
                        "{\"jti\":\"\"}",
                        "{\"jti\":1}",
                        "x",
                        "{\"jti\":\"" + "a".repeat(257) + "\"}")) {
            AAuthException e =
                    assertThrows(
                            AAuthException.class, () -> dev.aauth.token.Revocation.jti(utf8(bad)));
            assertEquals(AAuthError.INVALID_REQUEST, e.error());
        }
    }

    @Test
    void revocationsAreKeptPerIssuer() {
        InMemoryRevocationStore store =
                new InMemoryRevocationStore(
                        new MutableClock(Instant.parse("2026-11-23T12:00:00Z")));
        store.revoke("https://ps.example", "j1", Long.MAX_VALUE);
        assertTrue(store.isRevoked("https://ps.example", "j1"));
        assertFalse(store.isRevoked("https://other.example", "j1"));
        assertFalse(store.isRevoked("https://ps.example", "j2"));
    }
}
