package dev.aauth.id;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.Objects;

/**
 * A server identifier: the {@code issuer} of an agent provider, resource, access server or person
 * server, e.g. {@code https://agent.example}.
 *
 * <p>Implements the draft's "Server Identifiers" section, which says the value:
 *
 * <ul>
 *   <li>"MUST use the {@code https} scheme"
 *   <li>"MUST contain only scheme and host (no port, path, query, or fragment)"
 *   <li>"MUST NOT include a trailing slash"
 *   <li>"MUST be lowercase"
 *   <li>"Internationalized domain names MUST use the ASCII-Compatible Encoding (ACE) form
 *       (A-labels) as defined in [RFC5890]"
 * </ul>
 *
 * and "Implementations MUST perform exact string comparison on server identifiers", so {@link
 * #equals(Object)} compares the exact string and nothing is ever normalised.
 *
 * <p>Decisions beyond the list above, all in the direction of refusing: userinfo is refused (it is
 * neither scheme nor host); the host must be valid DNS host name syntax (RFC 1123 labels of {@code
 * [a-z0-9-]}, 1..63 characters, no leading or trailing hyphen, at most 253 characters, no empty
 * label so no trailing dot); it must have at least two labels and a non-numeric last label (so IP
 * literals and bare names such as {@code https://intranet} are refused); {@code xn--} labels must
 * be valid Punycode that round-trips; {@code localhost} and {@code *.localhost} are refused.
 *
 * <p>In {@link SecurityMode#DEVELOPMENT} only, {@code http}, an explicit port and the loopback
 * hosts {@code localhost}, {@code 127.0.0.1} and {@code [::1]} are also accepted; every other rule
 * holds.
 *
 * <p>This is a final class rather than a record so that no instance can exist without validation.
 */
public final class ServerIdentifier {

    /**
     * Generous upper bound; a valid identifier is at most {@code http://} + 253 + {@code :65535}.
     */
    private static final int MAX_LENGTH = 300;

    private final String value;
    private final String scheme;
    private final String authority;

    private ServerIdentifier(String value, String scheme, String authority) {
        this.value = value;
        this.scheme = scheme;
        this.authority = authority;
    }

    /** Parses and validates; failures are {@code invalid_request}. */
    public static ServerIdentifier parse(String value, SecurityMode mode) {
        return parse(value, mode, AAuthError.INVALID_REQUEST);
    }

    /**
     * Parses and validates {@code value}.
     *
     * @param codeOnFailure the code of the {@link AAuthException} thrown when the value is invalid,
     *     e.g. {@code INVALID_JWT} for an {@code iss} claim
     */
    public static ServerIdentifier parse(
            String value, SecurityMode mode, AAuthError codeOnFailure) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(codeOnFailure, "codeOnFailure");
        String reason = check(value, mode);
        if (reason != null) {
            throw new AAuthException(codeOnFailure, "invalid server identifier: " + reason);
        }
        String scheme = value.startsWith("https://") ? "https" : "http";
        return new ServerIdentifier(value, scheme, value.substring(scheme.length() + 3));
    }

    /** True when {@link #parse(String, SecurityMode)} would accept {@code value}. */
    public static boolean isValid(String value, SecurityMode mode) {
        return check(value, Objects.requireNonNull(mode, "mode")) == null;
    }

    /** Returns {@code null} when valid, otherwise the reason. */
    static String check(String value, SecurityMode mode) {
        if (value == null || value.isEmpty()) {
            return "missing";
        }
        if (value.length() > MAX_LENGTH) {
            return "too long";
        }
        String rest;
        if (value.startsWith("https://")) {
            rest = value.substring(8);
        } else if (value.startsWith("http://")) {
            if (!mode.allowsLocalDevelopment()) {
                return "MUST use the https scheme";
            }
            rest = value.substring(7);
        } else {
            return value.regionMatches(true, 0, "https://", 0, 8)
                    ? "MUST be lowercase"
                    : "MUST use the https scheme";
        }
        if (rest.endsWith("/") && rest.indexOf('/') == rest.length() - 1) {
            return "MUST NOT include a trailing slash";
        }
        if (rest.indexOf('/') >= 0) {
            return "MUST contain only scheme and host (no path)";
        }
        if (rest.indexOf('?') >= 0) {
            return "MUST contain only scheme and host (no query)";
        }
        if (rest.indexOf('#') >= 0) {
            return "MUST contain only scheme and host (no fragment)";
        }
        if (rest.indexOf('@') >= 0) {
            return "MUST contain only scheme and host (no userinfo)";
        }
        return Hosts.checkAuthority(rest, mode);
    }

    /** The identifier exactly as given, e.g. {@code https://agent.example}. */
    public String value() {
        return value;
    }

    /** {@code https}, or {@code http} in DEVELOPMENT. */
    public String scheme() {
        return scheme;
    }

    /** Host, plus {@code :port} when one was given (DEVELOPMENT only). */
    public String authority() {
        return authority;
    }

    /** The host without any port. */
    public String host() {
        int colon =
                authority.startsWith("[") ? authority.indexOf("]:") + 1 : authority.indexOf(':');
        return colon > 0 ? authority.substring(0, colon) : authority;
    }

    /** The explicit port, or -1 when none was given (always -1 in STRICT). */
    public int port() {
        String host = host();
        return host.length() == authority.length()
                ? -1
                : Integer.parseInt(authority.substring(host.length() + 1));
    }

    /** {@code {iss}/.well-known/{dwk}}; the caller validates {@code dwk}. */
    public String wellKnown(String dwk) {
        return value + "/.well-known/" + dwk;
    }

    /** Exact string comparison, as the draft requires. */
    public boolean matches(String other) {
        return value.equals(other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerIdentifier && ((ServerIdentifier) o).value.equals(value);
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
