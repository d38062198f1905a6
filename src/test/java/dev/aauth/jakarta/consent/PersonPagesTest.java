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

    static boolean viewState(String value) {
        return PersonPages.wellFormedViewState(
                request(Map.of(), Map.of("jakarta.faces.ViewState", value)));
    }

    @Test
    @DisplayName(
            "view state: MyFaces' shape (Open Liberty, standard base64) and Mojarra's (Payara, <long>:<long>) both pass")
    void viewStateOfEitherFacesImplementation() {
        assertTrue(viewState("ODQ0Zjk1MjA4MTNiYTlkYzAwMDAwMDAx"), "MyFaces");
        assertTrue(viewState("ODQ0Zjk1MjA4MTNiYTlkYzAwMDAwMDE="), "MyFaces, padded");
        assertTrue(viewState("-6966402185920907148:2109575297102305901"), "Mojarra");
        assertTrue(viewState("6966402185920907148:-2109575297102305901"), "Mojarra");
        assertTrue(viewState("-9223372036854775808:9223372036854775807"), "Mojarra, extremes");
    }

    @Test
    @DisplayName("view state: missing, junk or too long is refused before Faces reads it")
    void viewStateMustBeWellFormed() {
        assertFalse(PersonPages.wellFormedViewState(request(Map.of(), Map.of())), "missing");
        assertFalse(viewState(""));
        assertFalse(viewState("forged-1234"));
        assertFalse(viewState("A".repeat(201)), "longer than 200");
        assertTrue(viewState("A".repeat(200)));
        assertFalse(viewState("1:2:3"));
        assertFalse(viewState(":2109575297102305901"));
        assertFalse(viewState("-6966402185920907148:"));
        assertFalse(viewState("--6966402185920907148:1"));
        assertFalse(viewState("1".repeat(20) + ":1"), "more digits than a long has");
        assertFalse(viewState("-6966402185920907148:2109575297102305901\n"));
        assertFalse(viewState("ODQ0Zjk1MjA4MTNi=YTlk"), "padding inside");
        assertFalse(viewState("ODQ0Zjk1MjA4MTNi==="));
        assertFalse(viewState("<script>alert(1)</script>"));
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
