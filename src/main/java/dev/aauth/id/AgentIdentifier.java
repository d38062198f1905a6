package dev.aauth.id;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.Objects;

/**
 * An agent identifier, {@code aauth:local@domain} (draft, "Agent Identifiers").
 *
 * <p>"The {@code local} part MUST consist of lowercase ASCII letters ({@code a-z}), digits ({@code
 * 0-9}), hyphen ({@code -}), underscore ({@code _}), plus ({@code +}), and period ({@code .}). The
 * {@code local} part MUST NOT be empty and MUST NOT exceed 255 characters. The {@code domain} part
 * MUST be a valid domain name conforming to the server identifier requirements (without scheme)."
 * and "Implementations MUST perform exact string comparison on agent identifiers (case-sensitive)."
 *
 * <p>The domain is checked with exactly the host rules of {@link ServerIdentifier} (lowercase,
 * A-labels, DNS syntax, no port). Decision for {@link SecurityMode#DEVELOPMENT}: since the domain
 * is the agent provider's domain and a local agent provider runs on e.g. {@code
 * http://localhost:9080}, the domain may then carry a port and be a loopback host ({@code
 * aauth:demo@localhost:9080}), so that {@link #isIssuedBy(ServerIdentifier)} can compare it with
 * the issuer's authority. Nothing else is relaxed.
 *
 * <p>A final class rather than a record so that no unvalidated instance can exist.
 */
public final class AgentIdentifier {

    /** The URI scheme prefix. */
    public static final String PREFIX = "aauth:";

    private static final int MAX_LOCAL_LENGTH = 255;

    private final String value;
    private final String local;
    private final String domain;

    private AgentIdentifier(String value, String local, String domain) {
        this.value = value;
        this.local = local;
        this.domain = domain;
    }

    /** Parses and validates; failures are {@code invalid_request}. */
    public static AgentIdentifier parse(String value, SecurityMode mode) {
        return parse(value, mode, AAuthError.INVALID_REQUEST);
    }

    /** Parses and validates; failures throw {@link AAuthException} with {@code codeOnFailure}. */
    public static AgentIdentifier parse(String value, SecurityMode mode, AAuthError codeOnFailure) {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(codeOnFailure, "codeOnFailure");
        String reason = check(value, mode);
        if (reason != null) {
            throw new AAuthException(codeOnFailure, "invalid agent identifier: " + reason);
        }
        int at = value.indexOf('@');
        return new AgentIdentifier(
                value, value.substring(PREFIX.length(), at), value.substring(at + 1));
    }

    /** True when {@link #parse(String, SecurityMode)} would accept {@code value}. */
    public static boolean isValid(String value, SecurityMode mode) {
        return check(value, Objects.requireNonNull(mode, "mode")) == null;
    }

    private static String check(String value, SecurityMode mode) {
        if (value == null || value.isEmpty()) {
            return "missing";
        }
        if (!value.startsWith(PREFIX)) {
            return "must use the aauth scheme (aauth:local@domain)";
        }
        int at = value.indexOf('@');
        if (at < 0) {
            return "missing @domain";
        }
        String local = value.substring(PREFIX.length(), at);
        if (local.isEmpty()) {
            return "the local part MUST NOT be empty";
        }
        if (local.length() > MAX_LOCAL_LENGTH) {
            return "the local part MUST NOT exceed 255 characters";
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= '0' && c <= '9')
                            || c == '-'
                            || c == '_'
                            || c == '+'
                            || c == '.';
            if (!ok) {
                return "the local part MUST consist of a-z, 0-9, '-', '_', '+' and '.'";
            }
        }
        String domain = value.substring(at + 1);
        if (domain.contains("://") || domain.indexOf('/') >= 0) {
            return "the domain must not include a scheme or path";
        }
        String reason = Hosts.checkAuthority(domain, mode);
        return reason == null ? null : "domain: " + reason;
    }

    /** The whole identifier, e.g. {@code aauth:assistant-v2@agent.example}. */
    public String value() {
        return value;
    }

    public String local() {
        return local;
    }

    /** The agent provider's domain (with {@code :port} only in DEVELOPMENT). */
    public String domain() {
        return domain;
    }

    /**
     * True when this identifier's domain is the host (and, in DEVELOPMENT, port) of {@code issuer}:
     * the agent provider's {@code issuer} is "the {@code domain} in agent identifiers it issues".
     */
    public boolean isIssuedBy(ServerIdentifier issuer) {
        return issuer.authority().equals(domain);
    }

    /** Exact, case-sensitive comparison. */
    public boolean matches(String other) {
        return value.equals(other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentIdentifier && ((AgentIdentifier) o).value.equals(value);
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
