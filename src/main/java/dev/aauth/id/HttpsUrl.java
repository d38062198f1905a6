package dev.aauth.id;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.net.URI;
import java.util.Objects;

/**
 * A validated URL kept exactly as given; {@link EndpointUrl} and {@link OtherUrl} differ only in
 * the draft's rules they apply. Equal when the same kind and the same string.
 */
public abstract sealed class HttpsUrl permits EndpointUrl, OtherUrl {

    private final String value;

    HttpsUrl(String value) {
        this.value = value;
    }

    /**
     * Validates {@code value}; failures throw {@link AAuthException} with {@code codeOnFailure}.
     */
    static String checked(
            String value, SecurityMode mode, boolean endpoint, AAuthError codeOnFailure) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(codeOnFailure, "codeOnFailure");
        String reason = UrlRules.check(value, mode, endpoint);
        if (reason != null) {
            throw new AAuthException(codeOnFailure, "invalid URL: " + reason);
        }
        return value;
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
        return o != null && o.getClass() == getClass() && ((HttpsUrl) o).value.equals(value);
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
