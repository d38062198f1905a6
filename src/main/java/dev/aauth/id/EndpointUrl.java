package dev.aauth.id;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.Objects;

/**
 * A URL that must follow the draft's "Endpoint URLs" rules: "The {@code token_endpoint}, {@code
 * authorization_endpoint}, {@code mission_endpoint}, and {@code callback_endpoint} values MUST
 * conform to the following: MUST use the {@code https} scheme; MUST NOT contain a fragment; MUST
 * NOT contain a query string". The same rules are applied to the other {@code *_endpoint} metadata
 * values.
 *
 * <p>Additionally refused: userinfo, non-ASCII characters, and hosts that are not DNS names (IP
 * literals, {@code localhost}). A port is allowed: the draft does not forbid it for endpoints. In
 * {@link SecurityMode#DEVELOPMENT}, {@code http} and the loopback hosts are also accepted.
 */
public final class EndpointUrl extends HttpsUrl {

    private EndpointUrl(String value) {
        super(value);
    }

    /** Parses and validates; failures are {@code invalid_request}. */
    public static EndpointUrl parse(String value, SecurityMode mode) {
        return parse(value, mode, AAuthError.INVALID_REQUEST);
    }

    /** Parses and validates; failures throw {@link AAuthException} with {@code codeOnFailure}. */
    public static EndpointUrl parse(String value, SecurityMode mode, AAuthError codeOnFailure) {
        return new EndpointUrl(checked(value, mode, true, codeOnFailure));
    }

    /** True when {@link #parse(String, SecurityMode)} would accept {@code value}. */
    public static boolean isValid(String value, SecurityMode mode) {
        return UrlRules.check(value, Objects.requireNonNull(mode, "mode"), true) == null;
    }
}
