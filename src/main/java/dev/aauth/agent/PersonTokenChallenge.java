package dev.aauth.agent;

/**
 * A resource's -11 "Person Token Required" answer, typed: "A resource MAY also use it on any other
 * endpoint where it requires the person's identity before serving a request ... HTTP/1.1 401
 * Unauthorized, AAuth-Requirement: requirement=person-token". "The agent obtains a person token for
 * this resource from its PS's person token endpoint and retries" ({@link
 * ChallengeResponder#personToken}, {@link ChallengeRetry}). Draft-11 only: a draft-01 agent never
 * sees it thrown.
 */
public class PersonTokenChallenge extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String resource;
    private final String method;
    private final String path;

    public PersonTokenChallenge(String resource, String method, String path) {
        super(
                "401 requirement=person-token from " + resource + " for " + method + " " + path,
                null,
                false,
                false);
        this.resource = resource;
        this.method = method;
        this.path = path;
    }

    /** The resource called (the origin of the request URL): the person token's {@code aud}. */
    public String resource() {
        return resource;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }
}
