package dev.aauth.jakarta.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathRuleTest {

    @Test
    void ruleWithScopesContainingColons() {
        List<PathRule> rules =
                PathRule.parseAll(
                        "GET /api/inventory=auth-token:supply-chain:read; POST /api/optimize=auth-token:supply-chain:check supply-chain:read");
        assertEquals(2, rules.size());
        PathRule optimize = rules.get(1);
        assertEquals("POST", optimize.method());
        assertEquals("/api/optimize", optimize.path());
        assertEquals(AccessLevel.AUTH_TOKEN, optimize.protection().level());
        assertEquals(
                List.of("supply-chain:check", "supply-chain:read"), optimize.protection().scopes());
    }

    @Test
    void identityRuleWithoutScopes() {
        PathRule r = PathRule.parseAll("GET /status=identity").get(0);
        assertEquals(AccessLevel.IDENTITY, r.protection().level());
        assertEquals(List.of(), r.protection().scopes());
    }

    @Test
    void exactPathMatchesOnlyItselfAndItsMethod() {
        PathRule r = PathRule.parseAll("GET /api/inventory=identity").get(0);
        assertTrue(r.matches("GET", "/api/inventory"));
        assertFalse(r.matches("POST", "/api/inventory"));
        assertFalse(r.matches("GET", "/api/inventory/7"));
        assertFalse(r.matches("GET", "/api/inventoryx"));
    }

    @Test
    void prefixMatchesOnSegmentBoundaries() {
        PathRule r = PathRule.parseAll("* /admin/*=identity").get(0);
        assertTrue(r.matches("DELETE", "/admin"));
        assertTrue(r.matches("GET", "/admin/users/7"));
        assertFalse(r.matches("GET", "/administrator"));
        assertTrue(PathRule.parseAll("* /*=identity").get(0).matches("GET", "/anything"));
    }

    @Test
    void firstMatchingRuleWins() {
        List<PathRule> rules = PathRule.parseAll("GET /api/a=identity; * /api/*=auth-token:x");
        assertEquals(
                AccessLevel.IDENTITY,
                PathRule.firstMatch(rules, "GET", "/api/a").protection().level());
        assertEquals(
                AccessLevel.AUTH_TOKEN,
                PathRule.firstMatch(rules, "POST", "/api/a").protection().level());
        assertNull(PathRule.firstMatch(rules, "GET", "/other"));
    }

    @Test
    void blankValueHasNoRules() {
        assertEquals(List.of(), PathRule.parseAll(" ; "));
        assertEquals(List.of(), PathRule.parseAll(null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/a=identity",
                "get /a=identity",
                "GET a=identity",
                "GET /a=bearer",
                "GET /a*=identity",
                "GET /a/*/b=identity",
                "GET /a?x=1=identity",
                "GET /a",
                "GET /a=auth-token:bad\"scope",
                // not canonical: what is written must be what is matched
                "GET /a/=identity",
                "GET /a//b=identity",
                "GET /a/./b=identity",
                "GET /a/../b=identity",
                "GET /a;x=1=identity",
                "GET /a%2Fb=identity",
                "GET /a/%2e%2e/b=identity",
                "* /a//*=identity"
            })
    void malformedRulesAreRejected(String rule) {
        assertThrows(IllegalArgumentException.class, () -> PathRule.parseAll(rule));
    }

    @Test
    void aRuleMatchesEveryFormOfItsCanonicalPath() {
        PathRule r = PathRule.parseAll("GET /api/market/status=identity").get(0);
        for (String variant :
                List.of(
                        "/api/market/status",
                        "/api/market/status/",
                        "/api/market/status;x=1",
                        "/api/market;x=1/status",
                        "/api;jsessionid=A1/market/status",
                        "/api//market/status",
                        "/api/./market/status",
                        "/api/x/../market/status",
                        "/api/x/%2e%2e/market/status",
                        "/api/market/st%61tus")) {
            assertTrue(r.matches("GET", variant), variant);
        }
        assertFalse(r.matches("GET", "/API/market/status"), "paths are case-sensitive");
    }

    @Test
    void aPrefixRuleMatchesEveryFormOfThePathsBelowIt() {
        PathRule r = PathRule.parseAll("* /admin/*=auth-token:admin").get(0);
        assertTrue(r.matches("GET", "/admin;x=1/users"));
        assertTrue(r.matches("GET", "/admin/"));
        assertTrue(r.matches("POST", "//admin//users/7/"));
        assertTrue(r.matches("GET", "/x/../admin/users"));
        assertFalse(r.matches("GET", "/administrator"));
        assertFalse(r.matches("GET", "/admin/../public"));
    }

    @Test
    void aPercentEncodedRulePathIsMatchedDecoded() {
        PathRule r = PathRule.parseAll("GET /caf%C3%A9=identity").get(0);
        assertTrue(r.matches("GET", "/caf%c3%a9"));
        assertEquals("/café", r.target().value());
    }
}
