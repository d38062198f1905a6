package dev.aauth.discovery;

import dev.aauth.id.SecurityMode;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Which resolved addresses an outbound fetch may connect to: only globally routable unicast.
 *
 * <p>Refused IPv4: {@code 0.0.0.0/8} (this network), {@code 10/8}, {@code 172.16/12}, {@code
 * 192.168/16} (private), {@code 100.64/10} (CGNAT), {@code 127/8} (loopback), {@code 169.254/16}
 * (link-local, including the cloud metadata address {@code 169.254.169.254}), {@code 192.0.0/24}
 * (IETF protocol assignments), {@code 192.0.2/24}, {@code 198.51.100/24}, {@code 203.0.113/24}
 * (documentation), {@code 192.88.99/24} (6to4 relay anycast), {@code 198.18/15} (benchmarking),
 * {@code 224/4} (multicast) and {@code 240/4} (reserved, broadcast).
 *
 * <p>IPv6 is allow-listed: only {@code 2000::/3} (global unicast) is accepted, minus {@code
 * 2001::/23} (IETF protocol assignments: Teredo, benchmarking, ORCHID), {@code 2001:db8::/32} and
 * {@code 3fff::/20} (documentation); {@code 2002::/16} (6to4) and {@code 64:ff9b::/96} (NAT64) are
 * judged by the IPv4 address they embed. Everything else is refused, which covers {@code ::},
 * {@code ::1}, {@code fc00::/7} (unique local, including {@code fd00:ec2::254}), {@code fe80::/10},
 * {@code fec0::/10}, {@code ff00::/8} and the deprecated IPv4-compatible {@code ::/96}. IPv4-mapped
 * addresses ({@code ::ffff:a.b.c.d}) are judged as the IPv4 address they map.
 *
 * <p>In {@link SecurityMode#DEVELOPMENT} loopback ({@code 127/8}, {@code ::1} and their mapped
 * forms) is additionally allowed, and nothing else.
 */
public final class AddressPolicy {

    private AddressPolicy() {}

    /** True when a fetch in {@code mode} may connect to {@code address}. */
    public static boolean isAllowed(InetAddress address, SecurityMode mode) {
        return refusal(address, mode) == null;
    }

    /** {@code null} when allowed, otherwise the kind of address that was refused. */
    static String refusal(InetAddress address, SecurityMode mode) {
        byte[] b = address.getAddress();
        String kind = b.length == 4 ? classifyV4(b, 0) : classifyV6(b);
        if (kind == null) {
            // belt and braces: the JDK's own view must agree
            if (address.isAnyLocalAddress()
                    || address.isLinkLocalAddress()
                    || address.isSiteLocalAddress()
                    || address.isMulticastAddress()) {
                kind = "non-public";
            } else if (address.isLoopbackAddress()) {
                kind = LOOPBACK;
            }
        }
        if (LOOPBACK.equals(kind) && mode.allowsLocalDevelopment()) {
            return null;
        }
        return kind;
    }

    private static final String LOOPBACK = "loopback";

    private static int u(byte[] b, int i) {
        return b[i] & 0xff;
    }

    /** Classifies the IPv4 address at {@code b[off..off+3]}; {@code null} means public. */
    private static String classifyV4(byte[] b, int off) {
        int a0 = u(b, off);
        int a1 = u(b, off + 1);
        int a2 = u(b, off + 2);
        if (a0 == 0) {
            return "this-network";
        }
        if (a0 == 127) {
            return LOOPBACK;
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return "private";
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return "shared address space (CGNAT)";
        }
        if (a0 == 169 && a1 == 254) {
            return "link-local";
        }
        if (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) {
            return a2 == 0 ? "IETF protocol assignment" : "documentation";
        }
        if ((a0 == 198 && a1 == 51 && a2 == 100) || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return "documentation";
        }
        if (a0 == 192 && a1 == 88 && a2 == 99) {
            return "6to4 relay anycast";
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return "benchmarking";
        }
        if (a0 >= 224) {
            return a0 < 240 ? "multicast" : "reserved";
        }
        return null;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String classifyV6(byte[] b) {
        if (zero(b, 0, 10) && u(b, 10) == 0xff && u(b, 11) == 0xff) {
            return classifyV4(b, 12); // IPv4-mapped
        }
        if (zero(b, 0, 12)) {
            if (zero(b, 12, 15) && u(b, 15) <= 1) {
                return u(b, 15) == 1 ? LOOPBACK : "unspecified";
            }
            return "IPv4-compatible (deprecated)";
        }
        if (u(b, 0) == 0x00
                && u(b, 1) == 0x64
                && u(b, 2) == 0xff
                && u(b, 3) == 0x9b
                && zero(b, 4, 12)) {
            String embedded = classifyV4(b, 12); // NAT64 well-known prefix
            return embedded == null ? null : "NAT64 of " + embedded;
        }
        if ((u(b, 0) & 0xe0) != 0x20) {
            return "not global unicast"; // outside 2000::/3: ULA, link-local, multicast, ...
        }
        if (u(b, 0) == 0x20 && u(b, 1) == 0x01 && (u(b, 2) & 0xfe) == 0) {
            return "IETF protocol assignment"; // 2001::/23
        }
        if (u(b, 0) == 0x20 && u(b, 1) == 0x01 && u(b, 2) == 0x0d && u(b, 3) == 0xb8) {
            return "documentation";
        }
        if (u(b, 0) == 0x3f && u(b, 1) == 0xff && (u(b, 2) & 0xf0) == 0) {
            return "documentation";
        }
        if (u(b, 0) == 0x20 && u(b, 1) == 0x02) {
            String embedded = classifyV4(b, 2); // 6to4
            return embedded == null ? null : "6to4 of " + embedded;
        }
        return null;
    }

    /** The address in literal form, IPv6 in brackets, for messages. */
    static String describe(InetAddress address) {
        return address instanceof Inet4Address
                ? address.getHostAddress()
                : "[" + address.getHostAddress() + "]";
    }
}
