package dev.aauth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.Jws;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.sigkey.SignatureKeyHeader;
import dev.aauth.token.AgentToken;
import dev.aauth.token.Draft11ResourceToken;
import dev.aauth.token.Dwk;
import dev.aauth.token.LocalKeyResolver;
import dev.aauth.token.MintedToken;
import dev.aauth.token.PersonContext;
import dev.aauth.token.PersonToken;
import dev.aauth.token.PersonTokenRecord;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/aauth-agent --draft 11} over real loopback HTTP against an Agent Provider, Person
 * Server and resource built in-process from the core's -11 issuers and verifiers (one origin, three
 * metadata documents, three key sets): enrollment asking for a -11 agent token, {@code 401
 * requirement=person-token}, the person token endpoint (with a {@code 202} polled), {@code 401
 * requirement=auth-token}, the auth token endpoint, the retry; and the {@code 202} delivery of the
 * auth-token requirement completed at the resource's pending URL. The real servers' end-to-end run
 * is an integration test.
 */
class AgentCliDraft11LoopbackTest {

    static final String SUB = "person-at-loopback";

    HttpServer server;
    String origin;
    final ServerKeySet apKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "ap-1"));
    final ServerKeySet psKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "ps-1"));
    final ServerKeySet rsKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "rs-1"));
    final Clock clock = Clock.systemUTC();
    TokenIssuer ap;
    TokenIssuer ps;
    TokenIssuer rs;
    TokenVerifier verifier;
    final Map<String, PersonTokenRecord> records = new ConcurrentHashMap<>();
    final List<String> seen = new CopyOnWriteArrayList<>();

    @TempDir Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        origin = "http://localhost:" + server.getAddress().getPort();
        ap = new TokenIssuer(origin, apKeys, clock, AAuthProfile.DRAFT_11);
        ps = new TokenIssuer(origin, psKeys, clock, AAuthProfile.DRAFT_11);
        rs = new TokenIssuer(origin, rsKeys, clock, AAuthProfile.DRAFT_11);
        verifier =
                new TokenVerifier(
                        LocalKeyResolver.builder()
                                .add(origin, Dwk.AGENT, apKeys)
                                .add(origin, Dwk.PERSON, psKeys)
                                .add(origin, Dwk.RESOURCE, rsKeys)
                                .profile(AAuthProfile.DRAFT_11)
                                .build(),
                        clock,
                        SecurityMode.DEVELOPMENT,
                        VerifiedTokenCache.disabled(clock),
                        TokenVerifier.DEFAULT_IAT_LEEWAY,
                        AAuthProfile.DRAFT_11);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        byte[] body = x.getRequestBody().readAllBytes();
        String sigKey = x.getRequestHeaders().getFirst("Signature-Key");
        seen.add(method + " " + path + (sigKey == null ? "" : " " + typ(sigKey)));
        try {
            switch (method + " " + path) {
                case "GET /.well-known/aauth-agent.json" ->
                        json(x, 200, Map.of("issuer", origin, "jwks_uri", origin + "/jwks/agent"));
                case "GET /.well-known/aauth-person.json" ->
                        json(
                                x,
                                200,
                                Map.of(
                                        "issuer",
                                        origin,
                                        "jwks_uri",
                                        origin + "/jwks/person",
                                        "person_token_endpoint",
                                        origin + "/aauth/person-token",
                                        "auth_token_endpoint",
                                        origin + "/aauth/auth-token"));
                case "GET /.well-known/aauth-resource.json" ->
                        json(
                                x,
                                200,
                                Map.of("issuer", origin, "jwks_uri", origin + "/jwks/resource"));
                case "GET /jwks/agent" -> jwks(x, apKeys);
                case "GET /jwks/person" -> jwks(x, psKeys);
                case "GET /jwks/resource" -> jwks(x, rsKeys);
                case "POST /aauth/agent-token" -> {
                    Map<String, Object> req =
                            JsonUtil.parseJson(new String(body, StandardCharsets.UTF_8));
                    assertEquals("draft-11", req.get("draft"));
                    SignatureKey.JktJwt d = (SignatureKey.JktJwt) key(sigKey);
                    Jwk shortLived = cnf(Jws.parse(d.jwt()).claims());
                    String token =
                            ap.agentToken(
                                            "aauth:backend@" + origin.substring(7),
                                            shortLived,
                                            origin,
                                            Duration.ofHours(1),
                                            Map.of())
                                    .compact();
                    json(x, 200, Map.of("agent_token", token));
                }
                case "POST /aauth/person-token" -> {
                    // "The PS MAY require user interaction before issuing and return a 202"
                    x.getResponseHeaders().add("Location", "/aauth/pending/pt-1");
                    x.getResponseHeaders().add("Retry-After", "0");
                    x.getResponseHeaders()
                            .add(
                                    AAuthRequirement.NAME,
                                    "requirement=interaction;url=\""
                                            + origin
                                            + "/interaction\";code=\"ABCD-EFGH\"");
                    personTokenRequests.put("pt-1", agentKey(sigKey));
                    assertEquals(
                            origin,
                            JsonUtil.parseJson(new String(body, StandardCharsets.UTF_8))
                                    .get("resource"));
                    json(x, 202, Map.of("status", "pending"));
                }
                case "GET /aauth/pending/pt-1" -> {
                    MintedToken t =
                            ps.personToken(
                                    origin,
                                    SUB,
                                    personTokenRequests.get("pt-1"),
                                    null,
                                    null,
                                    Duration.ofHours(1),
                                    0);
                    records.put(
                            t.jti(),
                            new PersonTokenRecord(t.jti(), origin, SUB, null, null, t.expiresAt()));
                    json(x, 200, Map.of("person_token", t.compact(), "expires_in", 3600));
                }
                case "POST /aauth/auth-token" -> {
                    Jwk agentKey = agentKey(sigKey);
                    Draft11ResourceToken rt =
                            verifier.verifyDraft11ResourceToken(
                                    String.valueOf(
                                            JsonUtil.parseJson(
                                                            new String(
                                                                    body, StandardCharsets.UTF_8))
                                                    .get("resource_token")),
                                    origin,
                                    agentKey.thumbprint(),
                                    jti -> Optional.ofNullable(records.get(jti)),
                                    null);
                    String at =
                            ps.authToken(
                                            rt,
                                            Dwk.PERSON,
                                            agentKey,
                                            rt.scope(),
                                            Duration.ofHours(1),
                                            0,
                                            Map.of())
                                    .compact();
                    json(x, 200, Map.of("auth_token", at, "expires_in", 3600));
                }
                case "GET /api/data", "GET /api/held" -> resource(x, path, sigKey);
                case "GET /pending/held" -> {
                    String jwt = ((SignatureKey.Jwt) key(sigKey)).jwt();
                    verifier.verifyDraft11AuthToken(jwt, origin);
                    json(x, 200, Map.of("held", "done"));
                }
                default -> json(x, 404, Map.of("error", "not_found"));
            }
        } catch (Exception | AssertionError e) {
            json(x, 500, Map.of("error", "server_error", "detail", String.valueOf(e)));
        }
    }

    final Map<String, Jwk> personTokenRequests = new ConcurrentHashMap<>();

    /** The resource: agent token -> person-token; person token -> auth-token; auth token -> 200. */
    private void resource(HttpExchange x, String path, String sigKey) throws IOException {
        String jwt = ((SignatureKey.Jwt) key(sigKey)).jwt();
        String typ = String.valueOf(Jws.parse(jwt).header().get("typ"));
        switch (typ) {
            case "aa-agent+jwt" -> {
                x.getResponseHeaders().add(AAuthRequirement.NAME, "requirement=person-token");
                json(x, 401, Map.of("error", "person_token_required"));
            }
            case "aa-person+jwt" -> {
                PersonToken pt = verifier.verifyPersonToken(jwt, origin);
                String rt =
                        rs.resourceToken(
                                        origin,
                                        PersonContext.of(pt),
                                        pt.cnf().thumbprint(),
                                        List.of("data.read"),
                                        null,
                                        Duration.ofMinutes(5))
                                .compact();
                x.getResponseHeaders()
                        .add(
                                AAuthRequirement.NAME,
                                new AAuthRequirement.AuthTokenRequired(rt).serialize());
                if (path.equals("/api/held")) {
                    // "Deferred Delivery": the invocation is held at a pending URL
                    x.getResponseHeaders().add("Location", "/pending/held");
                    x.getResponseHeaders().add("Retry-After", "0");
                    json(x, 202, Map.of("status", "pending"));
                } else {
                    json(x, 401, Map.of("error", "auth_token_required"));
                }
            }
            case "aa-auth+jwt" -> {
                verifier.verifyDraft11AuthToken(jwt, origin);
                json(x, 200, Map.of("data", "ok"));
            }
            default -> json(x, 401, Map.of("error", "invalid_jwt"));
        }
    }

    private Jwk agentKey(String sigKey) {
        AgentToken t = verifier.verifyAgentToken(((SignatureKey.Jwt) key(sigKey)).jwt());
        return t.cnf();
    }

    private static SignatureKey key(String header) {
        return SignatureKeyHeader.parse(header, AAuthProfile.DRAFT_11).keyFor("sig");
    }

    private static String typ(String header) {
        try {
            SignatureKey k = key(header);
            String jwt =
                    k instanceof SignatureKey.Jwt j
                            ? j.jwt()
                            : k instanceof SignatureKey.JktJwt d ? d.jwt() : null;
            return jwt == null ? "?" : String.valueOf(Jws.parse(jwt).header().get("typ"));
        } catch (RuntimeException e) {
            return "?";
        }
    }

    @SuppressWarnings("unchecked")
    private static Jwk cnf(Map<String, Object> claims) {
        return Jwk.parse(
                (Map<String, Object>) ((Map<String, Object>) claims.get("cnf")).get("jwk"));
    }

    private static void jwks(HttpExchange x, ServerKeySet keys) throws IOException {
        byte[] b =
                AAuthProfile.DRAFT_11
                        .published(keys.jwks())
                        .toJson()
                        .getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    private static void json(HttpExchange x, int status, Map<String, ?> body) throws IOException {
        byte[] b = JsonUtil.toJson(body).getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, b.length);
        x.getResponseBody().write(b);
        x.close();
    }

    record Run(int status, String out, String err) {}

    Run cli(String target) throws IOException {
        Path key = dir.resolve("longlived.jwk.json");
        Files.writeString(
                key, SigningKey.generate(SignatureAlgorithm.ED25519, null).toPrivateJwkJson());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                AgentCli.run(
                        new String[] {
                            "--development",
                            "--provider",
                            origin,
                            "--name",
                            "backend",
                            "--key",
                            key.toString(),
                            "--draft",
                            "11",
                            "GET",
                            origin + target
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        clock);
        return new Run(
                status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName(
            "-11 CLI over HTTP: agent token -> 401 person-token -> person token (202 polled) -> 401 auth-token -> auth token -> 200, every token printed decoded")
    void personTokenThenAuthTokenThen200() throws IOException {
        Run r = cli("/api/data");
        assertEquals(0, r.status(), r.out() + r.err());
        for (String decoded :
                List.of(
                        "decoded agent token",
                        "decoded person token",
                        "decoded resource token",
                        "decoded auth token",
                        "speaking draft-11",
                        "open " + origin + "/interaction",
                        "{\"data\":\"ok\"}")) {
            assertTrue(r.out().contains(decoded), decoded + " in\n" + r.out());
        }
        assertEquals(
                List.of(
                        "POST /aauth/agent-token jkt-s256+jwt",
                        "GET /api/data aa-agent+jwt",
                        "POST /aauth/person-token aa-agent+jwt",
                        "GET /aauth/pending/pt-1 aa-agent+jwt",
                        "GET /api/data aa-person+jwt",
                        "POST /aauth/auth-token aa-agent+jwt",
                        "GET /api/data aa-auth+jwt"),
                seen.stream()
                        .filter(
                                s ->
                                        !s.startsWith("GET /.well-known")
                                                && !s.startsWith("GET /jwks"))
                        .toList());
    }

    @Test
    @DisplayName(
            "-11 CLI over HTTP, Deferred Delivery: a 202 requirement=auth-token is completed at the resource's pending URL presenting the auth token")
    void deferredDelivery() throws IOException {
        Run r = cli("/api/held");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("{\"held\":\"done\"}"), r.out());
        assertTrue(seen.contains("GET /pending/held aa-auth+jwt"), seen.toString());
    }
}
