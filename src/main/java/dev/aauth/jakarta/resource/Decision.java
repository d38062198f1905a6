package dev.aauth.jakarta.resource;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthException;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.token.AuthToken;
import dev.aauth.token.Draft11AuthToken;
import dev.aauth.token.MintedToken;
import dev.aauth.token.Mission;

/**
 * What {@link AccessDecider} decided about one request. The filter turns it into the response (and
 * the log line); nothing here depends on JAX-RS.
 */
public sealed interface Decision {

    /** The verified request, or null when verification itself failed. */
    VerifiedRequest request();

    /** The word for the decision log: allowed, challenged or denied. */
    String result();

    /** Why, for the decision log. */
    String reason();

    /** "identified", "authorized" or "unidentified", for the decision log. */
    default String level() {
        VerifiedRequest r = request();
        if (r == null) {
            return "unidentified";
        }
        return (r.token() instanceof AuthToken || r.token() instanceof Draft11AuthToken)
                        && !(this instanceof Denied)
                        && !(this instanceof Failed)
                ? AAuthCaller.Level.AUTHORIZED.logName()
                : AAuthCaller.Level.IDENTIFIED.logName();
    }

    /** The request may proceed. */
    record Allowed(VerifiedRequest request, AAuthCaller.Level callerLevel, Mission mission)
            implements Decision {
        @Override
        public String result() {
            return "allowed";
        }

        @Override
        public String reason() {
            return callerLevel == AAuthCaller.Level.AUTHORIZED ? "auth_token" : "identity";
        }
    }

    /**
     * {@code 401} with {@code AAuth-Requirement: requirement=auth-token; resource-token=...}: "when
     * an auth token is required", or for step-up when the auth token's scopes fall short.
     */
    record Challenged(
            VerifiedRequest request, MintedToken resourceToken, String audience, String reason)
            implements Decision {
        @Override
        public String result() {
            return "challenged";
        }
    }

    /**
     * {@code 401} with an {@code AAuth-Requirement} that carries no resource token (draft-11):
     * {@code requirement=person-token}, "A resource MUST have verified a person token ... before it
     * issues a resource token, and MUST challenge with requirement=person-token when it has not";
     * {@code requirement=agent-token}, "A resource that requires only the agent's identity ... uses
     * requirement=agent-token with a 401 Unauthorized response when the request did not present an
     * AAuth agent token".
     */
    record Required(VerifiedRequest request, AAuthRequirement requirement, String reason)
            implements Decision {
        @Override
        public String result() {
            return "challenged";
        }
    }

    /**
     * {@code 403}: "the server successfully verifies the client's signature and identity but denies
     * access based on policy" (Signature-Key draft, "Access Denied").
     */
    record Denied(VerifiedRequest request, String reason, String detail) implements Decision {
        @Override
        public String result() {
            return "denied";
        }
    }

    /**
     * A protocol failure: {@code 401} with {@code Signature-Error}, or the error's own status,
     * answered in the shape of {@code profile}, the draft the request was verified under.
     */
    record Failed(VerifiedRequest request, AAuthException error, AAuthProfile profile)
            implements Decision {

        /** A failure under the request's draft; draft-01 when nothing was verified. */
        public Failed(VerifiedRequest request, AAuthException error) {
            this(request, error, request == null ? AAuthProfile.DRAFT_01 : request.profile());
        }

        @Override
        public String result() {
            return "denied";
        }

        @Override
        public String reason() {
            return error.code();
        }
    }
}
