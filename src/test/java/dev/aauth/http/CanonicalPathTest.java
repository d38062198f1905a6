package dev.aauth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/api/market/status",
                "/api/market/status/",
                "/api/market/status//",
                "/api/market/status;x=1",
                "/api/market;x=1/status",
                "/api;jsessionid=ABC/market/status",
                "/api/market/status;jsessionid=0123456789ABCDEF",
                "//api/market/status",
                "/api//market/status",
                "/api/./market/status",
                "/api/market/./status/.",
                "/api/x/../market/status",
                "/api/market/status/x/..",
                "/api/%6D%61rket/status",
                "/api/market/%2e/status",
                "/api/x/%2e%2e/market/status",
                "/api/x/%2E%2E;y=2/market/status",
                "/api/market/status;a;b=c/"
            })
    @DisplayName("A variant the router sends to the same method names the same canonical path")
    void variantsOfOnePath(String raw) {
        CanonicalPath p = CanonicalPath.parse(raw);
        assertEquals("/api/market/status", p.value());
        assertEquals(List.of("api", "market", "status"), p.segments());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/api/market%2Fstatus",
                "/api/market%2fstatus",
                "/api/market%5Cstatus",
                "/api\\market",
                "/api/%2e%2e%2fadmin",
                "/api/%252e%252e/admin",
                "/api/market%3Bx=1/status",
                "/api/%C0%AE%C0%AE/admin",
                "/api/%E0%80%AE/admin",
                "/api/%ED%A0%80",
                "/api/%FF",
                "/api/%",
                "/api/%2",
                "/api/%zz",
                "/api/%00",
                "/api/a%0Ab",
                "/api/a b",
                "/api/caf\u00e9",
                "/api/\u0007",
                "/..",
                "/api/../..",
                "/%2e%2e/etc",
                "api/market"
            })
    @DisplayName("A path that could be read two ways is refused with 400 invalid_request")
    void ambiguousPathsAreRefused(String raw) {
        AAuthException e = assertThrows(AAuthException.class, () -> CanonicalPath.parse(raw));
        assertEquals(AAuthError.INVALID_REQUEST, e.error());
        assertEquals(400, e.status());
    }

    @Test
    @DisplayName("The empty path and every spelling of the root are the root")
    void root() {
        assertEquals(CanonicalPath.ROOT, CanonicalPath.parse(""));
        assertEquals(CanonicalPath.ROOT, CanonicalPath.parse("/"));
        assertEquals(CanonicalPath.ROOT, CanonicalPath.parse("//"));
        assertEquals(CanonicalPath.ROOT, CanonicalPath.parse("/./"));
        assertEquals(CanonicalPath.ROOT, CanonicalPath.parse("/a/.."));
        assertEquals(CanonicalPath.ROOT, CanonicalPath.parse("/;x=1"));
    }

    @Test
    @DisplayName(
            "Case is kept: RFC 3986 section 6.2.2.1 makes only scheme and host case-insensitive")
    void caseIsKept() {
        assertEquals("/API/Market", CanonicalPath.parse("/API/Market").value());
        assertEquals("/caf\u00e9", CanonicalPath.parse("/caf%C3%A9").value());
    }

    @Test
    @DisplayName("Percent-encoded unreserved characters decode once; other characters stay decoded")
    void decodedOnce() {
        assertEquals("/a b/c+d", CanonicalPath.parse("/a%20b/c+d").value());
        assertEquals("/a:b@c", CanonicalPath.parse("/a%3Ab%40c").value());
    }

    @Test
    @DisplayName("A request target loses its query; a fragment is refused")
    void requestTarget() {
        assertEquals(
                "/api/orders",
                CanonicalPath.ofRequestTarget("/api/orders/;x=1?fresh=true&a=/b").value());
        assertEquals(CanonicalPath.ROOT, CanonicalPath.ofRequestTarget("?x"));
        assertThrows(AAuthException.class, () -> CanonicalPath.ofRequestTarget("/a#b"));
    }

    @Test
    @DisplayName("A prefix matches itself and what lies below it, segment by segment")
    void prefixes() {
        CanonicalPath admin = CanonicalPath.parse("/admin");
        assertTrue(CanonicalPath.parse("/admin").isAtOrBelow(admin));
        assertTrue(CanonicalPath.parse("/admin;x=1/users/7").isAtOrBelow(admin));
        assertFalse(CanonicalPath.parse("/administrator").isAtOrBelow(admin));
        assertFalse(CanonicalPath.parse("/").isAtOrBelow(admin));
        assertTrue(CanonicalPath.parse("/anything").isAtOrBelow(CanonicalPath.ROOT));
    }

    /**
     * Found by {@code CanonicalPathFuzzTest}: the {@code ;} of a segment's parameters was searched
     * for from the segment's start to the end of the whole path, once per segment, so a long path
     * without {@code ;} cost time quadratic in its length (16384 segments, 32 KiB: 75 ms of CPU
     * under the fuzzer). Its corpus replays that input under the fuzz bound on every build; this
     * test pins what the search must still find: a segment's own {@code ;}, never a later one.
     */
    @Test
    @DisplayName(
            "A segment's parameters start at its own ';', never at a later segment's (a long path"
                    + " without ';' keeps every segment)")
    void parametersAreLookedForWithinTheSegment() {
        assertEquals("/a/b/c", CanonicalPath.parse("/a/b;x=1/c").value());
        assertEquals("/a/b/c", CanonicalPath.parse("/a/b/c;x=%2F").value());
        assertEquals("/a/b", CanonicalPath.parse("/a;%25/b").value());
        String longPath = "/a".repeat(16384);
        CanonicalPath p = CanonicalPath.parse(longPath + ";x=1");
        assertEquals(16384, p.segments().size());
        assertEquals(longPath, p.value());
    }
}
