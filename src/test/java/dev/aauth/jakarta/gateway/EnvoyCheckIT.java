package dev.aauth.jakarta.gateway;

import static dev.aauth.jakarta.ItRequests.baseUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.sigkey.SignatureKey;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's Envoy {@code ext_authz} HTTP service contract against the real check endpoint of the
 * aauth-it server (no Envoy binary here: the check request is sent as Envoy sends it, over a raw
 * socket so that {@code Host} is the original request's): the original method, the original path
 * below {@code path_prefix: /aauth/gateway/envoy}, {@code Host} naming the protected host, the
 * original header fields, the shared secret and, with {@code with_request_body}, the body, whose
 * {@code Content-Digest} is then checked ("Envoy can forward the body (with_request_body) and then
 * content-digest is checked"). Tokens come from {@link StandInIssuers}.
 */
class EnvoyCheckIT {

    static final int GATEWAY = Integer.getInteger("aauth.it.gateway.port", 19130);
    static final String SECRET =
            System.getProperty("aauth.it.gateway.secret", "it-gateway-secret-0123456789");
    static final String HOST = "localhost:" + GATEWAY;
    static final StandInIssuers ISSUERS = StandInIssuers.get();

    final StandInIssuers.Agent agent = ISSUERS.agent("envoy-it");
    final SignatureKey authToken =
            new SignatureKey.Jwt(
                    ISSUERS.authToken(agent, "http://" + HOST, List.of("supply-chain:read")));

    /** An answer of the check: status, header fields (lower-case names), body. */
    record Answer(int status, Map<String, String> headers, String body) {}

    /** The agent's {@code POST /api/orders} with {@code body}, signed for the gateway host. */
    ItRequests.Req order(String body) {
        return ItRequests.post("http://" + HOST + "/api/orders")
                .header("content-type", "application/json")
                .body(body)
                .sign(agent.key(), authToken);
    }

    /**
     * The check request Envoy sends for {@code original}: same method, {@code path_prefix} + the
     * original path, {@code Host} the original, its header fields, the secret, and {@code body}
     * (null: not forwarded).
     */
    static Answer envoy(ItRequests.Req original, String body, String... extra) throws IOException {
        URI supply = URI.create(baseUrl("supply"));
        URI target = URI.create(original.url);
        StringBuilder req = new StringBuilder();
        req.append(original.method)
                .append(' ')
                .append(GatewayCheckEndpoint.ENVOY_PREFIX)
                .append(target.getRawPath())
                .append(" HTTP/1.1\r\n");
        req.append("Host: ").append(target.getRawAuthority()).append("\r\n");
        original.fields.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
        req.append("X-AAuth-Gateway-Secret: ").append(SECRET).append("\r\n");
        for (String h : extra) {
            req.append(h).append("\r\n");
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        req.append("Content-Length: ").append(content.length).append("\r\n");
        req.append("Connection: close\r\n\r\n");
        try (Socket s = new Socket("127.0.0.1", supply.getPort())) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().write(content);
            s.getOutputStream().flush();
            String response =
                    new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = response.indexOf("\r\n\r\n");
            String[] lines = response.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            return new Answer(
                    Integer.parseInt(lines[0].substring(9, 12)),
                    headers,
                    response.substring(end + 4));
        }
    }

    @Test
    @DisplayName(
            "Envoy with_request_body: a signed POST whose Content-Digest matches the forwarded body is"
                    + " allowed (200 with X-AAuth-Agent, -Level, -Scope for the upstream)")
    void forwardedBodyWithMatchingDigestIsAllowed() throws Exception {
        String body = "{\"sku\":\"laptop\",\"quantity\":2}";
        Answer a = envoy(order(body), body);
        assertEquals(200, a.status(), a.toString());
        assertEquals(agent.id(), a.headers().get("x-aauth-agent"), a.toString());
        assertEquals("authorized", a.headers().get("x-aauth-level"));
        assertTrue(a.headers().get("x-aauth-scope").contains("supply-chain:read"), a.toString());
    }

    @Test
    @DisplayName(
            "Envoy with_request_body: a body swapped in transit (Content-Digest no longer matches) is"
                    + " refused, never allowed")
    void swappedBodyIsRefused() throws Exception {
        ItRequests.Req signed = order("{\"sku\":\"laptop\",\"quantity\":2}");
        Answer a = envoy(signed, "{\"sku\":\"laptop\",\"quantity\":200}");
        assertTrue(a.status() == 400 || a.status() == 401, a.toString());
        assertFalse(a.headers().containsKey("x-aauth-agent"), a.toString());
    }

    @Test
    @DisplayName(
            "Envoy without the body (or a partial one, x-envoy-auth-partial-body: true): a signed"
                    + " Content-Digest cannot be checked, so the request is refused (without"
                    + " with_request_body the check sees an empty body: the digest does not match)")
    void bodyNotForwardedOrPartialIsRefused() throws Exception {
        String body = "{\"sku\":\"laptop\",\"quantity\":2}";
        Answer none = envoy(order(body), null);
        assertEquals(401, none.status(), none.toString());
        assertTrue(
                none.headers().get("signature-error").contains("invalid_signature"),
                none.toString());
        assertFalse(none.headers().containsKey("x-aauth-agent"), none.toString());
        Answer partial =
                envoy(order(body), body.substring(0, 10), "x-envoy-auth-partial-body: true");
        assertEquals(400, partial.status(), partial.toString());
        assertFalse(partial.headers().containsKey("x-aauth-agent"), partial.toString());
    }

    @Test
    @DisplayName(
            "Envoy: an unsigned request to a protected path gets the in-process filter's 401, whose"
                    + " headers Envoy passes to the client")
    void unsignedIsDeniedWithTheChallengeHeaders() throws Exception {
        ItRequests.Req unsigned = ItRequests.get("http://" + HOST + "/api/inventory");
        Answer a = envoy(unsigned, null);
        assertEquals(401, a.status(), a.toString());
        assertTrue(
                a.headers().containsKey("signature-error")
                        || a.headers().containsKey("aauth-requirement")
                        || a.headers().containsKey("accept-signature"),
                a.toString());
        assertFalse(a.headers().containsKey("x-aauth-agent"), a.toString());
    }
}
