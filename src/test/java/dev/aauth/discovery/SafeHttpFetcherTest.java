package dev.aauth.discovery;

import static dev.aauth.id.SecurityMode.DEVELOPMENT;
import static dev.aauth.id.SecurityMode.STRICT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeHttpFetcherTest {

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    /**
     * Records every connect and sends it to 127.0.0.1:{@code port} instead, so STRICT fetches can
     * be tested.
     */
    static final class RedirectingSocketFactory extends SocketFactory {
        final int port;
        final List<SocketAddress> requested = new CopyOnWriteArrayList<>();

        RedirectingSocketFactory(int port) {
            this.port = port;
        }

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    requested.add(endpoint);
                    super.connect(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeout);
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException("the fetcher must connect by address");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
            throw new UnsupportedOperationException("the fetcher must connect by address");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException("the fetcher must connect unconnected sockets");
        }

        @Override
        public Socket createSocket(
                InetAddress address, int port, InetAddress localAddress, int localPort) {
            throw new UnsupportedOperationException("the fetcher must connect unconnected sockets");
        }
    }

    private static HostResolver resolvingTo(String... literals) {
        return host -> {
            List<InetAddress> out = new ArrayList<>();
            for (String l : literals) {
                out.add(InetAddress.getByName(l));
            }
            return out;
        };
    }

    private static void assertRefused(SafeHttpFetcher fetcher, String url) {
        AAuthException e =
                assertThrows(AAuthException.class, () -> fetcher.get(url, AAuthError.UNKNOWN_KEY));
        assertEquals(AAuthError.UNKNOWN_KEY, e.error());
    }

    private HttpServer jsonServer(String path, int status, String body, String... headers)
            throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                path,
                exchange -> {
                    for (int i = 0; i + 1 < headers.length; i += 2) {
                        exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
                    }
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
        server.start();
        closeables.add(() -> server.stop(0));
        return server;
    }

    private RawHttpServer raw(String response) throws IOException {
        RawHttpServer s = new RawHttpServer(response);
        closeables.add(s);
        return s;
    }

    private static SafeHttpFetcher dev() {
        return SafeHttpFetcher.builder(DEVELOPMENT).readTimeout(Duration.ofSeconds(2)).build();
    }

    // ------------------------------------------------------------------ refusals before any
    // connection

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "10.0.0.1",
                "169.254.169.254",
                "::1",
                "fd00:ec2::254",
                "192.168.0.1",
                "100.64.0.1",
                "0.0.0.0",
                "fe80::1",
                "224.0.0.1"
            })
    @DisplayName("STRICT refuses a host that resolves to a non-public address, before connecting")
    void hostResolvingToNonPublicAddressIsRefusedInStrict(String address) {
        RedirectingSocketFactory sockets = new RedirectingSocketFactory(1);
        SafeHttpFetcher fetcher =
                SafeHttpFetcher.builder(STRICT)
                        .resolver(resolvingTo(address))
                        .socketFactory(sockets)
                        .build();
        assertRefused(fetcher, "https://agent.example/.well-known/aauth-agent.json");
        assertTrue(sockets.requested.isEmpty());
    }

    @Test
    @DisplayName("STRICT refuses a host resolving to ::ffff:127.0.0.1 (IPv4-mapped loopback)")
    void hostResolvingToMappedLoopbackIsRefusedInStrict() {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        RedirectingSocketFactory sockets = new RedirectingSocketFactory(1);
        SafeHttpFetcher fetcher =
                SafeHttpFetcher.builder(STRICT)
                        .resolver(host -> List.of(Inet6Address.getByAddress(host, mapped, -1)))
                        .socketFactory(sockets)
                        .build();
        assertRefused(fetcher, "https://agent.example/jwks");
        assertTrue(sockets.requested.isEmpty());
    }

    @Test
    @DisplayName("refused if ANY resolved address is non-public")
    void refusedIfAnyResolvedAddressIsNonPublic() {
        RedirectingSocketFactory sockets = new RedirectingSocketFactory(1);
        SafeHttpFetcher fetcher =
                SafeHttpFetcher.builder(STRICT)
                        .resolver(resolvingTo("8.8.8.8", "10.0.0.1"))
                        .socketFactory(sockets)
                        .build();
        assertRefused(fetcher, "https://agent.example/jwks");
        assertTrue(sockets.requested.isEmpty());
    }

    @Test
    @DisplayName("DEVELOPMENT still refuses private and link-local addresses")
    void developmentStillRefusesPrivateAddresses() {
        SafeHttpFetcher fetcher =
                SafeHttpFetcher.builder(DEVELOPMENT)
                        .resolver(resolvingTo("169.254.169.254"))
                        .socketFactory(new RedirectingSocketFactory(1))
                        .build();
        assertRefused(fetcher, "http://metadata.example/latest/meta-data");
        assertRefused(dev(), "http://10.0.0.1:8080/x");
    }

    @Test
    void unresolvableOrEmptyResolutionIsRefused() {
        assertRefused(
                SafeHttpFetcher.builder(STRICT).resolver(h -> List.of()).build(),
                "https://agent.example/");
        assertRefused(
                SafeHttpFetcher.builder(STRICT)
                        .resolver(
                                h -> {
                                    throw new java.net.UnknownHostException(h);
                                })
                        .build(),
                "https://agent.example/");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://agent.example/jwks",
                "https://agent.example:8443/jwks",
                "https://u@agent.example/",
                "https://agent.example/jwks#x",
                "ftp://agent.example/",
                "https://bücher.example/",
                "https:///jwks",
                "https://127.0.0.1/jwks",
                "https://[::1]/jwks",
                "https://[::ffff:169.254.169.254]/",
                "https://10.1.2.3/",
                "agent.example/jwks",
                "",
                "https://agent.example/a b"
            })
    @DisplayName(
            "STRICT: https only, no explicit port, no userinfo, no fragment; IP literals are vetted too")
    void strictRefusesUrlsBeforeResolving(String url) {
        AtomicInteger resolutions = new AtomicInteger();
        SafeHttpFetcher fetcher =
                SafeHttpFetcher.builder(STRICT)
                        .resolver(
                                host -> {
                                    resolutions.incrementAndGet();
                                    return List.of(InetAddress.getByName("8.8.8.8"));
                                })
                        .socketFactory(new RedirectingSocketFactory(1))
                        .build();
        assertRefused(fetcher, url);
        assertEquals(0, resolutions.get());
    }

    @Test
    @DisplayName("http is refused in STRICT")
    void httpIsRefusedInStrict() throws Exception {
        HttpServer server = jsonServer("/", 200, "{}");
        SafeHttpFetcher fetcher = SafeHttpFetcher.create(STRICT);
        assertRefused(fetcher, "http://127.0.0.1:" + server.getAddress().getPort() + "/");
        assertRefused(fetcher, "http://agent.example/");
    }

    // ------------------------------------------------------------------ positive, DEVELOPMENT over
    // http

    @Test
    @DisplayName("DEVELOPMENT fetches over http from loopback (Content-Length body)")
    void developmentFetchesFromLoopback() throws Exception {
        HttpServer server =
                jsonServer(
                        "/.well-known/aauth-agent.json",
                        200,
                        "{\"issuer\":\"x\"}",
                        "Cache-Control",
                        "max-age=300");
        FetchResult r =
                dev().get(
                                "http://127.0.0.1:"
                                        + server.getAddress().getPort()
                                        + "/.well-known/aauth-agent.json",
                                AAuthError.INVALID_JWT);
        assertEquals(200, r.status());
        assertEquals("{\"issuer\":\"x\"}", r.bodyAsString());
        assertEquals("max-age=300", r.header("Cache-Control"));
        assertEquals("max-age=300", r.header("cache-control"));
    }

    @Test
    void requestIsAMinimalGetWithHostAcceptAndConnectionClose() throws Exception {
        RawHttpServer s = raw("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}");
        FetchResult r = dev().get(s.url("/jwks?a=b"), AAuthError.UNKNOWN_KEY);
        assertEquals("{}", r.bodyAsString());
        String head = s.requests.get(0);
        assertTrue(head.startsWith("GET /jwks?a=b HTTP/1.1\r\n"), head);
        assertTrue(head.contains("\r\nHost: 127.0.0.1:" + s.port() + "\r\n"), head);
        assertTrue(head.contains("\r\nAccept: application/json\r\n"), head);
        assertTrue(head.contains("\r\nConnection: close\r\n"), head);
    }

    @Test
    @DisplayName(
            "post: the same vetted connection, the caller's header fields, Content-Length and the body")
    void postSendsHeadersAndBody() throws Exception {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.atomic.AtomicReference<String> seen =
                new java.util.concurrent.atomic.AtomicReference<>();
        server.createContext(
                "/aauth/revoke",
                exchange -> {
                    seen.set(
                            exchange.getRequestMethod()
                                    + " "
                                    + exchange.getRequestHeaders().getFirst("Signature")
                                    + " "
                                    + new String(
                                            exchange.getRequestBody().readAllBytes(),
                                            StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(200, -1);
                    exchange.close();
                });
        server.start();
        closeables.add(() -> server.stop(0));

        FetchResult r =
                dev().post(
                                "http://127.0.0.1:"
                                        + server.getAddress().getPort()
                                        + "/aauth/revoke",
                                java.util.Map.of(
                                        "Content-Type",
                                        "application/json",
                                        "Signature",
                                        "sig=:abc=:"),
                                "{\"jti\":\"j1\"}".getBytes(StandardCharsets.UTF_8),
                                AAuthError.SERVER_ERROR);

        assertEquals(200, r.status());
        assertEquals("POST sig=:abc=: {\"jti\":\"j1\"}", seen.get());
        assertRefusedPost("https://10.0.0.1/aauth/revoke");
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        dev().post(
                                        "http://127.0.0.1:1/",
                                        java.util.Map.of("X", "a\r\nInjected: 1"),
                                        new byte[0],
                                        AAuthError.SERVER_ERROR),
                "no header injection");
    }

    private static void assertRefusedPost(String url) {
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                SafeHttpFetcher.create(STRICT)
                                        .post(
                                                url,
                                                java.util.Map.of(),
                                                new byte[0],
                                                AAuthError.SERVER_ERROR));
        assertEquals(AAuthError.SERVER_ERROR, e.error());
    }

    @Test
    void chunkedBodyIsDecoded() throws Exception {
        RawHttpServer s =
                raw(
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "4;ext=1\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nX-Trailer: t\r\n\r\n");
        assertEquals("{\"a\":1}", dev().get(s.url("/"), AAuthError.UNKNOWN_KEY).bodyAsString());
    }

    @Test
    void bodyWithoutFramingIsReadUntilClose() throws Exception {
        RawHttpServer s = raw("HTTP/1.0 200 OK\r\n\r\n{\"k\":[]}");
        assertEquals("{\"k\":[]}", dev().get(s.url("/"), AAuthError.UNKNOWN_KEY).bodyAsString());
    }

    @Test
    void interimResponsesAreSkippedAndNon2xxIsReturned() throws Exception {
        RawHttpServer s =
                raw(
                        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        FetchResult r = dev().get(s.url("/"), AAuthError.UNKNOWN_KEY);
        assertEquals(404, r.status());
        assertArrayEquals(new byte[0], r.body());
    }

    // ------------------------------------------------------------------ refused responses

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    @DisplayName("redirects are not followed: a 3xx is a failure")
    void redirectIsRefused(int status) throws Exception {
        HttpServer server = jsonServer("/", status, "", "Location", "http://127.0.0.1:1/elsewhere");
        assertRefused(dev(), "http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Test
    @DisplayName("oversized body refused (Content-Length above the limit)")
    void oversizedBodyIsRefused() throws Exception {
        HttpServer server = jsonServer("/", 200, "x".repeat(2000));
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        SafeHttpFetcher small = SafeHttpFetcher.builder(DEVELOPMENT).maxBodyBytes(1000).build();
        assertRefused(small, url);
        assertEquals(
                2000,
                SafeHttpFetcher.builder(DEVELOPMENT)
                        .maxBodyBytes(2000)
                        .build()
                        .get(url, AAuthError.UNKNOWN_KEY)
                        .body()
                        .length);
    }

    @Test
    @DisplayName("oversized body refused (chunked and read-until-close)")
    void oversizedChunkedOrUnframedBodyIsRefused() throws Exception {
        SafeHttpFetcher small = SafeHttpFetcher.builder(DEVELOPMENT).maxBodyBytes(10).build();
        assertRefused(
                small,
                raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "6\r\n012345\r\n6\r\n678901\r\n0\r\n\r\n")
                        .url("/"));
        assertRefused(small, raw("HTTP/1.1 200 OK\r\n\r\n" + "y".repeat(11)).url("/"));
        assertEquals(
                10,
                small.get(
                                raw("HTTP/1.1 200 OK\r\n\r\n" + "y".repeat(10)).url("/"),
                                AAuthError.UNKNOWN_KEY)
                        .body()
                        .length);
    }

    @Test
    @DisplayName("oversized response head refused")
    void oversizedHeadIsRefused() throws Exception {
        SafeHttpFetcher fetcher = SafeHttpFetcher.builder(DEVELOPMENT).maxHeaderBytes(256).build();
        assertRefused(
                fetcher,
                raw("HTTP/1.1 200 OK\r\nX-Big: "
                                + "a".repeat(300)
                                + "\r\nContent-Length: 0\r\n\r\n")
                        .url("/"));
        assertRefused(
                fetcher,
                raw("HTTP/1.1 200 OK\r\n" + "X: 1\r\n".repeat(60) + "Content-Length: 0\r\n\r\n")
                        .url("/"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nX: a\r\n folded\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "HTTP/1.1 2000 OK\r\n\r\n",
                "HTTP/2 200\r\n\r\n",
                "SSH-2.0-OpenSSH\r\n\r\n",
                "HTTP/1.1 101 Switching Protocols\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Le"
            })
    @DisplayName("ambiguous or malformed responses are refused")
    void malformedResponsesAreRefused(String response) throws Exception {
        assertRefused(dev(), raw(response).url("/"));
    }

    @Test
    @DisplayName("a server that never answers times out after the configured read timeout")
    void slowServerTimesOut() throws Exception {
        ServerSocket silent =
                new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); // never accepts
        closeables.add(silent);
        SafeHttpFetcher fetcher =
                SafeHttpFetcher.builder(DEVELOPMENT).readTimeout(Duration.ofMillis(200)).build();
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                fetcher.get(
                                        "http://127.0.0.1:" + silent.getLocalPort() + "/",
                                        AAuthError.INVALID_JWT));
        assertEquals(AAuthError.INVALID_JWT, e.error());
        assertTrue(e.detail().contains("timed out"), e.detail());
        // the cache tells a slow issuer (retried soon, 503 meanwhile) from a wrong one by it
        assertTrue(JwksCache.isTransient(e), "a timeout is transient");
    }

    @Test
    @DisplayName(
            "a refused connection is the issuer's answer, not a transient failure (JwksCache keeps its minute)")
    void refusedConnectionIsNotTransient() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> dev().get("http://127.0.0.1:" + port + "/", AAuthError.UNKNOWN_KEY));
        assertEquals(AAuthError.UNKNOWN_KEY, e.error());
        assertFalse(JwksCache.isTransient(e), e.detail());
    }

    @Test
    @DisplayName("the total deadline bounds the exchange even while bytes keep arriving")
    void totalDeadlineIsEnforced() throws Exception {
        RawHttpServer s = new RawHttpServer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n", "{}");
        closeables.add(s);
        AtomicLong now = new AtomicLong(0);
        Clock stepping = new Clock() { // every reading of the clock advances it by 2 s
                    @Override
                    public ZoneOffset getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }

                    @Override
                    public Instant instant() {
                        return Instant.ofEpochMilli(now.getAndAdd(2000));
                    }
                };
        SafeHttpFetcher fetcher =
                SafeHttpFetcher.builder(DEVELOPMENT)
                        .clock(stepping)
                        .totalTimeout(Duration.ofSeconds(5))
                        .readTimeout(Duration.ofSeconds(30))
                        .build();
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> fetcher.get(s.url("/"), AAuthError.UNKNOWN_KEY));
        assertTrue(e.detail().contains("timed out"), e.detail());
    }

    // ------------------------------------------------------------------ STRICT over real TLS

    private HttpsServer tlsServer(TestTls tls, String body) throws IOException {
        HttpsServer server =
                HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls.server));
        server.createContext(
                "/",
                exchange -> {
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, bytes.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                });
        server.start();
        closeables.add(() -> server.stop(0));
        return server;
    }

    @Test
    @DisplayName(
            "STRICT https: connects to the vetted address (resolved once), verifies the certificate for the host")
    void strictHttpsConnectsToTheVettedAddress() throws Exception {
        TestTls tls = TestTls.forHost("agent.example");
        HttpsServer server = tlsServer(tls, "{\"keys\":[]}");
        RedirectingSocketFactory sockets =
                new RedirectingSocketFactory(server.getAddress().getPort());
        AtomicInteger resolutions = new AtomicInteger();
        HostResolver rebinding =
                host ->
                        resolutions.getAndIncrement() == 0
                                ? List.of(InetAddress.getByName("93.184.216.34"))
                                : List.of(
                                        InetAddress.getByName(
                                                "127.0.0.1")); // a second lookup would be rebound
        SafeHttpFetcher fetcher =
                SafeHttpFetcher.builder(STRICT)
                        .resolver(rebinding)
                        .socketFactory(sockets)
                        .sslSocketFactory(tls.client.getSocketFactory())
                        .build();

        FetchResult r =
                fetcher.get("https://agent.example/.well-known/jwks.json", AAuthError.UNKNOWN_KEY);

        assertEquals("{\"keys\":[]}", r.bodyAsString());
        assertEquals(1, resolutions.get());
        assertEquals(
                List.of(new InetSocketAddress(InetAddress.getByName("93.184.216.34"), 443)),
                sockets.requested);
    }

    @Test
    @DisplayName(
            "STRICT https: a certificate for another host name is refused (endpoint identification)")
    void strictHttpsRefusesCertificateForAnotherHost() throws Exception {
        TestTls tls = TestTls.forHost("other.example");
        HttpsServer server = tlsServer(tls, "{}");
        SafeHttpFetcher fetcher =
                SafeHttpFetcher.builder(STRICT)
                        .resolver(resolvingTo("93.184.216.34"))
                        .socketFactory(new RedirectingSocketFactory(server.getAddress().getPort()))
                        .sslSocketFactory(tls.client.getSocketFactory())
                        .build();
        assertRefused(fetcher, "https://agent.example/jwks");
    }

    @Test
    @DisplayName("STRICT https: an untrusted certificate is refused")
    void strictHttpsRefusesUntrustedCertificate() throws Exception {
        TestTls serverTls = TestTls.forHost("agent.example");
        TestTls otherTls = TestTls.forHost("agent.example");
        HttpsServer server = tlsServer(serverTls, "{}");
        SafeHttpFetcher fetcher =
                SafeHttpFetcher.builder(STRICT)
                        .resolver(resolvingTo("93.184.216.34"))
                        .socketFactory(new RedirectingSocketFactory(server.getAddress().getPort()))
                        .sslSocketFactory(otherTls.client.getSocketFactory())
                        .build();
        assertRefused(fetcher, "https://agent.example/jwks");
    }

    @Test
    void modeIsReported() {
        assertEquals(SecurityMode.STRICT, SafeHttpFetcher.create(STRICT).mode());
    }
}
