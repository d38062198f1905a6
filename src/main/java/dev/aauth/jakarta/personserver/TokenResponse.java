package dev.aauth.jakarta.personserver;

/**
 * A successful answer of the token endpoint. Only the direct grant exists in this step; the deferred
 * {@code 202} ("User interaction required response") joins as a second case.
 */
public sealed interface TokenResponse {

    /** "Direct grant response (200)": {@code {"auth_token", "expires_in"}}. */
    record Granted(String authToken, long expiresIn, String jti) implements TokenResponse {
    }
}
