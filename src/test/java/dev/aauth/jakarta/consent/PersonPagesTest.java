package dev.aauth.jakarta.consent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.config.AAuthConfigs;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PersonPagesTest {

    static HttpServletRequest request(Map<String, String> headers, Map<String, String> parameters) {
        return (HttpServletRequest)
                Proxy.newProxyInstance(
                        PersonPagesTest.class.getClassLoader(),
                        new Class<?>[] {HttpServletRequest.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "getHeader" -> headers.get((String) args[0]);
                                    case "getParameter" -> parameters.get((String) args[0]);
                                    default ->
                                            throw new UnsupportedOperationException(
                                                    method.getName());
                                });
    }

    static PersonPages pages() {
        PersonPages p = new PersonPages();
        p.config =
                AAuthConfigs.of(
                        Map.of(
                                "aauth.issuer",
                                "https://ps.example",
                                "aauth.roles",
                                "person-server"));
        return p;
    }

    @Test
    @DisplayName(
            "CSRF: a post is same-origin only when Origin is this origin, or without Origin when Referer is on it")
    void originCheck() {
        PersonPages p = pages();
        assertTrue(p.sameOrigin(request(Map.of("Origin", "https://ps.example"), Map.of())));
        assertTrue(
                p.sameOrigin(
                        request(
                                Map.of("Referer", "https://ps.example/interaction?request=x"),
                                Map.of())));
        assertFalse(p.sameOrigin(request(Map.of("Origin", "https://evil.example"), Map.of())));
        assertFalse(p.sameOrigin(request(Map.of("Origin", "null"), Map.of())), "opaque origin");
        assertFalse(
                p.sameOrigin(
                        request(Map.of("Origin", "https://ps.example.evil.example"), Map.of())));
        assertFalse(
                p.sameOrigin(
                        request(Map.of("Referer", "https://ps.example.evil.example/"), Map.of())));
        assertFalse(
                p.sameOrigin(
                        request(
                                Map.of(
                                        "Origin",
                                        "https://evil.example",
                                        "Referer",
                                        "https://ps.example/"),
                                Map.of())),
                "a foreign Origin wins over a Referer");
        assertFalse(p.sameOrigin(request(Map.of(), Map.of())), "neither");
    }

    @Test
    void viewStateMustBeWellFormed() {
        assertTrue(
                PersonPages.wellFormedViewState(
                        request(
                                Map.of(),
                                Map.of(
                                        "jakarta.faces.ViewState",
                                        "ODQ0Zjk1MjA4MTNiYTlkYzAwMDAwMDAx"))));
        assertFalse(PersonPages.wellFormedViewState(request(Map.of(), Map.of())));
        assertFalse(
                PersonPages.wellFormedViewState(
                        request(Map.of(), Map.of("jakarta.faces.ViewState", "forged-1234"))));
        assertFalse(
                PersonPages.wellFormedViewState(
                        request(Map.of(), Map.of("jakarta.faces.ViewState", "A".repeat(201)))));
    }

    @Test
    @DisplayName(
            "Content-Security-Policy: no inline script, frame-ancestors 'none'; an allowed callback's origin only in form-action")
    void contentSecurityPolicy() {
        assertTrue(PersonPages.CSP.contains("frame-ancestors 'none'"));
        assertFalse(PersonPages.CSP.contains("unsafe-inline"));
        assertTrue(
                PersonPages.csp("https://agent.example")
                        .contains("form-action 'self' https://agent.example;"));
    }
}
