package dev.aauth.agent;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.token.AuthToken;
import java.util.function.Function;

/**
 * Retry-on-challenge, the rule an agent call follows: run the call; on an {@link
 * AuthTokenChallenge} ("requirement=auth-token"), answer it once (resource token verified,
 * exchanged, auth token verified: {@link ChallengeResponder}) and run the call once more with that
 * auth token. A challenge to a request that carried an auth token is a step-up (the resource wants
 * more than the token grants): answered the same way, with the new resource token's scopes. A
 * challenge to the retry is not answered again: it fails with {@code invalid_jwt}, so a call is
 * sent at most twice.
 */
public final class ChallengeRetry {

    private ChallengeRetry() {}

    /**
     * @param attempt runs the call; its argument is null the first time, the fresh auth token on
     *     the retry
     * @param answer obtains the auth token that answers a challenge
     */
    public static <T> T run(
            Function<AuthToken, T> attempt,
            Function<AuthTokenChallenge, AuthToken> answer,
            AgentEvents events) {
        AuthToken token;
        try {
            return attempt.apply(null);
        } catch (AuthTokenChallenge c) {
            events.note(
                    c.stepUp()
                            ? "step-up: "
                                    + c.resource()
                                    + " challenged a request that carried an auth token"
                            : "401 requirement=auth-token from " + c.resource());
            token = answer.apply(c);
        }
        events.note("retrying with the auth token");
        try {
            return attempt.apply(token);
        } catch (AuthTokenChallenge again) {
            throw new AAuthException(
                    AAuthError.INVALID_JWT,
                    "challenged again by "
                            + again.resource()
                            + " after presenting a fresh auth token: not retried");
        }
    }
}
