package dev.aauth.jakarta.consent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CallbackPolicyTest {

    static final Optional<String> ENDPOINT = Optional.of("https://agent.example/callback");

    @Test
    @DisplayName(
            "the callback URL is constructed from the agent's callback_endpoint metadata: that endpoint, with a query of its own")
    void theCallbackIsConstructedFromTheCallbackEndpoint() {
        assertTrue(CallbackPolicy.allows("https://agent.example/callback", ENDPOINT, false));
        assertTrue(
                CallbackPolicy.allows("https://agent.example/callback?state=abc", ENDPOINT, false));
        assertTrue(CallbackPolicy.allows("https://agent.example:443/callback", ENDPOINT, false));
    }

    @Test
    @DisplayName(
            "any other callback gets the completion page: other host, path, port, scheme, fragment, user info")
    void otherCallbacksAreNotFollowed() {
        for (String c :
                new String[] {
                    "https://evil.example/callback",
                    "https://agent.example/callback/../x",
                    "https://agent.example/other",
                    "https://agent.example:8443/callback",
                    "http://agent.example/callback",
                    "https://agent.example/callback#x",
                    "https://me@agent.example/callback",
                    "javascript:alert(1)",
                    "//agent.example/callback",
                    "",
                    "https://agent.example.evil.example/callback"
                }) {
            assertFalse(CallbackPolicy.allows(c, ENDPOINT, false), c);
        }
        assertFalse(
                CallbackPolicy.allows("https://agent.example/callback", Optional.empty(), false),
                "no endpoint in the metadata");
        assertFalse(CallbackPolicy.allows(null, ENDPOINT, true));
    }

    @Test
    @DisplayName(
            "When localhost_callback_allowed is true the agent MAY use a localhost callback URL; not otherwise")
    void localhostOnlyWhenAllowed() {
        assertTrue(CallbackPolicy.allows("http://localhost:7777/cb", Optional.empty(), true));
        assertTrue(CallbackPolicy.allows("http://127.0.0.1:7777/cb?x=1", ENDPOINT, true));
        assertTrue(CallbackPolicy.allows("http://[::1]:7777/cb", ENDPOINT, true));
        assertFalse(CallbackPolicy.allows("http://localhost:7777/cb", ENDPOINT, false));
        assertFalse(CallbackPolicy.allows("http://localhost.evil.example/cb", ENDPOINT, true));
    }
}
