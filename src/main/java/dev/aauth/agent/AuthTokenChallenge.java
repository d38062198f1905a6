package dev.aauth.agent;

import dev.aauth.token.VerifiedToken;

/**
 * A resource's "Auth Token Required" answer, typed: "A resource MUST use requirement=auth-token
 * with a 401 Unauthorized response when an auth token is required", with its {@code
 * resource-token}. Thrown by REST client methods through the REST client exception mapper; {@link
 * ChallengeRetry} answers it and retries. {@link #stepUp()}: the challenged request already carried
 * an auth token, so the resource wants more than that token grants.
 */
public class AuthTokenChallenge extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String resourceToken;
    private final String resource;
    private final String method;
    private final String path;
    private final boolean stepUp;
    private final transient VerifiedToken presented;

    public AuthTokenChallenge(
            String resourceToken, String resource, String method, String path, boolean stepUp) {
        this(resourceToken, resource, method, path, stepUp, null);
    }

    /**
     * @param presented the token the challenged request carried in {@code Signature-Key} (a -11
     *     person or auth token: "Verify ... sub the value in the person token the agent
     *     presented"), or null for the agent token
     */
    public AuthTokenChallenge(
            String resourceToken,
            String resource,
            String method,
            String path,
            boolean stepUp,
            VerifiedToken presented) {
        super(
                "401 requirement=auth-token from "
                        + resource
                        + " for "
                        + method
                        + " "
                        + path
                        + (stepUp ? " (step-up)" : ""),
                null,
                false,
                false);
        this.resourceToken = resourceToken;
        this.resource = resource;
        this.method = method;
        this.path = path;
        this.stepUp = stepUp;
        this.presented = presented;
    }

    /** The person or auth token the challenged request presented, or null (the agent token). */
    public VerifiedToken presented() {
        return presented;
    }

    public String resourceToken() {
        return resourceToken;
    }

    /**
     * The resource called: the origin of the request URL, which the resource token's {@code iss}
     * must be.
     */
    public String resource() {
        return resource;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public boolean stepUp() {
        return stepUp;
    }
}
