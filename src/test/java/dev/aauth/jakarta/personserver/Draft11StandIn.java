package dev.aauth.jakarta.personserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.token.TokenIssuer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jose4j.json.JsonUtil;

/**
 * A draft -11 issuer in the test JVM (127.0.0.1, discoverable by the Person Server in DEVELOPMENT
 * mode): its metadata at {@code /.well-known/<dwk>} and its JWKS as -11 publishes it ({@code alg}
 * on every key), tokens minted in -11 shapes (JWS {@code alg} {@code Ed25519}). As an Agent
 * Provider it mints -11 agent tokens for agents of its own; as a resource, -11 resource tokens.
 */
final class Draft11StandIn {

    /** An agent of this stand-in Agent Provider: its identifier, key and -11 agent token. */
    record Agent(String id, SigningKey key, String agentToken) {}

    final String issuer;
    final TokenIssuer tokens;

    /** Its signing keys (to sign as this server: {@code sig=jwks_uri}). */
    final ServerKeySet keys;

    private Draft11StandIn(String dwk, Map<String, Object> extra) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        keys =
                new ServerKeySet(
                        SigningKey.generate(
                                SignatureAlgorithm.ED25519, "standin11-" + UUID.randomUUID()));
        tokens = new TokenIssuer(issuer, keys, Clock.systemUTC(), AAuthProfile.DRAFT_11);
        Map<String, Object> document = new LinkedHashMap<>(extra);
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/jwks.json");
        serve(server, "/.well-known/" + dwk, JsonUtil.toJson(document));
        serve(server, "/jwks.json", AAuthProfile.DRAFT_11.published(keys.jwks()).toJson());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    /** A stand-in publishing {@code /.well-known/<dwk>} with {@code extra} members. */
    static Draft11StandIn serve(String dwk, Map<String, Object> extra) {
        try {
            return new Draft11StandIn(dwk, extra);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new agent {@code aauth:<local>@127.0.0.1:<port>} with a fresh key, for {@code ps}. */
    Agent agent(String local, String ps) {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        String id = "aauth:" + local + "@" + issuer.substring("http://".length());
        return new Agent(
                id,
                key,
                tokens.agentToken(id, key.publicJwk(), ps, Duration.ofHours(1), Map.of())
                        .compact());
    }

    private static void serve(HttpServer server, String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, ex -> respond(ex, body));
    }

    private static void respond(HttpExchange ex, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
