package dev.aauth.jakarta.gateway;

import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aauth.agent.AgentCall;
import dev.aauth.agent.AgentCredentials;
import dev.aauth.agent.AgentEvents;
import dev.aauth.agent.AgentHttp;
import dev.aauth.agent.AuthTokenCache;
import dev.aauth.agent.AuthTokenChallenge;
import dev.aauth.agent.ChallengeResponder;
import dev.aauth.agent.ChallengeRetry;
import dev.aauth.agent.DeferredPoller;
import dev.aauth.agent.JdkAgentHttp;
import dev.aauth.agent.RemoteEnrollment;
import dev.aauth.agent.RequestSigning;
import dev.aauth.agent.Sleeper;
import dev.aauth.discovery.JwksCache;
import dev.aauth.discovery.MetadataDocument;
import dev.aauth.discovery.SafeHttpFetcher;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.AuthToken;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Seed 000's topology with nginx in the gateway's place: Debian's nginx, configured with the
 * project's {@code gateway/nginx/aauth.conf}, in front of a Python service ({@code
 * src/test/python/echo_upstream.py}), asking the aauth-it server's supply-chain origin (host {@code
 * gateway}, {@code /api/*} needs an auth token with {@code supply-chain:read}) about every request.
 * A second nginx with the same configuration asks a port nothing listens on. Skipped only when
 * nginx is absent outside CI; in CI ({@code CI=true}) a missing nginx fails.
 */
class NginxGatewayIT {

    static final int GATEWAY = Integer.getInteger("aauth.it.gateway.port", 19130);
    static final int UPSTREAM = Integer.getInteger("aauth.it.upstream.port", 19131);
    static final int GATEWAY_DOWN = Integer.getInteger("aauth.it.gateway-down.port", 19132);
    static final int CLOSED = Integer.getInteger("aauth.it.closed.port", 19133);
    static final String SECRET =
            System.getProperty("aauth.it.gateway.secret", "it-gateway-secret-0123456789");
    static final Path BASEDIR = Path.of(System.getProperty("aauth.it.basedir", "."));
    static final String ORIGIN = "http://localhost:" + GATEWAY;

    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final List<Process> PROCESSES = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path nginx = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(nginx)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("nginx is not installed (/usr/sbin/nginx): bin/test installs it; CI needs it");
            }
            Assumptions.abort("nginx is not installed (/usr/sbin/nginx): skipped outside CI");
        }
        PROCESSES.add(
                start(
                        List.of(
                                "python3",
                                BASEDIR.resolve("src/test/python/echo_upstream.py").toString(),
                                Integer.toString(UPSTREAM)),
                        UPSTREAM,
                        "upstream"));
        String supply = URI.create(SUPPLY).getAuthority().replace("localhost", "127.0.0.1");
        PROCESSES.add(nginx(nginx, GATEWAY, supply));
        PROCESSES.add(nginx(nginx, GATEWAY_DOWN, "127.0.0.1:" + CLOSED));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (Process p : PROCESSES) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** An nginx listening on {@code port}, asking {@code aauth} (host:port). */
    static Process nginx(Path nginx, int port, String aauth) throws Exception {
        Path dir = Files.createTempDirectory("aauth-nginx-" + port);
        String site =
                Files.readString(BASEDIR.resolve("gateway/nginx/aauth.conf"))
                        .replace("@LISTEN@", "127.0.0.1:" + port)
                        .replace("@HOST@", "localhost:" + GATEWAY)
                        .replace("@AAUTH@", aauth)
                        .replace("@UPSTREAM@", "127.0.0.1:" + UPSTREAM)
                        .replace("@SECRET@", SECRET);
        Files.writeString(dir.resolve("aauth.conf"), site);
        Files.writeString(
                dir.resolve("nginx.conf"),
                String.join(
                        "\n",
                        "daemon off;",
                        "worker_processes 1;",
                        "pid " + dir.resolve("nginx.pid") + ";",
                        "error_log " + dir.resolve("error.log") + " info;",
                        "events { worker_connections 64; }",
                        "http {",
                        "  access_log " + dir.resolve("access.log") + ";",
                        "  client_body_temp_path " + dir.resolve("body") + ";",
                        "  proxy_temp_path " + dir.resolve("proxy") + ";",
                        "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
                        "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
                        "  scgi_temp_path " + dir.resolve("scgi") + ";",
                        "  include " + dir.resolve("aauth.conf") + ";",
                        "}",
                        ""));
        return start(
                List.of(
                        nginx.toString(),
                        "-p",
                        dir.toString(),
                        "-c",
                        dir.resolve("nginx.conf").toString(),
                        "-e",
                        dir.resolve("error.log").toString()),
                port,
                "nginx on " + port + " (" + dir + ")");
    }

    /** Starts a process and waits until it accepts connections on {@code port}. */
    static Process start(List<String> command, int port, String what) throws Exception {
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (!p.isAlive()) {
                fail(what + " exited with " + p.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return p;
            } catch (IOException notYet) {
                p.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        p.destroyForcibly();
        throw new AssertionError(what + " did not listen on " + port + " within 20 s");
    }

    // ---------------------------------------------------------------- helpers

    /** Everything the upstream received so far, asked on its own port. */
    static List<Map<String, Object>> seen() throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + UPSTREAM + "/__seen"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list =
                (List<Map<String, Object>>) JsonUtil.parseJson("{\"l\":" + r.body() + "}").get("l");
        return list;
    }

    /** The header lines (lower-case name to values) of one request the upstream saw. */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> headersOf(Map<String, Object> request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Object o : (List<Object>) request.get("headers")) {
            List<Object> kv = (List<Object>) o;
            out.computeIfAbsent(
                            ((String) kv.get(0)).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add((String) kv.get(1));
        }
        return out;
    }

    /** A raw HTTP/1.1 request (the target sent exactly as given); returns the status code. */
    static int raw(int port, String method, String target, String... headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            StringBuilder req = new StringBuilder();
            req.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            req.append("Host: localhost:").append(port).append("\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 "), response);
            assertFalse(
                    response.contains("\"upstream\": \"python\""),
                    "the upstream answered " + target + ": " + response);
            return Integer.parseInt(response.substring(9, 12));
        }
    }

    // ---------------------------------------------------------------- the agent

    /** The project's agent runtime: remote enrollment, challenge answering, retry. */
    static final class Agent {
        final Clock clock = Clock.systemUTC();
        final JwksCache jwks =
                JwksCache.builder(
                                SafeHttpFetcher.create(SecurityMode.DEVELOPMENT),
                                SecurityMode.DEVELOPMENT)
                        .clock(clock)
                        .build();
        final TokenVerifier verifier =
                new TokenVerifier(
                        jwks::findKey,
                        clock,
                        SecurityMode.DEVELOPMENT,
                        new VerifiedTokenCache(VerifiedTokenCache.DEFAULT_MAX_ENTRIES, clock));
        final JdkAgentHttp http = new JdkAgentHttp(Duration.ofSeconds(15));
        final ChallengeResponder responder =
                new ChallengeResponder(
                        verifier,
                        http,
                        clock,
                        new AuthTokenCache(
                                clock, Duration.ofSeconds(30), AuthTokenCache.DEFAULT_MAX_ENTRIES),
                        () ->
                                new DeferredPoller(
                                        clock,
                                        Sleeper.REAL,
                                        Duration.ofSeconds(30),
                                        SecurityMode.DEVELOPMENT),
                        ps ->
                                jwks.metadata(ps, MetadataDocument.PERSON)
                                        .tokenEndpoint()
                                        .orElseThrow());
        final AgentCredentials credentials;

        Agent() throws IOException {
            credentials =
                    new RemoteEnrollment(http, verifier, clock)
                            .enroll(
                                    PERSON,
                                    "backend",
                                    SigningKey.fromJwkJson(
                                            Files.readString(
                                                    BASEDIR.resolve(
                                                            "src/main/liberty/config/demo-keys/backend.longlived.private.jwk.json"))));
        }

        /** One signed request; a 401 with requirement=auth-token is thrown as the challenge. */
        AgentHttp.Response send(
                String method, String path, AuthToken token, Map<String, String> extra) {
            return send(method, path, token, extra, null);
        }

        AgentHttp.Response send(
                String method,
                String path,
                AuthToken token,
                Map<String, String> extra,
                byte[] body) {
            String url = ORIGIN + path;
            Map<String, String> headers = new LinkedHashMap<>(extra);
            RequestSigning.sign(
                    RequestSigning.signer(credentials, clock),
                    token != null
                            ? new SignatureKey.Jwt(token.compact())
                            : credentials.signatureKey(),
                    method,
                    url,
                    headers,
                    body,
                    List.of());
            AgentHttp.Response r = http.send(new AgentHttp.Request(method, url, headers, body));
            List<String> requirement = r.headers().get("aauth-requirement");
            if (r.status() == 401 && requirement != null && !requirement.isEmpty()) {
                AAuthRequirement parsed =
                        AAuthRequirement.parse(requirement.get(0), SecurityMode.DEVELOPMENT);
                if (parsed instanceof AAuthRequirement.AuthTokenRequired required) {
                    throw new AuthTokenChallenge(
                            required.resourceToken(), ORIGIN, method, path, token != null);
                }
            }
            return r;
        }

        /** Retry-on-challenge through the gateway, as the agent runtime always calls. */
        AgentHttp.Response call(String method, String path, Map<String, String> extra) {
            return ChallengeRetry.run(
                    token -> send(method, path, token, extra),
                    c ->
                            responder.answer(
                                    credentials,
                                    c.resource(),
                                    c.resourceToken(),
                                    method,
                                    path,
                                    AgentCall.DEFAULT),
                    AgentEvents.NONE);
        }
    }

    // ---------------------------------------------------------------- tests

    @Test
    @DisplayName(
            "an unsigned request gets 401 through nginx, with Accept-Signature, and never reaches the upstream")
    void unsignedRequestIsChallenged() throws Exception {
        int before = seen().size();
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(ORIGIN + "/api/inventory")).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(
                r.headers().firstValue("Accept-Signature").isPresent()
                        || r.headers().firstValue("Signature-Error").isPresent(),
                "the signature challenge reaches the client: " + r.headers().map());
        assertFalse(r.body().contains("python"), r.body());
        assertEquals(before, seen().size(), "the upstream saw nothing");
    }

    @Test
    @DisplayName(
            "the agent runtime gets the challenge through nginx, exchanges at the Person Server, retries and gets the upstream's 200; the upstream saw X-AAuth-*, never the client's forgeries")
    void agentGetsThroughAndUpstreamSeesTheCaller() throws Exception {
        Agent agent = new Agent();
        long logBefore = Files.size(messagesLog());
        AgentHttp.Response r =
                agent.call(
                        "GET",
                        "/api/inventory?sku=laptop",
                        Map.of(
                                "x-aauth-agent", "aauth:admin@evil.example",
                                "x-aauth-level", "authorized",
                                "x-aauth-subject", "root",
                                "x-aauth-scope", "everything"));
        assertEquals(200, r.status(), r.body());
        Map<String, Object> echo = JsonUtil.parseJson(r.body());
        assertEquals("python", echo.get("upstream"));
        @SuppressWarnings("unchecked")
        Map<String, List<String>> h = headersOf((Map<String, Object>) echo.get("request"));
        assertEquals(List.of(agent.credentials.agent()), h.get("x-aauth-agent"), h.toString());
        assertEquals(List.of("authorized"), h.get("x-aauth-level"));
        List<String> scope = h.get("x-aauth-scope");
        assertNotNull(scope, h.toString());
        assertTrue(List.of(scope.get(0).split(" ")).contains("supply-chain:read"), scope.get(0));
        assertNotEquals(List.of("root"), h.get("x-aauth-subject"));
        assertFalse(h.containsKey("x-aauth-gateway-secret"), "the secret never leaves the gateway");
        seedDecisionLines(agent.credentials.agent(), logBefore);
    }

    /** The IT server's {@code messages.log}, where the decision log's INFO lines go. */
    static Path messagesLog() {
        return Path.of(
                        System.getProperty(
                                "aauth.it.server.dir", "target/liberty/wlp/usr/servers/aauth-it"))
                .resolve("logs/messages.log");
    }

    /**
     * Issue 14's "Done when": "with the seed's decision log lines": the challenge and the allowed
     * retry through nginx were each logged as one JSON line with seed 000's fields ({@code
     * resource_id}, {@code level}, {@code agent_server}, {@code delegate}, {@code
     * resource_token_jti}, {@code result}, {@code reason}, {@code latency_ms}), in mode {@code
     * gateway:nginx}, for the gateway host. Polls the log (written by the server) until both
     * appear, for at most 10 s.
     */
    static void seedDecisionLines(String agent, long from) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        Map<String, Object> challenged = null;
        Map<String, Object> allowed = null;
        while (Instant.now().isBefore(deadline) && (challenged == null || allowed == null)) {
            byte[] all = Files.readAllBytes(messagesLog());
            String tail =
                    new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8);
            for (String line : tail.split("\n")) {
                int json = line.indexOf("{\"time\"");
                if (!line.contains(" dev.aauth.decision ") || json < 0) {
                    continue;
                }
                Map<String, Object> m = JsonUtil.parseJson(line.substring(json).strip());
                if (!"gateway:nginx".equals(m.get("mode")) || !agent.equals(m.get("delegate"))) {
                    continue;
                }
                if ("challenged".equals(m.get("result"))) {
                    challenged = m;
                } else if ("allowed".equals(m.get("result"))) {
                    allowed = m;
                }
            }
            if (challenged == null || allowed == null) {
                Thread.sleep(100); // poll again, until the deadline
            }
        }
        assertNotNull(challenged, "no gateway:nginx challenged line for " + agent);
        assertNotNull(allowed, "no gateway:nginx allowed line for " + agent);
        for (Map<String, Object> m : List.of(challenged, allowed)) {
            for (String field :
                    List.of(
                            "resource_id",
                            "level",
                            "agent_server",
                            "delegate",
                            "result",
                            "reason",
                            "latency_ms")) {
                assertNotNull(m.get(field), field + " in " + m);
            }
            assertEquals(ORIGIN, m.get("resource_id"), "the gateway host's identifier");
            assertEquals("/api/inventory", m.get("path"));
        }
        assertEquals("identified", challenged.get("level"));
        assertEquals("auth_token_required", challenged.get("reason"));
        assertNotNull(challenged.get("resource_token_jti"), challenged.toString());
        assertEquals("authorized", allowed.get("level"));
        assertEquals(PERSON, allowed.get("agent_server"), "the auth token's issuer");
    }

    @Test
    @DisplayName(
            "nginx cannot forward bodies: a signed request with a body is refused (its Content-Digest cannot be checked), never passed to the upstream")
    void signedBodyIsRefusedBehindNginx() throws Exception {
        Agent agent = new Agent();
        int before = seen().size();
        AgentHttp.Response r =
                agent.send(
                        "POST",
                        "/api/orders",
                        null,
                        Map.of("content-type", "application/json"),
                        "{\"sku\":\"laptop\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(500, r.status(), "nginx turns the check's 400 into 500: " + r.body());
        assertFalse(r.body().contains("python"), r.body());
        assertEquals(before, seen().size(), "the upstream saw nothing");
    }

    @Test
    @DisplayName(
            "client-forged X-AAuth-* headers never reach the upstream, even where no rule applies")
    void forgedHeadersNeverReachTheUpstream() throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(ORIGIN + "/public/hello"))
                                .header("X-AAuth-Agent", "aauth:admin@evil.example")
                                .header("X-AAuth-Level", "authorized")
                                .header("X-AAuth-Subject", "root")
                                .header("X-AAuth-Scope", "supply-chain:optimize")
                                .header("X-AAuth-Gateway-Secret", SECRET)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "no rule protects /public: " + r.body());
        @SuppressWarnings("unchecked")
        Map<String, List<String>> h =
                headersOf((Map<String, Object>) JsonUtil.parseJson(r.body()).get("request"));
        for (String name : h.keySet()) {
            assertFalse(name.startsWith("x-aauth-"), "forged header reached the upstream: " + h);
        }
    }

    @Test
    @DisplayName(
            "path variants of /api/inventory (trailing slash, ;matrix, %2F, //, dot segments, encoded dots) never reach the upstream unsigned")
    void pathVariantsNeverReachTheUpstreamUnprotected() throws Exception {
        int before = seen().size();
        List<String> variants =
                List.of(
                        "/api/inventory",
                        "/api/inventory/",
                        "/api/inventory;x=1",
                        "/api;x=1/inventory",
                        "/api%2Finventory",
                        "/api%2finventory",
                        "//api/inventory",
                        "/api//inventory",
                        "/./api/inventory",
                        "/x/../api/inventory",
                        "/api/./inventory",
                        "/%2e/api/inventory",
                        "/public/%2e%2e/api/inventory",
                        "/api/inventory%3Bx=1",
                        "/api/%69nventory",
                        "/api/inventory?x=/public",
                        "/api/inventory#frag");
        for (String v : variants) {
            int status = raw(GATEWAY, "GET", v);
            assertTrue(
                    status == 400 || status == 401 || status == 403 || status == 500,
                    v + " answered " + status);
        }
        int head = raw(GATEWAY, "HEAD", "/api/inventory");
        assertEquals(401, head, "HEAD is decided like GET");
        assertEquals(before, seen().size(), "no variant reached the upstream");
    }

    @Test
    @DisplayName(
            "the client's Host never picks the host whose rules apply: Host naming the resource origin itself (no rules there) or an unknown host is still decided as the gateway's host")
    void clientHostDoesNotPickTheRules() throws Exception {
        int before = seen().size();
        String supplyAuthority = URI.create(SUPPLY).getAuthority();
        for (String host : List.of(supplyAuthority, "other.example", "localhost")) {
            try (Socket s = new Socket("127.0.0.1", GATEWAY)) {
                s.setSoTimeout(15_000);
                s.getOutputStream()
                        .write(
                                ("GET /api/inventory HTTP/1.1\r\nHost: "
                                                + host
                                                + "\r\nConnection: close\r\n\r\n")
                                        .getBytes(StandardCharsets.US_ASCII));
                String response =
                        new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(response.startsWith("HTTP/1.1 401"), host + ": " + response);
            }
        }
        assertEquals(before, seen().size(), "the upstream saw nothing");
    }

    @Test
    @DisplayName(
            "a check status that is neither 2xx, 401 nor 403 (here the check's 400 for a target it cannot read one way) is nginx's 500 with nginx's own body, never the upstream's content")
    void otherCheckStatusIsNginxError() throws Exception {
        int before = seen().size();
        String target = "/api%2Finventory";
        HttpResponse<String> check =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(SUPPLY + "/aauth/gateway/check"))
                                .header("X-Original-URI", target)
                                .header("X-Original-Method", "GET")
                                .header("X-Forwarded-Host", "localhost:" + GATEWAY)
                                .header("X-Forwarded-Proto", "http")
                                .header("X-AAuth-Gateway-Secret", SECRET)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(400, check.statusCode(), "the check itself: " + check.body());
        try (Socket s = new Socket("127.0.0.1", GATEWAY)) {
            s.setSoTimeout(15_000);
            s.getOutputStream()
                    .write(
                            ("GET "
                                            + target
                                            + " HTTP/1.1\r\nHost: localhost:"
                                            + GATEWAY
                                            + "\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
            String response =
                    new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 500"), response);
            assertTrue(response.contains("<center>nginx"), "nginx's own error page: " + response);
            assertFalse(response.contains("invalid_request"), "not the check's body: " + response);
        }
        assertEquals(before, seen().size(), "the upstream saw nothing");
    }

    @Test
    @DisplayName(
            "with the check endpoint unreachable nginx answers an error (500), never the upstream's content")
    void checkDownFailsClosed() throws Exception {
        int before = seen().size();
        for (String path : List.of("/api/inventory", "/public/hello", "/")) {
            int status = raw(GATEWAY_DOWN, "GET", path);
            assertEquals(500, status, path);
        }
        assertEquals(before, seen().size(), "the upstream saw nothing");
    }

    @Test
    @DisplayName(
            "the check endpoint asked directly, not by the configured gateway (no secret), only denies")
    void untrustedCallerOnlyGetsDenials() throws Exception {
        HttpResponse<String> r =
                HTTP.send(
                        HttpRequest.newBuilder(URI.create(SUPPLY + "/aauth/gateway/check"))
                                .header("X-Original-URI", "/public/hello")
                                .header("X-Original-Method", "GET")
                                .header("X-Forwarded-Host", "localhost:" + GATEWAY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode(), r.body());
        assertEquals("gateway_not_trusted", JsonUtil.parseJson(r.body()).get("reason"));
        HttpResponse<String> metadata =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(ORIGIN + "/.well-known/aauth-resource.json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metadata.statusCode(), metadata.body());
        Map<String, Object> doc = JsonUtil.parseJson(metadata.body());
        assertEquals(ORIGIN, doc.get("issuer"), "the host's own metadata, through the gateway");
        assertEquals(ORIGIN + "/aauth/jwks.json", doc.get("jwks_uri"));
    }
}
