package dev.aauth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.token.PersonToken;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.VerifiedToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * -11 "Person Token Required" then "Auth Token Required" in the retry rule, and the client side of
 * enrollment asking for a -11 agent token.
 */
class Draft11RetryAndEnrollmentTest {

    final Draft11Parties p = new Draft11Parties();
    final List<String> notes = new ArrayList<>();
    final AgentEvents events =
            new AgentEvents() {
                @Override
                public void note(String text) {
                    notes.add(text);
                }
            };

    @Test
    @DisplayName(
            "-11 'The agent obtains a person token for this resource ... and retries', then the auth-token challenge is answered: at most three sends")
    void personThenAuthThenDone() {
        PersonToken person = p.heldPersonToken(Draft11Parties.RESOURCE);
        VerifiedToken auth = person; // stands for the auth token: the rule only passes it on
        List<VerifiedToken> presented = new ArrayList<>();
        String r =
                ChallengeRetry.run(
                        t -> {
                            presented.add(t);
                            if (t == null) {
                                throw new PersonTokenChallenge(Draft11Parties.RESOURCE, "GET", "/");
                            }
                            if (presented.size() == 2) {
                                throw new AuthTokenChallenge(
                                        "rt", Draft11Parties.RESOURCE, "GET", "/", false, t);
                            }
                            return "ok";
                        },
                        new ChallengeRetry.Answers() {
                            @Override
                            public VerifiedToken personToken(PersonTokenChallenge c) {
                                return person;
                            }

                            @Override
                            public VerifiedToken authToken(AuthTokenChallenge c) {
                                assertSame(person, c.presented());
                                return auth;
                            }
                        },
                        events);
        assertEquals("ok", r);
        assertEquals(3, presented.size());
        assertNull(presented.get(0));
        assertEquals(
                List.of(
                        "401 requirement=person-token from " + Draft11Parties.RESOURCE,
                        "retrying with the person token",
                        "401 requirement=auth-token from " + Draft11Parties.RESOURCE,
                        "retrying with the auth token"),
                notes);
    }

    @Test
    @DisplayName(
            "-11 a person-token challenge to the retry that presented a fresh person token is not answered again: invalid_jwt")
    void personChallengeTwiceFails() {
        PersonToken person = p.heldPersonToken(Draft11Parties.RESOURCE);
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                ChallengeRetry.run(
                                        t -> {
                                            throw new PersonTokenChallenge(
                                                    Draft11Parties.RESOURCE, "GET", "/");
                                        },
                                        new ChallengeRetry.Answers() {
                                            @Override
                                            public VerifiedToken personToken(
                                                    PersonTokenChallenge c) {
                                                return person;
                                            }

                                            @Override
                                            public VerifiedToken authToken(AuthTokenChallenge c) {
                                                throw new AssertionError();
                                            }
                                        },
                                        events));
        assertEquals(AAuthError.INVALID_JWT, e.error());
    }

    @Test
    @DisplayName(
            "-01 retry rule unchanged: a person-token challenge is not answered by a draft-01 agent")
    void draft01DoesNotAnswerPersonTokens() {
        assertThrows(
                PersonTokenChallenge.class,
                () ->
                        ChallengeRetry.run(
                                t -> {
                                    throw new PersonTokenChallenge("https://r.example", "GET", "/");
                                },
                                c -> {
                                    throw new AssertionError();
                                },
                                events));
    }

    // ------------------------------------------------------------------ enrollment

    RemoteEnrollment enrollment(List<AgentHttp.Request> sent, TokenIssuer ap) {
        return new RemoteEnrollment(
                r -> {
                    sent.add(r);
                    SigningKey shortLived = shortLivedJwk;
                    return Draft11Parties.ok(
                            Map.of(
                                    "agent_token",
                                    ap.agentToken(
                                                    Draft11Parties.AGENT,
                                                    shortLived.publicJwk(),
                                                    Draft11Parties.PS,
                                                    Duration.ofHours(1),
                                                    Map.of())
                                            .compact()));
                },
                p.verifier01,
                p.clock);
    }

    final SigningKey shortLivedJwk = SigningKey.generate(SignatureAlgorithm.ED25519, null);
    final SigningKey longLived = SigningKey.generate(SignatureAlgorithm.ED25519, null);

    @Test
    @DisplayName(
            "-11 enrollment: the agent asks for a -11 agent token with \"draft\": \"draft-11\" and speaks -11 with the one it gets")
    void enrollmentAsksForDraft11() {
        List<AgentHttp.Request> sent = new ArrayList<>();
        AgentCredentials c =
                enrollment(sent, p.ap)
                        .enroll(
                                Draft11Parties.AP,
                                "backend",
                                longLived,
                                shortLivedJwk,
                                AAuthProfile.DRAFT_11);
        assertEquals(
                Map.of("agent", "backend", "draft", "draft-11"), Draft11Parties.body(sent.get(0)));
        assertEquals(AAuthProfile.DRAFT_11, c.profile());
    }

    @Test
    @DisplayName(
            "-11 enrollment: an Agent Provider answering a draft-11 request with a draft-01 agent token is refused (invalid_agent_token)")
    void draft01AnswerToDraft11EnrollmentIsRefused() {
        TokenIssuer ap01 = new TokenIssuer(Draft11Parties.AP, p.apKeys, p.clock);
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                enrollment(new ArrayList<>(), ap01)
                                        .enroll(
                                                Draft11Parties.AP,
                                                "backend",
                                                longLived,
                                                shortLivedJwk,
                                                AAuthProfile.DRAFT_11));
        assertEquals(AAuthError.INVALID_AGENT_TOKEN, e.error());
    }

    @Test
    @DisplayName("-01 enrollment unchanged: the body is {\"agent\"} only and the agent speaks -01")
    void draft01EnrollmentUnchanged() {
        List<AgentHttp.Request> sent = new ArrayList<>();
        TokenIssuer ap01 = new TokenIssuer(Draft11Parties.AP, p.apKeys, p.clock);
        AgentCredentials c =
                enrollment(sent, ap01)
                        .enroll(Draft11Parties.AP, "backend", longLived, shortLivedJwk);
        assertEquals(Map.of("agent", "backend"), Draft11Parties.body(sent.get(0)));
        assertEquals(AAuthProfile.DRAFT_01, c.profile());
    }
}
