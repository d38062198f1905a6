package dev.aauth.jakarta.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.http.CanonicalPath;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The protection decision of {@link EndpointProtection}: what a rule and an annotation demand for
 * the resource method a request actually runs (issue 12, "Protection decided on what actually
 * runs"). Over real HTTP: {@code PathVariantsIT}.
 */
class EndpointProtectionTest {

    static final List<PathRule> RULES =
            PathRule.parseAll(
                    "GET /api/market/status=identity;"
                            + " GET /api/market/segments=auth-token:market-analysis:read;"
                            + " GET /api/market/laptops=identity;"
                            + " * /admin/*=auth-token:admin");

    static final Protection IDENTITY_ANNOTATION =
            new Protection(AccessLevel.IDENTITY, List.of(), "@AAuthProtected(level = IDENTITY)");
    static final Protection READ_ANNOTATION =
            new Protection(
                    AccessLevel.AUTH_TOKEN,
                    List.of("market-analysis:read"),
                    "@AAuthProtected(scopes = market-analysis:read)");

    static Protection decide(String method, String routed, String rawPath, Protection annotated) {
        return EndpointProtection.decide(
                RULES, method, routed, CanonicalPath.parse(rawPath), annotated);
    }

    @Nested
    @DisplayName("rules are decided for the canonical path, not the raw one")
    class CanonicalPaths {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "/api/market/status",
                    "/api/market/status/",
                    "/api/market/status;x=1",
                    "/api/market;x=1/status",
                    "/api;x=1/market;y=2/status;z=3",
                    "/api/market/status;jsessionid=0123ABCD",
                    "/api//market/status",
                    "/api/market/./status",
                    "/api/market/x/../status",
                    "/api/market/x/%2e%2e/status",
                    "/api/market/%2e/status",
                    "/api/market/st%61tus"
                })
        void anExactRuleAppliesToEveryVariantOfItsPath(String variant) {
            Protection p = decide("GET", "GET", variant, null);
            assertEquals(AccessLevel.IDENTITY, p.level(), variant);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "/admin",
                    "/admin/",
                    "/admin;x=1/users",
                    "/admin/users;jsessionid=1/7",
                    "//admin//users",
                    "/public/../admin/users",
                    "/admin/./users/"
                })
        void aPrefixRuleAppliesToEveryVariantBelowIt(String variant) {
            Protection p = decide("DELETE", "DELETE", variant, null);
            assertEquals(List.of("admin"), p.scopes(), variant);
        }

        @Test
        void casesAreDifferentPaths() {
            // JAX-RS matches case-sensitively too: /API/market/status routes to nothing (404)
            assertNull(decide("GET", "GET", "/API/market/status", null));
            assertNull(decide("GET", "GET", "/api/market/Status", null));
        }

        @Test
        void noRuleAndNoAnnotationIsUnprotected() {
            assertNull(decide("GET", "GET", "/api/market/other", null));
        }
    }

    @Nested
    @DisplayName("a request that cannot be matched safely is refused: 400 invalid_request")
    class Refused {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "/api/market%2Fstatus",
                    "/api/market%2fstatus",
                    "/api/market%5Cstatus",
                    "/api/market/status%3Bx=1",
                    "/api/market/status%00",
                    "/api/market/%252e%252e/status",
                    "/api/market%c0%afstatus",
                    "/api/market/%c0%ae%c0%ae/status",
                    "/api/market/%e0%80%ae/status",
                    "/..",
                    "/api/../../market/status",
                    "/api/market/status\\",
                    "/api/market/st\u00e4tus"
                })
        void unreadablePathsAreRefused(String raw) {
            AAuthException e =
                    assertThrows(
                            AAuthException.class,
                            () -> EndpointProtection.canonicalPath(raw, "/", List.of()));
            assertEquals(AAuthError.INVALID_REQUEST, e.error(), raw);
            assertEquals(400, e.status());
        }

        @Test
        void aPathTheRuntimeRoutedAnotherWayIsRefused() {
            // a runtime that kept ".." as a segment ran another path than the rule was decided for
            AAuthException e =
                    assertThrows(
                            AAuthException.class,
                            () ->
                                    EndpointProtection.canonicalPath(
                                            "/api/market/x/../status",
                                            "/",
                                            List.of("api", "market", "x", "..", "status")));
            assertEquals(AAuthError.INVALID_REQUEST, e.error());
        }

        @Test
        void aPathOutsideTheBasePathIsRefused() {
            assertThrows(
                    AAuthException.class,
                    () -> EndpointProtection.canonicalPath("/other/x", "/app/", List.of("x")));
            assertThrows(
                    AAuthException.class,
                    () -> EndpointProtection.canonicalPath("/app/../x", "/app/", List.of("x")));
        }

        @Test
        void theRoutedSegmentsAgreeWithTheCanonicalPath() {
            assertEquals(
                    "/api/market/status",
                    EndpointProtection.canonicalPath(
                                    "/api;x=1/market//status/",
                                    "/",
                                    List.of("api", "market", "", "status", ""))
                            .value());
            assertEquals(
                    "/api/x",
                    EndpointProtection.canonicalPath("/app/api/x", "/app/", List.of("api", "x"))
                            .value());
            assertEquals("/", EndpointProtection.canonicalPath("/", "/", List.of("")).value());
        }
    }

    @Nested
    @DisplayName("a configured rule and an annotation: the stricter wins, a rule never loosens")
    class StricterWins {

        @Test
        void aRuleTightensAnIdentityAnnotationToAnAuthToken() {
            Protection p = decide("GET", "GET", "/api/market/segments", IDENTITY_ANNOTATION);
            assertEquals(AccessLevel.AUTH_TOKEN, p.level());
            assertEquals(List.of("market-analysis:read"), p.scopes());
        }

        @Test
        void aRuleTightensEveryVariantOfTheAnnotatedPath() {
            for (String v :
                    List.of(
                            "/api/market/segments/",
                            "/api/market;x=1/segments",
                            "/api/market/segments;jsessionid=1")) {
                assertEquals(
                        AccessLevel.AUTH_TOKEN,
                        decide("GET", "GET", v, IDENTITY_ANNOTATION).level(),
                        v);
            }
        }

        @Test
        void aLooserRuleDoesNotLoosenTheAnnotation() {
            // GET /api/market/laptops=identity is weaker than the annotation's auth token
            Protection p = decide("GET", "GET", "/api/market/laptops", READ_ANNOTATION);
            assertEquals(AccessLevel.AUTH_TOKEN, p.level());
            assertEquals(List.of("market-analysis:read"), p.scopes());
        }

        @Test
        void scopesOfBothAreRequired() {
            Protection rule = new Protection(AccessLevel.AUTH_TOKEN, List.of("a", "b"), "rule");
            Protection annotation =
                    new Protection(AccessLevel.AUTH_TOKEN, List.of("b", "c"), "annotation");
            Protection p = Protection.strictest(rule, annotation);
            assertEquals(List.of("a", "b", "c"), p.scopes());
            assertEquals("rule and annotation", p.source());
            assertEquals(
                    p.scopes(),
                    Protection.strictest(annotation, rule).scopes().stream().sorted().toList());
        }

        @Test
        void withoutARuleTheAnnotationApplies() {
            assertEquals(
                    READ_ANNOTATION,
                    decide("GET", "GET", "/api/market/elsewhere", READ_ANNOTATION));
        }
    }

    @Nested
    @DisplayName("HEAD runs the GET method, so the GET rules apply to it")
    class Methods {

        @Test
        void headIsDecidedByTheGetRuleWhenItRunsTheGetMethod() {
            Protection p = decide("HEAD", "GET", "/api/market/status", null);
            assertEquals(AccessLevel.IDENTITY, p.level());
        }

        @Test
        void headIsDecidedByTheGetRuleEvenWhenTheDesignatorIsUnknown() {
            // an @GET inherited from an interface is not on the method the runtime reports
            Protection p = decide("HEAD", null, "/api/market/status;x=1/", null);
            assertEquals(AccessLevel.IDENTITY, p.level());
        }

        @Test
        void anotherMethodIsNotCoveredByAGetRule() {
            assertNull(decide("POST", "POST", "/api/market/status", null));
        }
    }
}
