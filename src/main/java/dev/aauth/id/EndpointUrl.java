package dev.aauth.id;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;

import java.net.URI;
import java.util.Objects;

/**
 * A URL that must follow the draft's "Endpoint URLs" rules: "The {@code token_endpoint},
 * {@code authorization_endpoint}, {@code mission_endpoint}, and {@code callback_endpoint} values MUST
 * conform to the following: MUST use the {@code https} scheme; MUST NOT contain a fragment; MUST NOT
 * contain a query string". The same rules are applied to the other {@code *_endpoint} metadata values.
 *
 * <p>Additionally refused: userinfo, non-ASCII characters, and hosts that are not DNS names (IP
 * literals, {@code localhost}). A port is allowed: the draft does not forbid it for endpoints. In
 * {@link SecurityMode#DEVELOPMENT}, {@code http} and the loopback hosts are also accepted.
 */
public final class EndpointUrl {

    private final String value;

    private EndpointUrl(String value) {
        this.value = value;
    }

    /** Parses and validates; failures are {@code invalid_request}. */
    public static EndpointUrl parse(String value, SecurityMode mode) {
        return parse(value, mode, AAuthError.INVALID_REQUEST);
    }

    /** Parses and validates; failures throw {@link AAuthException} with {@code codeOnFailure}. */
    public static EndpointUrl parse(String value, SecurityMode mode, AAuthError codeOnFailure) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(codeOnFailure, "codeOnFailure");
        String reason = UrlRules.check(value, mode, true);
        if (reason != null) {
            throw new AAuthException(codeOnFailure, "invalid URL: " + reason);
        }
        return new EndpointUrl(value);
    }

    /** True when {@link #parse(String, SecurityMode)} would accept {@code value}. */
    public static boolean isValid(String value, SecurityMode mode) {
        return UrlRules.check(value, Objects.requireNonNull(mode, "mode"), true) == null;
    }

    /** The URL exactly as given. */
    public String value() {
        return value;
    }

    public URI uri() {
        return URI.create(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndpointUrl && ((EndpointUrl) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
