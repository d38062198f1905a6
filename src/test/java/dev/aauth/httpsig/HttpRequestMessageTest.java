package dev.aauth.httpsig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HttpRequestMessageTest {

    private static HttpRequestMessage get(String uri) {
        return HttpRequestMessage.of("GET", uri, HttpFields.EMPTY);
    }

    @Test
    @DisplayName("2.2.3: the hostname is normalized to lowercase, and the default port is omitted")
    void authorityIsNormalized() {
        assertEquals("example.com", get("https://Example.COM:443/").normalizedAuthority());
        assertEquals("example.com", get("http://example.com:80/").normalizedAuthority());
        assertEquals("example.com:8443", get("https://example.com:8443/").normalizedAuthority());
        assertEquals("example.com:443", get("http://example.com:443/").normalizedAuthority());
        assertEquals("example.com", get("https://example.com:/").normalizedAuthority());
        assertEquals("[::1]", get("https://[::1]:443/").normalizedAuthority());
        assertEquals("[::1]:8080", get("https://[::1]:8080/").normalizedAuthority());
        assertEquals("example.com", get("https://user@example.com/").normalizedAuthority());
        assertEquals("example.com:8443", get("https://example.com:08443/").normalizedAuthority());
    }

    @Test
    @DisplayName("2.2.2 and 2.2.6: the target URI is assembled normalized; an empty path is /")
    void targetUriAndEmptyPath() {
        HttpRequestMessage r = get("HTTPS://Example.com:443?a=b#frag");
        assertEquals("", r.path());
        assertEquals("a=b", r.query());
        assertEquals("https://example.com/?a=b", r.targetUri());
        assertNull(get("https://example.com/x").query());
        assertEquals("", get("https://example.com/x?").query());
    }

    @Test
    void fromUriKeepsRawParts() {
        HttpRequestMessage r =
                HttpRequestMessage.of(
                        "GET", URI.create("https://example.com/a%2Fb?c=%20d"), HttpFields.EMPTY);
        assertEquals("/a%2Fb", r.path());
        assertEquals("c=%20d", r.query());
    }

    @Test
    void fromStringSplitsParts() {
        HttpRequestMessage r = get("https://example.com:8443/p/q?x=1&y=2");
        assertEquals("https", r.scheme());
        assertEquals("example.com:8443", r.authority());
        assertEquals("/p/q", r.path());
        assertEquals("x=1&y=2", r.query());
    }

    @Test
    void invalidPartsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> get("example.com/foo"));
        assertThrows(
                IllegalArgumentException.class,
                () -> HttpRequestMessage.of("G ET", "https://example.com/", HttpFields.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> get("1http://example.com/"));
        assertThrows(IllegalArgumentException.class, () -> get("https:///foo"));
        assertThrows(IllegalArgumentException.class, () -> get("https://example.com:99999/"));
        assertThrows(IllegalArgumentException.class, () -> get("https://exa mple.com/"));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        HttpRequestMessage.of(
                                "GET", "https", "example.com", "foo", null, HttpFields.EMPTY));
        assertThrows(
                IllegalArgumentException.class, () -> HttpResponseMessage.of(42, HttpFields.EMPTY));
    }

    @Test
    @DisplayName("a FieldLookup over a container's own case-insensitive map works without copying")
    void fieldLookupWithoutCopy() {
        Map<String, List<String>> container = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        container.put("Content-Type", List.of("application/json"));
        container.put("Accept", List.of("application/json", "*/*"));
        HttpRequestMessage r = HttpRequestMessage.of("GET", "https://example.com/", container::get);
        String base =
                SignatureBase.createString(
                        r, SignatureInput.parse("(\"content-type\" \"accept\")"));
        assertEquals(
                "\"content-type\": application/json\n\"accept\": application/json, */*\n"
                        + "\"@signature-params\": (\"content-type\" \"accept\")",
                base);
    }

    @Test
    void httpFieldsAreCaseInsensitiveAndOrdered() {
        HttpFields f =
                HttpFields.builder().add("Accept", "a").add("ACCEPT", "b").add("Date", "d").build();
        assertEquals(List.of("a", "b"), f.lines("accept"));
        assertEquals(List.of("a", "b"), f.lines("Accept"));
        assertEquals(List.of("accept", "date"), List.copyOf(f.names()));
        assertEquals(List.of(), f.lines("missing"));
        assertThrows(IllegalArgumentException.class, () -> HttpFields.of("bad name", "x"));
    }
}
