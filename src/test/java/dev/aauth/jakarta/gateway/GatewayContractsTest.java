package dev.aauth.jakarta.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.FieldLookup;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The three gateway contracts map to one {@link GatewayRequest}. */
class GatewayContractsTest {

    /** Case-insensitive header lines, as a container gives them. */
    static FieldLookup headers(String... namesAndValues) {
        Map<String, List<String>> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.computeIfAbsent(namesAndValues[i], k -> new java.util.ArrayList<>())
                    .add(namesAndValues[i + 1]);
        }
        return name -> m.get(name.toLowerCase(Locale.ROOT));
    }

    static void invalid(Runnable r) {
        AAuthException e = assertThrows(AAuthException.class, r::run);
        assertEquals(AAuthError.INVALID_REQUEST, e.error());
    }

    @Test
    @DisplayName(
            "nginx auth_request: X-Original-Method, the raw X-Original-URI, X-Forwarded-Host before Host, the original length as Content-Length")
    void nginx() {
        GatewayRequest r =
                GatewayContracts.nginx(
                        headers(
                                "Host", "127.0.0.1:19300",
                                "X-Original-Method", "POST",
                                "X-Original-URI", "/api/x%2Fy;m=1?a=b&c",
                                "X-Forwarded-Host", "supply.example",
                                "X-Forwarded-Proto", "HTTPS",
                                "X-Original-Content-Length", "12",
                                "Content-Length", "0",
                                "Transfer-Encoding", "chunked",
                                "Signature", "sig=:AAAA:"));
        assertEquals(GatewayRequest.Contract.NGINX, r.contract());
        assertEquals("POST", r.method());
        assertEquals("https", r.scheme());
        assertEquals("supply.example", r.host());
        assertEquals("/api/x%2Fy;m=1", r.rawPath());
        assertEquals("a=b&c", r.rawQuery());
        assertEquals(List.of("12"), r.fields().lines("content-length"));
        assertNull(r.fields().lines("transfer-encoding"));
        assertEquals(List.of("sig=:AAAA:"), r.fields().lines("signature"));
        assertNull(r.body(), "nginx never forwards the body");
        GatewayRequest chunked =
                GatewayContracts.nginx(
                        headers(
                                "Host", "h",
                                "X-Original-Method", "POST",
                                "X-Original-URI", "/api",
                                "X-Original-Transfer-Encoding", "chunked"));
        assertEquals(
                List.of("chunked"),
                chunked.fields().lines("transfer-encoding"),
                "a chunked original body is a body");
        assertNull(chunked.fields().lines("content-length"));
    }

    @Test
    void nginxFallsBackToHostAndHasNoBodyWithoutALength() {
        GatewayRequest r =
                GatewayContracts.nginx(
                        headers(
                                "Host", "supply.example",
                                "X-Original-Method", "GET",
                                "X-Original-URI", "/",
                                "Content-Length", "5"));
        assertEquals("supply.example", r.host());
        assertNull(r.scheme());
        assertNull(r.rawQuery());
        assertNull(
                r.fields().lines("content-length"),
                "the check request's own length is not the original's");
    }

    @Test
    @DisplayName("nginx: a missing or malformed contract header is invalid_request, never an allow")
    void nginxMalformed() {
        invalid(() -> GatewayContracts.nginx(headers("Host", "h", "X-Original-URI", "/")));
        invalid(() -> GatewayContracts.nginx(headers("Host", "h", "X-Original-Method", "GET")));
        invalid(
                () ->
                        GatewayContracts.nginx(
                                headers(
                                        "Host", "h",
                                        "X-Original-Method", "get x",
                                        "X-Original-URI", "/")));
        invalid(
                () ->
                        GatewayContracts.nginx(
                                headers(
                                        "Host", "h",
                                        "X-Original-Method", "GET",
                                        "X-Original-URI", "http://other.example/")));
        invalid(
                () ->
                        GatewayContracts.nginx(
                                headers(
                                        "Host", "h",
                                        "X-Original-Method", "GET",
                                        "X-Original-URI", "/",
                                        "X-Original-Content-Length", "-1")));
        invalid(
                () ->
                        GatewayContracts.nginx(
                                headers(
                                        "X-Forwarded-Host", "a.example",
                                        "X-Forwarded-Host", "b.example",
                                        "X-Original-Method", "GET",
                                        "X-Original-URI", "/")));
        invalid(
                () ->
                        GatewayContracts.nginx(
                                headers(
                                        "Host", "h",
                                        "X-Forwarded-Proto", "gopher",
                                        "X-Original-Method", "GET",
                                        "X-Original-URI", "/")));
    }

    @Test
    @DisplayName("forward-auth (Traefik, Caddy): X-Forwarded-Method, -Proto, -Host, -Uri; no body")
    void forwardAuth() {
        GatewayRequest r =
                GatewayContracts.forwardAuth(
                        headers(
                                "Host", "auth.internal:9081",
                                "X-Forwarded-Method", "DELETE",
                                "X-Forwarded-Proto", "https",
                                "X-Forwarded-Host", "supply.example",
                                "X-Forwarded-Uri", "/api/orders/7?force=1",
                                "Content-Length", "3"));
        assertEquals(GatewayRequest.Contract.FORWARD_AUTH, r.contract());
        assertEquals("DELETE", r.method());
        assertEquals("https", r.scheme());
        assertEquals("supply.example", r.host());
        assertEquals("/api/orders/7", r.rawPath());
        assertEquals("force=1", r.rawQuery());
        assertNull(r.fields().lines("content-length"));
        assertNull(r.body());
        invalid(
                () ->
                        GatewayContracts.forwardAuth(
                                headers("X-Forwarded-Method", "GET", "X-Forwarded-Uri", "/")));
        invalid(
                () ->
                        GatewayContracts.forwardAuth(
                                headers("X-Forwarded-Host", "h", "X-Forwarded-Uri", "/")));
    }

    @Test
    @DisplayName(
            "Envoy ext_authz: the method, the path below path_prefix, Host as the authority, the body when forwarded whole")
    void envoy() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        GatewayRequest r =
                GatewayContracts.envoy(
                        "PUT",
                        "/api/orders//7/./x?y=1",
                        headers(
                                "Host", "supply.example",
                                "X-Forwarded-Proto", "https",
                                "Content-Length", "7"),
                        body);
        assertEquals(GatewayRequest.Contract.ENVOY, r.contract());
        assertEquals("PUT", r.method());
        assertEquals("supply.example", r.host());
        assertEquals("/api/orders//7/./x", r.rawPath(), "raw: canonicalised by the decision");
        assertEquals("y=1", r.rawQuery());
        assertEquals(List.of("7"), r.fields().lines("content-length"));
        assertArrayEquals(body, r.body());
        assertEquals("/", GatewayContracts.envoy("GET", "", headers("Host", "h"), null).rawPath());
        GatewayRequest partial =
                GatewayContracts.envoy(
                        "POST",
                        "/api",
                        headers("Host", "h", "x-envoy-auth-partial-body", "true"),
                        body);
        assertNull(partial.body(), "a truncated body is no body: the digest cannot be checked");
        invalid(() -> GatewayContracts.envoy("GET", "/", headers(), null));
    }
}
