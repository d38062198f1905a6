package dev.aauth.personserver;

/**
 * A successful answer of the token endpoint: the direct grant ({@code 200}) or the deferred {@code
 * 202} ("User interaction required response").
 */
public sealed interface TokenResponse {

    /** "Direct grant response (200)": {@code {"auth_token", "expires_in"}}. */
    record Granted(String authToken, long expiresIn, String jti) implements TokenResponse {}

    /**
     * "User interaction required response (202)": the pending request's id (the last segment of the
     * {@code Location}), the interaction code for {@code AAuth-Requirement}, and {@code
     * Retry-After}.
     */
    record Pending(String id, String code, long retryAfter) implements TokenResponse {}
}
