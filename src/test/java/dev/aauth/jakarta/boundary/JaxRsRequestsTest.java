package dev.aauth.jakarta.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.id.SecurityMode;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JaxRsRequestsTest {

    final JaxRsRequests requests =
            new JaxRsRequests("http://localhost:9081", SecurityMode.DEVELOPMENT);

    @Test
    @DisplayName("@authority is this origin's identifier, never the Host header")
    void authorityComesFromTheIssuer() {
        MultivaluedHashMap<String, String> headers = new MultivaluedHashMap<>();
        headers.add("Host", "evil.example");
        HttpRequestMessage m =
                requests.message("GET", URI.create("http://evil.example/api/x%2Fy?a=1"), headers);
        assertEquals("localhost:9081", m.normalizedAuthority());
        assertEquals("http", m.scheme());
        assertEquals("/api/x%2Fy", m.path(), "the raw path, as received");
        assertEquals("a=1", m.query());
    }

    @Test
    void headersAreReadInPlaceNotCopied() {
        MultivaluedHashMap<String, String> headers = new MultivaluedHashMap<>();
        HttpRequestMessage m =
                requests.message("GET", URI.create("http://localhost:9081/"), headers);
        headers.add("signature-key", "sig=jwt;jwt=\"x\"");
        assertEquals(List.of("sig=jwt;jwt=\"x\""), m.fields().lines("signature-key"));
        assertSame(headers.get("signature-key"), m.fields().lines("signature-key"));
    }

    @Test
    void bodiesAreBounded() {
        byte[] ok = new byte[JaxRsRequests.MAX_BODY_BYTES];
        assertArrayEquals(ok, JaxRsRequests.readBody(new ByteArrayInputStream(ok)));
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                JaxRsRequests.readBody(
                                        new ByteArrayInputStream(
                                                new byte[JaxRsRequests.MAX_BODY_BYTES + 1])));
        assertEquals(AAuthError.SIGNATURE_INVALID_REQUEST, e.error());
    }
}
