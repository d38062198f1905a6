package dev.aauth.agent;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.token.AuthToken;
import dev.aauth.token.VerifiedToken;
import java.util.function.Function;

/**
 * Retry-on-challenge, the rule an agent call follows: run the call; on an {@link
 * AuthTokenChallenge} ("requirement=auth-token"), answer it once (resource token verified,
 * exchanged, auth token verified: {@link ChallengeResponder}) and run the call once more with that
 * auth token. A challenge to a request that carried an auth token is a step-up (the resource wants
 * more than the token grants): answered the same way, with the new resource token's scopes. A
 * challenge to the retry is not answered again: it fails with {@code invalid_jwt}, so a call is
 * sent at most twice.
 *
 * <p>Draft-11 adds one step before: a {@link PersonTokenChallenge} ("requirement=person-token") is
 * answered once with a person token ("The agent obtains a person token for this resource ... and
 * retries"), whose retry may then be challenged for an auth token. Each requirement is answered at
 * most once per call, in that order, so a -11 call is sent at most three times (agent token, person
 * token, auth token).
 */
public final class ChallengeRetry {

    private ChallengeRetry() {}

    /** How the challenges of one call are answered. */
    public interface Answers {

        /** The verified person token answering {@code c} (-11 only). */
        VerifiedToken personToken(PersonTokenChallenge c);

        /** The verified auth token answering {@code c}. */
        VerifiedToken authToken(AuthTokenChallenge c);
    }

    /**
     * The draft-01 rule.
     *
     * @param attempt runs the call; its argument is null the first time, the fresh auth token on
     *     the retry
     * @param answer obtains the auth token that answers a challenge
     */
    public static <T> T run(
            Function<AuthToken, T> attempt,
            Function<AuthTokenChallenge, AuthToken> answer,
            AgentEvents events) {
        return run(
                t -> attempt.apply((AuthToken) t),
                new Answers() {
                    @Override
                    public VerifiedToken personToken(PersonTokenChallenge c) {
                        throw c; // draft-01 has no person tokens: not answered
                    }

                    @Override
                    public VerifiedToken authToken(AuthTokenChallenge c) {
                        return answer.apply(c);
                    }
                },
                events);
    }

    /**
     * The rule of either draft.
     *
     * @param attempt runs the call; its argument is null the first time (present what is cached,
     *     else the agent token), then the token that answered the last challenge
     */
    public static <T> T run(
            Function<VerifiedToken, T> attempt, Answers answers, AgentEvents events) {
        boolean personAnswered = false;
        boolean authAnswered = false;
        VerifiedToken token = null;
        while (true) {
            try {
                return attempt.apply(token);
            } catch (PersonTokenChallenge c) {
                if (personAnswered || authAnswered) {
                    throw new AAuthException(
                            AAuthError.INVALID_JWT,
                            "challenged for a person token again by "
                                    + c.resource()
                                    + " after presenting a fresh "
                                    + (authAnswered ? "auth" : "person")
                                    + " token: not retried");
                }
                personAnswered = true;
                events.note("401 requirement=person-token from " + c.resource());
                token = answers.personToken(c);
                events.note("retrying with the person token");
            } catch (AuthTokenChallenge c) {
                if (authAnswered) {
                    throw new AAuthException(
                            AAuthError.INVALID_JWT,
                            "challenged again by "
                                    + c.resource()
                                    + " after presenting a fresh auth token: not retried");
                }
                authAnswered = true;
                events.note(
                        c.stepUp()
                                ? "step-up: "
                                        + c.resource()
                                        + " challenged a request that carried an auth token"
                                : "401 requirement=auth-token from " + c.resource());
                token = answers.authToken(c);
                events.note("retrying with the auth token");
            }
        }
    }
}
