package dev.aauth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.token.AuthToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Retry-on-challenge: answer once, retry once; a challenge to a request carrying an auth token is
 * step-up.
 */
class ChallengeRetryTest {

    final AgentFixture fx = new AgentFixture();
    final AuthToken token =
            fx.verifiedAuthToken(List.of("supply-chain:read"), Duration.ofMinutes(10));
    final List<String> notes = new ArrayList<>();
    final AgentEvents events =
            new AgentEvents() {
                @Override
                public void note(String text) {
                    notes.add(text);
                }
            };
    final List<AuthTokenChallenge> answered = new ArrayList<>();

    static AuthTokenChallenge challenge(boolean stepUp) {
        return new AuthTokenChallenge(
                "a.b.c", AgentFixture.RESOURCE, "GET", "/api/inventory", stepUp);
    }

    AuthToken answer(AuthTokenChallenge c) {
        answered.add(c);
        return token;
    }

    @Test
    @DisplayName("no challenge: one attempt, nothing answered")
    void noChallenge() {
        assertEquals("ok", ChallengeRetry.run(t -> "ok", this::answer, events));
        assertTrue(answered.isEmpty());
    }

    @Test
    @DisplayName(
            "401 auth-token: answered once, then the call runs once more with the fresh auth token")
    void answeredThenRetriedOnce() {
        List<AuthToken> presented = new ArrayList<>();
        String r =
                ChallengeRetry.run(
                        t -> {
                            presented.add(t);
                            if (t == null) {
                                throw challenge(false);
                            }
                            return "ok";
                        },
                        this::answer,
                        events);
        assertEquals("ok", r);
        assertEquals(1, answered.size());
        assertNull(presented.get(0));
        assertSame(token, presented.get(1));
    }

    @Test
    @DisplayName(
            "step-up: a challenge to a request that carried an auth token is answered with the new resource token")
    void stepUpIsAnswered() {
        String r =
                ChallengeRetry.run(
                        t -> {
                            if (t == null) {
                                throw challenge(true);
                            }
                            return "more";
                        },
                        this::answer,
                        events);
        assertEquals("more", r);
        assertTrue(answered.get(0).stepUp());
        assertTrue(notes.get(0).startsWith("step-up"), notes.toString());
    }

    @Test
    @DisplayName(
            "a challenge to the retry is not answered again: invalid_jwt, two attempts in all (nothing retried forever)")
    void challengedRetryFails() {
        int[] attempts = {0};
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                ChallengeRetry.run(
                                        t -> {
                                            attempts[0]++;
                                            throw challenge(t != null);
                                        },
                                        this::answer,
                                        events));
        assertEquals(AAuthError.INVALID_JWT, e.error());
        assertEquals(2, attempts[0]);
        assertEquals(1, answered.size());
    }

    @Test
    @DisplayName(
            "an answer that fails (verification, PS refusal) ends the call with its error, no retry")
    void failedAnswerIsNotRetried() {
        int[] attempts = {0};
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                ChallengeRetry.run(
                                        t -> {
                                            attempts[0]++;
                                            throw challenge(false);
                                        },
                                        c -> {
                                            throw new AAuthException(
                                                    AAuthError.DENIED, "the person said no");
                                        },
                                        events));
        assertEquals(AAuthError.DENIED, e.error());
        assertEquals(1, attempts[0]);
    }
}
