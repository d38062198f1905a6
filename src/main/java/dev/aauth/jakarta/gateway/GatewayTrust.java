package dev.aauth.jakarta.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who may ask the check endpoint: the headers a gateway sets ({@code X-Original-URI}, {@code
 * X-Forwarded-Host}, ...) say which request is being decided, so whoever can send them directly
 * could have any request of theirs decided as another (a harmless one) and replay the 200 as a
 * forged allow. They are believed only from a configured gateway: its source addresses, its shared
 * secret in {@value #SECRET_HEADER}, or both (then both must hold). With neither configured nobody
 * is trusted: the endpoint answers every request with a denial (fail closed).
 */
public final class GatewayTrust {

    /** The header carrying the shared secret. */
    public static final String SECRET_HEADER = "X-AAuth-Gateway-Secret";

    private final Set<InetAddress> addresses;
    private final byte[] secret;

    /**
     * @param addresses the gateway's source addresses (IP literals); empty for no address check
     * @param secret the shared secret, or null for none
     * @throws IllegalArgumentException when an address is not an IP literal
     */
    public GatewayTrust(Set<String> addresses, String secret) {
        Set<InetAddress> parsed = new LinkedHashSet<>();
        for (String a : addresses) {
            parsed.add(literal(a));
        }
        this.addresses = Set.copyOf(parsed);
        this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether anything is configured; if not, nobody is trusted. */
    public boolean isConfigured() {
        return !addresses.isEmpty() || secret != null;
    }

    /**
     * Whether the check request comes from the configured gateway.
     *
     * @param remoteAddress the TCP peer's address (never a forwarded-for header)
     * @param presentedSecret the {@value #SECRET_HEADER} value, or null
     */
    public boolean trusts(String remoteAddress, String presentedSecret) {
        if (!isConfigured()) {
            return false;
        }
        if (!addresses.isEmpty()) {
            InetAddress peer;
            try {
                peer = literal(Objects.requireNonNullElse(remoteAddress, ""));
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (!addresses.contains(peer)) {
                return false;
            }
        }
        if (secret != null) {
            return presentedSecret != null
                    && MessageDigest.isEqual(
                            secret, presentedSecret.getBytes(StandardCharsets.UTF_8));
        }
        return true;
    }

    /** An IP address literal, without any name lookup. */
    static InetAddress literal(String value) {
        String v = value.strip();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1);
        }
        boolean ipv4 = v.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean ipv6 = v.contains(":") && v.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+");
        if (!ipv4 && !ipv6) {
            throw new IllegalArgumentException("'" + value + "' is not an IP address");
        }
        try {
            return InetAddress.getByName(v);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + value + "' is not an IP address", e);
        }
    }
}
