package dev.aauth.discovery;

import static dev.aauth.id.SecurityMode.DEVELOPMENT;
import static dev.aauth.id.SecurityMode.STRICT;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal); // literals only: no DNS lookup
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0",
                "0.1.2.3",
                "10.0.0.1",
                "10.255.255.255",
                "100.64.0.1",
                "100.127.255.254",
                "127.0.0.1",
                "127.255.0.9",
                "169.254.169.254",
                "169.254.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.0.0.170",
                "192.0.2.1",
                "192.88.99.1",
                "192.168.1.1",
                "198.18.0.1",
                "198.19.255.255",
                "198.51.100.7",
                "203.0.113.9",
                "224.0.0.1",
                "239.255.255.250",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "::127.0.0.1",
                "::10.0.0.1",
                "fe80::1",
                "febf::1",
                "fec0::1",
                "fc00::1",
                "fd00:ec2::254",
                "fdff::1",
                "ff02::1",
                "100::1",
                "2001::1",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2",
                "2001:2::1",
                "2001:10::1",
                "2001:db8::1",
                "3fff::1",
                "2002:a00:1::1",
                "2002:7f00:1::1",
                "2002:a9fe:a9fe::1",
                "64:ff9b::a00:1",
                "64:ff9b::7f00:1",
                "64:ff9b::a9fe:a9fe",
                "64:ff9b:1::1",
                "5f00::1"
            })
    @DisplayName(
            "loopback, any-local, link-local, private, CGNAT, multicast, reserved, documentation are refused in STRICT")
    void nonPublicAddressesAreRefusedInStrict(String literal) throws Exception {
        assertFalse(AddressPolicy.isAllowed(ip(literal), STRICT), literal);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "93.184.216.34",
                "172.15.255.255",
                "172.32.0.1",
                "100.63.255.255",
                "100.128.0.1",
                "169.253.0.1",
                "192.0.1.1",
                "198.17.0.1",
                "198.20.0.1",
                "223.255.255.255",
                "2606:4700:4700::1111",
                "2a00:1450:4001::1",
                "2002:808:808::1",
                "64:ff9b::808:808"
            })
    void publicAddressesAreAllowed(String literal) throws Exception {
        assertTrue(AddressPolicy.isAllowed(ip(literal), STRICT), literal);
    }

    @Test
    @DisplayName(
            "IPv4-mapped IPv6 forms are judged as the IPv4 address, even when kept as Inet6Address")
    void ipv4MappedFormsAreJudgedAsIpv4() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        for (int[] v4 :
                new int[][] {
                    {127, 0, 0, 1}, {10, 0, 0, 1}, {169, 254, 169, 254}, {192, 168, 0, 1}
                }) {
            for (int i = 0; i < 4; i++) {
                mapped[12 + i] = (byte) v4[i];
            }
            InetAddress a = Inet6Address.getByAddress(null, mapped.clone(), -1);
            assertInstanceOf(Inet6Address.class, a);
            assertFalse(AddressPolicy.isAllowed(a, STRICT), a.toString());
        }
        mapped[12] = 8;
        mapped[13] = 8;
        mapped[14] = 8;
        mapped[15] = 8;
        assertTrue(AddressPolicy.isAllowed(Inet6Address.getByAddress(null, mapped, -1), STRICT));
        assertFalse(AddressPolicy.isAllowed(ip("::ffff:127.0.0.1"), STRICT));
    }

    @Test
    @DisplayName("DEVELOPMENT allows loopback and nothing else")
    void developmentAllowsLoopbackOnly() throws Exception {
        assertTrue(AddressPolicy.isAllowed(ip("127.0.0.1"), DEVELOPMENT));
        assertTrue(AddressPolicy.isAllowed(ip("::1"), DEVELOPMENT));
        assertTrue(AddressPolicy.isAllowed(ip("::ffff:127.0.0.1"), DEVELOPMENT));
        for (String s :
                new String[] {
                    "10.0.0.1",
                    "169.254.169.254",
                    "192.168.0.1",
                    "fd00:ec2::254",
                    "fe80::1",
                    "0.0.0.0",
                    "::",
                    "100.64.0.1"
                }) {
            assertFalse(AddressPolicy.isAllowed(ip(s), DEVELOPMENT), s);
        }
    }
}
