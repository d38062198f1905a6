package dev.aauth.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.token.TokenType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VerificationPolicyTest {

    @Test
    @DisplayName(
            "The signature MUST cover @method, @authority, @path and signature-key, whatever else is configured")
    void baseComponentsAreAlwaysRequired() {
        var p =
                new VerificationPolicy(
                        List.of("content-digest", "@method"),
                        Duration.ofSeconds(60),
                        Set.of("jwt"),
                        EnumSet.of(TokenType.AGENT),
                        null);
        assertEquals(
                List.of("@method", "@authority", "@path", "signature-key", "content-digest"),
                p.requiredComponents());
    }

    @Test
    @DisplayName("The default window is 60 seconds")
    void defaultWindowIsSixtySeconds() {
        assertEquals(
                Duration.ofSeconds(60),
                VerificationPolicy.forResource("https://r.example").signatureWindow());
    }

    @Test
    void acceptingAuthTokensNeedsAnAudience() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new VerificationPolicy(
                                List.of(),
                                Duration.ofSeconds(60),
                                Set.of("jwt"),
                                EnumSet.of(TokenType.AUTH),
                                null));
    }

    @Test
    void resourceTokensNeverCarryASigningKey() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new VerificationPolicy(
                                List.of(),
                                Duration.ofSeconds(60),
                                Set.of("jwt"),
                                EnumSet.of(TokenType.RESOURCE),
                                "https://r.example"));
    }

    @Test
    void windowMustBePositive() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        VerificationPolicy.forResource("https://r.example")
                                .withWindow(Duration.ZERO));
    }
}
