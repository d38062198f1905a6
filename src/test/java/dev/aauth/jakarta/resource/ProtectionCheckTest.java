package dev.aauth.jakarta.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Misconfigured {@code @AAuthProtected} endpoints are found when the application starts, not on the
 * first request.
 */
class ProtectionCheckTest {

    static ResourceSettings settings(String defaultScopes) {
        Map<String, String> p =
                new HashMap<>(
                        Map.of(
                                "aauth.issuer",
                                "https://resource.example",
                                "aauth.roles",
                                "resource",
                                "aauth.resource.scopes",
                                "a=A;b=B"));
        if (defaultScopes != null) {
            p.put("aauth.resource.default-scopes", defaultScopes);
        }
        return ResourceConfigurationTest.of(p).settings();
    }

    static List<String> problems(Class<?> c, String defaultScopes) {
        return ProtectionCheck.problems(List.of(c), settings(defaultScopes), (type, m) -> true);
    }

    @Path("good")
    public static class Good {
        @GET
        @AAuthProtected(scopes = {"a", "openid"})
        public String read() {
            return "";
        }

        @GET
        @Path("who")
        @AAuthProtected(level = AccessLevel.IDENTITY)
        public String who() {
            return "";
        }

        @GET
        @Path("open")
        public String open() {
            return "";
        }
    }

    @Path("unknown")
    public static class UnknownScope {
        @POST
        @AAuthProtected(scopes = {"a", "nope"})
        public String write() {
            return "";
        }
    }

    @Path("none")
    public static class NoScope {
        @GET
        @AAuthProtected
        public String read() {
            return "";
        }
    }

    @Path("cls")
    @AAuthProtected(scopes = "nope")
    public static class ClassLevel {
        @GET
        public String read() {
            return "";
        }

        @GET
        @Path("x")
        @AAuthProtected(scopes = "b")
        public String overridden() {
            return "";
        }

        /** Not a resource method: no HTTP method designator. */
        public String helper() {
            return "";
        }
    }

    @Test
    @DisplayName(
            "known scopes, identity scopes, identity level without scopes and unprotected methods pass")
    void wellConfiguredEndpointsPass() {
        assertEquals(List.of(), problems(Good.class, null));
    }

    @Test
    @DisplayName(
            "\"A resource token MUST only include resource scopes that the resource has defined\": an unknown scope fails the deployment")
    void unknownScopeIsADeploymentError() {
        List<String> p = problems(UnknownScope.class, null);
        assertEquals(1, p.size(), p.toString());
        assertTrue(
                p.get(0).contains("UnknownScope.write") && p.get(0).contains("'nope'"), p.get(0));
    }

    @Test
    @DisplayName("an auth-token endpoint without scopes fails unless default scopes exist")
    void authTokenEndpointWithoutScopesNeedsDefaults() {
        List<String> p = problems(NoScope.class, null);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("names no scope"), p.get(0));
        assertEquals(List.of(), problems(NoScope.class, "a"));
    }

    @Test
    @DisplayName(
            "a class annotation covers its resource methods; a method annotation replaces it; other methods are ignored")
    void classAnnotationAppliesToResourceMethodsOnly() {
        List<String> p = problems(ClassLevel.class, null);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("ClassLevel.read"), p.get(0));
    }

    @Test
    @DisplayName("endpoints this origin does not serve (its gates say no) are not checked")
    void endpointsNotServedHereAreSkipped() {
        assertEquals(
                List.of(),
                ProtectionCheck.problems(
                        List.of(UnknownScope.class, NoScope.class),
                        settings(null),
                        (type, m) -> false));
    }

    @Test
    void findsProtectedClassesAndResourceMethods() throws Exception {
        assertTrue(ProtectionCheck.isProtected(Good.class));
        assertTrue(ProtectionCheck.isProtected(ClassLevel.class));
        assertFalse(ProtectionCheck.isProtected(String.class));
        Method helper = ClassLevel.class.getMethod("helper");
        assertFalse(ProtectionCheck.isResourceMethod(helper));
        assertTrue(ProtectionCheck.isResourceMethod(ClassLevel.class.getMethod("read")));
    }

    @Test
    @DisplayName("the demo APIs as configured on the supply-chain origin pass")
    void demoSupplyChainConfigurationPasses() {
        ResourceSettings supply =
                ResourceConfigurationTest.of(
                                Map.of(
                                        "aauth.issuer",
                                        "http://localhost:9081",
                                        "aauth.security-mode",
                                        "DEVELOPMENT",
                                        "aauth.roles",
                                        "resource",
                                        "aauth.resource.scopes",
                                        "supply-chain:check=c;supply-chain:read=r;supply-chain:optimize=o",
                                        "aauth.resource.default-scopes",
                                        "supply-chain:check supply-chain:read",
                                        "aauth.resource.require",
                                        "auth-token"))
                        .settings();
        assertEquals(
                List.of(),
                ProtectionCheck.problems(
                        List.of(dev.aauth.jakarta.demo.SupplyChainApi.class),
                        supply,
                        (type, m) -> true));
        // the market-analysis origin would refuse them: there the demo gate keeps them out of the
        // check
        ResourceSettings market =
                ResourceConfigurationTest.of(
                                Map.of(
                                        "aauth.issuer",
                                        "http://localhost:9082",
                                        "aauth.security-mode",
                                        "DEVELOPMENT",
                                        "aauth.roles",
                                        "resource",
                                        "aauth.resource.scopes",
                                        "market-analysis:read=m"))
                        .settings();
        assertEquals(
                3,
                ProtectionCheck.problems(
                                List.of(dev.aauth.jakarta.demo.SupplyChainApi.class),
                                market,
                                (type, m) -> true)
                        .size());
    }
}
