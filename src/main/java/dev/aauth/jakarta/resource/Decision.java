package dev.aauth.jakarta.resource;

import dev.aauth.error.AAuthException;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.token.AuthToken;
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
        return r.token() instanceof AuthToken
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
     * {@code 403}: "the server successfully verifies the client's signature and identity but denies
     * access based on policy" (Signature-Key draft, "Access Denied").
     */
    record Denied(VerifiedRequest request, String reason, String detail) implements Decision {
        @Override
        public String result() {
            return "denied";
        }
    }

    /** A protocol failure: {@code 401} with {@code Signature-Error}, or the error's own status. */
    record Failed(VerifiedRequest request, AAuthException error) implements Decision {
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
