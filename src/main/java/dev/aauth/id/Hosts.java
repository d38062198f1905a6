package dev.aauth.id;

import java.net.IDN;
import java.util.Set;

/**
 * Host and authority syntax shared by {@link ServerIdentifier} and {@link AgentIdentifier}.
 *
 * <p>Methods return {@code null} when the value is acceptable and otherwise a short reason; the
 * public parsers turn the reason into an {@link dev.aauth.error.AAuthException} with the caller's
 * code.
 */
final class Hosts {

    /** The loopback host names DEVELOPMENT mode accepts, exactly as written. */
    static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private static final int MAX_HOST_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private Hosts() {}

    /**
     * Checks {@code host[:port]}. A port is allowed only in DEVELOPMENT ("MUST contain only scheme
     * and host (no port ...)").
     */
    static String checkAuthority(String authority, SecurityMode mode) {
        if (authority.isEmpty()) {
            return "missing host";
        }
        String host = authority;
        String port = null;
        int colon =
                authority.startsWith("[") ? authority.indexOf("]:") + 1 : authority.indexOf(':');
        if (colon > 0) {
            host = authority.substring(0, colon);
            port = authority.substring(colon + 1);
        }
        if (port != null) {
            if (!mode.allowsLocalDevelopment()) {
                return "must not contain a port";
            }
            String reason = checkPort(port);
            if (reason != null) {
                return reason;
            }
        }
        return checkHost(host, mode);
    }

    /** DNS host name syntax (RFC 1123 labels), lowercase, A-labels only. */
    static String checkHost(String host, SecurityMode mode) {
        if (mode.allowsLocalDevelopment() && LOOPBACK_HOSTS.contains(host)) {
            return null;
        }
        if (host.isEmpty()) {
            return "missing host";
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c > 0x7e || c < 0x21) {
                return c > 0x7e
                        ? "internationalized domain names MUST use the ASCII-Compatible Encoding (A-labels)"
                        : "host contains a space or control character";
            }
            if (c >= 'A' && c <= 'Z') {
                return "MUST be lowercase";
            }
        }
        if (host.length() > MAX_HOST_LENGTH) {
            return "host name longer than 253 characters";
        }
        // label by label without splitting (this runs for every token's iss and agent)
        int labels = 0;
        int last = 0;
        for (int start = 0; ; ) {
            int dot = host.indexOf('.', start);
            int stop = dot < 0 ? host.length() : dot;
            String reason = checkLabel(host, start, stop);
            if (reason != null) {
                return reason;
            }
            labels++;
            last = start;
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        if (labels < 2) {
            return "host must be a fully qualified domain name";
        }
        if (allDigits(host, last)) {
            return "host must be a domain name, not an IP address";
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return "loopback host names are allowed only in DEVELOPMENT mode";
        }
        return null;
    }

    /** The label {@code host[from, to)}. */
    private static String checkLabel(String host, int from, int to) {
        if (from == to) {
            return "empty DNS label";
        }
        if (to - from > MAX_LABEL_LENGTH) {
            return "DNS label longer than 63 characters";
        }
        for (int i = from; i < to; i++) {
            char c = host.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                return "invalid character in host name";
            }
        }
        if (host.charAt(from) == '-' || host.charAt(to - 1) == '-') {
            return "DNS label must not start or end with a hyphen";
        }
        if (host.startsWith("xn--", from) && !isAceLabel(host.substring(from, to))) {
            return "xn-- label is not a valid A-label";
        }
        return null;
    }

    private static boolean allDigits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** An A-label must decode as Punycode and encode back to itself (RFC 5890, section 2.3.2.1). */
    private static boolean isAceLabel(String label) {
        try {
            String unicode = IDN.toUnicode(label, IDN.ALLOW_UNASSIGNED);
            if (unicode.equals(label)) {
                return false; // toUnicode returns its input when decoding fails
            }
            return IDN.toASCII(unicode, IDN.ALLOW_UNASSIGNED).equals(label);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String checkPort(String port) {
        if (port.isEmpty() || port.length() > 5 || port.charAt(0) == '0') {
            return "invalid port";
        }
        for (int i = 0; i < port.length(); i++) {
            char c = port.charAt(i);
            if (c < '0' || c > '9') {
                return "invalid port";
            }
        }
        int value = Integer.parseInt(port);
        return value >= 1 && value <= 65535 ? null : "invalid port";
    }
}
