package dev.aauth.jakarta;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.token.Actor;
import dev.aauth.token.Draft11ResourceToken;
import dev.aauth.token.Dwk;
import dev.aauth.token.MintedToken;
import dev.aauth.token.PersonTokenRecord;
import dev.aauth.token.PersonTokenRecords;
import dev.aauth.token.TokenIssuer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * STAND-IN Agent Provider and Person Server for the integration tests, on 127.0.0.1 (two ports, so
 * two issuers): each serves its metadata ({@code /.well-known/aauth-agent.json}, {@code
 * /.well-known/aauth-person.json}) and JWKS, and mints tokens with {@link TokenIssuer}. The
 * resource under test discovers their keys over HTTP in DEVELOPMENT mode (loopback allowed).
 *
 * <p>The project's real Agent Provider and Person Server (person origin) are exercised in {@code
 * AgentProviderIT} and {@code PersonServerIT}; these stand-ins stay for the tokens the real ones
 * rightly refuse to mint (any scope, past times, an untrusted or foreign issuer).
 */
public final class StandInIssuers {

    private static StandInIssuers instance;

    public final String apIssuer;
    public final String psIssuer;
    public final ServerKeySet apKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "standin-ap-1"));
    public final ServerKeySet psKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "standin-ps-1"));
    public final TokenIssuer ap;
    public final TokenIssuer ps;

    /**
     * An agent: its identifier, its key and its agent token (whose {@code ps} is the stand-in PS).
     */
    public record Agent(String id, SigningKey key, String agentToken) {}

    /** The issuers of this test JVM, started on first use. */
    public static synchronized StandInIssuers get() {
        if (instance == null) {
            try {
                instance = new StandInIssuers();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the stand-in issuers", e);
            }
        }
        return instance;
    }

    private StandInIssuers() throws IOException {
        HttpServer apServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        HttpServer psServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        apIssuer = "http://127.0.0.1:" + apServer.getAddress().getPort();
        psIssuer = "http://127.0.0.1:" + psServer.getAddress().getPort();
        serve(apServer, apIssuer, Dwk.AGENT, apKeys);
        serve(psServer, psIssuer, Dwk.PERSON, psKeys);
        ap = new TokenIssuer(apIssuer, apKeys, Clock.systemUTC());
        ps = new TokenIssuer(psIssuer, psKeys, Clock.systemUTC());
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    apServer.stop(0);
                                    psServer.stop(0);
                                }));
    }

    /**
     * Another STAND-IN Agent Provider whose metadata also has {@code extra} ({@code client_name},
     * {@code callback_endpoint}, ...), issuing agent tokens whose {@code ps} is any Person Server
     * (the real one, for the consent pages' tests).
     */
    public record AgentProvider(String issuer, TokenIssuer tokens) {
        /**
         * A new agent {@code aauth:<local>@127.0.0.1:<port>} with a fresh key, for Person Server
         * {@code ps}.
         */
        public Agent agent(String local, String ps) {
            SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
            String id = "aauth:" + local + "@" + issuer.substring("http://".length());
            return new Agent(
                    id,
                    key,
                    tokens.agentToken(id, key.publicJwk(), ps, Duration.ofHours(1), Map.of())
                            .compact());
        }
    }

    public static AgentProvider agentProvider(Map<String, Object> extra) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
            ServerKeySet keys =
                    new ServerKeySet(
                            SigningKey.generate(SignatureAlgorithm.ED25519, "standin-ap-x"));
            serve(server, issuer, Dwk.AGENT, keys, extra);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
            return new AgentProvider(issuer, new TokenIssuer(issuer, keys, Clock.systemUTC()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A STAND-IN draft-11 Person Server: its metadata and its JWKS published as -11 publishes them
     * ({@code alg} on every key), person tokens and -11 auth tokens minted with {@link
     * TokenIssuer}, and the records of the person tokens it issued ("A PS MUST retain a record of
     * each person token it issues"), for the resource tokens it is shown.
     */
    public record Draft11PersonServer(
            String issuer, TokenIssuer tokens, Map<String, PersonTokenRecord> issued) {

        /** Its retained person-token records, for Resource Token Verification step 6. */
        public PersonTokenRecords records() {
            return jti -> java.util.Optional.ofNullable(issued.get(jti));
        }

        /** A person token for {@code sub} at {@code resource}, bound to {@code agentKey}. */
        public MintedToken personToken(
                String resource, String sub, Jwk agentKey, String missionS256) {
            MintedToken t =
                    tokens.personToken(
                            resource, sub, agentKey, missionS256, null, Duration.ofMinutes(30), 0);
            issued.put(
                    t.jti(),
                    new PersonTokenRecord(t.jti(), issuer, sub, missionS256, null, t.expiresAt()));
            return t;
        }

        /** The auth token answering {@code resourceToken} (already verified), for {@code scope}. */
        public String authToken(
                Draft11ResourceToken resourceToken, Jwk agentKey, List<String> scope) {
            return tokens.authToken(
                            resourceToken,
                            Dwk.PERSON,
                            agentKey,
                            scope,
                            Duration.ofMinutes(10),
                            0,
                            Map.of())
                    .compact();
        }
    }

    /** A new stand-in draft-11 Person Server on a port of its own. */
    public static Draft11PersonServer draft11PersonServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
            ServerKeySet keys =
                    new ServerKeySet(
                            SigningKey.generate(SignatureAlgorithm.ED25519, "standin-ps11-1"));
            Map<String, Object> document = new java.util.LinkedHashMap<>();
            document.put("issuer", issuer);
            document.put("jwks_uri", issuer + "/jwks.json");
            String metadata = JsonUtil.toJson(document);
            String jwks = AAuthProfile.DRAFT_11.published(keys.jwks()).toJson();
            server.createContext("/.well-known/" + Dwk.PERSON, ex -> respond(ex, metadata));
            server.createContext("/jwks.json", ex -> respond(ex, jwks));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
            return new Draft11PersonServer(
                    issuer,
                    new TokenIssuer(issuer, keys, Clock.systemUTC(), AAuthProfile.DRAFT_11),
                    new java.util.concurrent.ConcurrentHashMap<>());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A STAND-IN draft-11 Agent Provider: JWKS published as -11 publishes them, -11 agent tokens
     * (JWS {@code alg} {@code Ed25519}, {@code cnf.jwk.alg}) whose {@code ps} is any Person Server.
     */
    public static AgentProvider draft11AgentProvider() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
            ServerKeySet keys =
                    new ServerKeySet(
                            SigningKey.generate(SignatureAlgorithm.ED25519, "standin-ap11-1"));
            String metadata =
                    JsonUtil.toJson(Map.of("issuer", issuer, "jwks_uri", issuer + "/jwks.json"));
            String jwks = AAuthProfile.DRAFT_11.published(keys.jwks()).toJson();
            server.createContext("/.well-known/" + Dwk.AGENT, ex -> respond(ex, metadata));
            server.createContext("/jwks.json", ex -> respond(ex, jwks));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
            return new AgentProvider(
                    issuer,
                    new TokenIssuer(issuer, keys, Clock.systemUTC(), AAuthProfile.DRAFT_11));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void serve(HttpServer server, String issuer, String dwk, ServerKeySet keys) {
        serve(server, issuer, dwk, keys, Map.of());
    }

    private static void serve(
            HttpServer server,
            String issuer,
            String dwk,
            ServerKeySet keys,
            Map<String, Object> extra) {
        Map<String, Object> document = new java.util.LinkedHashMap<>(extra);
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/jwks.json");
        String metadata = JsonUtil.toJson(document);
        server.createContext("/.well-known/" + dwk, ex -> respond(ex, metadata));
        server.createContext("/jwks.json", ex -> respond(ex, keys.jwks().toJson()));
        server.start();
    }

    private static void respond(HttpExchange ex, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * A new agent {@code aauth:<local>@127.0.0.1:<ap port>} with a fresh key and a one-hour agent
     * token.
     */
    public Agent agent(String local) {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        String id = "aauth:" + local + "@" + apIssuer.substring("http://".length());
        return new Agent(
                id,
                key,
                ap.agentToken(id, key.publicJwk(), psIssuer, Duration.ofHours(1), Map.of())
                        .compact());
    }

    /** An auth token of the stand-in PS for {@code agent} at {@code resource}. */
    public String authToken(Agent agent, String resource, List<String> scopes) {
        return ps.authToken(
                        Dwk.PERSON,
                        resource,
                        agent.id(),
                        agent.key().publicJwk(),
                        Actor.of(agent.id()),
                        "user-7",
                        scopes,
                        null,
                        Duration.ofMinutes(10),
                        0,
                        Map.of())
                .compact();
    }
}
