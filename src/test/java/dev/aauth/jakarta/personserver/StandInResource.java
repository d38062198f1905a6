package dev.aauth.jakarta.personserver;

import com.sun.net.httpserver.HttpServer;
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
import java.util.Map;

/**
 * A STAND-IN resource in the test JVM (127.0.0.1, discoverable by the Person Server in DEVELOPMENT
 * mode) that mints whatever resource tokens a test needs, e.g. with a scope its metadata does not
 * describe. Its {@code scope_descriptions} has the one scope {@code standin:read}.
 */
public final class StandInResource {

    private static StandInResource instance;

    public final String issuer;
    public final TokenIssuer tokens;

    static synchronized StandInResource get() {
        if (instance == null) {
            try {
                instance = new StandInResource();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private StandInResource() throws IOException {
        this(Map.of("scope_descriptions", Map.of("standin:read", "Read the stand-in")));
    }

    /**
     * Another stand-in resource whose metadata also has {@code extra} (e.g. a hostile {@code
     * client_name}).
     */
    public static StandInResource withMetadata(Map<String, Object> extra) {
        try {
            return new StandInResource(extra);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StandInResource(Map<String, Object> extra) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        ServerKeySet keys =
                new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "standin-rs-1"));
        tokens = new TokenIssuer(issuer, keys, Clock.systemUTC());
        Map<String, Object> document = new java.util.LinkedHashMap<>(extra);
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/jwks.json");
        String metadata = org.jose4j.json.JsonUtil.toJson(document);
        serve(server, "/.well-known/aauth-resource.json", metadata);
        serve(server, "/jwks.json", keys.jwks().toJson());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
    }

    private static void serve(HttpServer server, String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        server.createContext(
                path,
                ex -> {
                    ex.getResponseHeaders().set("Content-Type", "application/json");
                    ex.sendResponseHeaders(200, body.length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(body);
                    }
                });
    }
}
