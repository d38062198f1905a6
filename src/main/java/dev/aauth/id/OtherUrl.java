package dev.aauth.id;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.Objects;

/**
 * A URL that must follow the draft's "Other URLs" rule: "The {@code jwks_uri}, {@code tos_uri},
 * {@code policy_uri}, {@code logo_uri}, and {@code logo_dark_uri} values MUST use the {@code https}
 * scheme." Query and fragment are allowed.
 *
 * <p>Additionally refused: userinfo, non-ASCII characters, and hosts that are not DNS names (IP
 * literals, {@code localhost}). In {@link SecurityMode#DEVELOPMENT}, {@code http} and the loopback
 * hosts are also accepted.
 */
public final class OtherUrl extends HttpsUrl {

    private OtherUrl(String value) {
        super(value);
    }

    /** Parses and validates; failures are {@code invalid_request}. */
    public static OtherUrl parse(String value, SecurityMode mode) {
        return parse(value, mode, AAuthError.INVALID_REQUEST);
    }

    /** Parses and validates; failures throw {@link AAuthException} with {@code codeOnFailure}. */
    public static OtherUrl parse(String value, SecurityMode mode, AAuthError codeOnFailure) {
        return new OtherUrl(checked(value, mode, false, codeOnFailure));
    }

    /** True when {@link #parse(String, SecurityMode)} would accept {@code value}. */
    public static boolean isValid(String value, SecurityMode mode) {
        return UrlRules.check(value, Objects.requireNonNull(mode, "mode"), false) == null;
    }
}
