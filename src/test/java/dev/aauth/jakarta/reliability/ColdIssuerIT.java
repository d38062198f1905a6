package dev.aauth.jakarta.reliability;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.it.Origins.MARKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.Dwk;
import dev.aauth.token.TokenIssuer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, the cold cache: the first requests of an agent whose Agent Provider is momentarily
 * unreachable (here it answers {@code 503}, as an overloaded or restarting server does; a timeout
 * is the same case, unit-tested in {@code JwksCacheTest}) must not be remembered as a bad token.
 * Before, the failure was backed off for a minute, then two, and every request meanwhile was a
 * {@code 401}/{@code 400} blaming the agent's token.
 */
public class ColdIssuerIT {

    private final AtomicBoolean unreachable = new AtomicBoolean(true);
    private final AtomicInteger metadataFetches = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** An Agent Provider whose metadata answers 503 while {@link #unreachable}. */
    private TokenIssuer agentProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        ServerKeySet keys =
                new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "cold-ap"));
        String metadata =
                JsonUtil.toJson(Map.of("issuer", issuer, "jwks_uri", issuer + "/jwks.json"));
        server.createContext(
                "/.well-known/" + Dwk.AGENT,
                ex -> {
                    metadataFetches.incrementAndGet();
                    if (unreachable.get()) {
                        respond(ex, 503, "{}");
                    } else {
                        respond(ex, 200, metadata);
                    }
                });
        server.createContext("/jwks.json", ex -> respond(ex, 200, keys.jwks().toJson()));
        server.start();
        return new TokenIssuer(issuer, keys, Clock.systemUTC());
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    @DisplayName(
            "issue 12, cold cache: an unreachable Agent Provider with nothing cached is 503 temporarily_unavailable with Retry-After, not a token error; once it answers, the next request after Retry-After is served")
    void unreachableIssuerIsA503AndRecoversAfterRetryAfter() throws Exception {
        TokenIssuer ap = agentProvider();
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        String id = "aauth:cold@" + ap.issuer().substring("http://".length());
        SignatureKey token =
                new SignatureKey.Jwt(
                        ap.agentToken(id, key.publicJwk(), null, Duration.ofHours(1), Map.of())
                                .compact());

        HttpResponse<String> first = get(MARKET + "/api/market/status").sign(key, token).send();
        assertEquals(503, first.statusCode(), first.body());
        assertTrue(first.body().contains("temporarily_unavailable"), first.body());
        assertTrue(
                first.headers().firstValue("Signature-Error").isEmpty(),
                "the agent's signature and token are not at fault");
        long retryAfter = Long.parseLong(first.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        int fetches = metadataFetches.get();

        // while it stays unreachable: 503 each time, and the issuer is asked at most once more
        // (the backoff is 1 s, then 2 s), not once per request
        HttpResponse<String> again = first;
        for (int i = 0; i < 5; i++) {
            again = get(MARKET + "/api/market/status").sign(key, token).send();
            assertEquals(503, again.statusCode(), again.body());
        }
        assertTrue(
                metadataFetches.get() <= fetches + 1,
                "backed off: " + (metadataFetches.get() - fetches) + " new fetches for 5 requests");

        unreachable.set(false);
        // the protocol's own wait: Retry-After of the last answer
        TimeUnit.SECONDS.sleep(
                Long.parseLong(again.headers().firstValue("Retry-After").orElseThrow()));
        HttpResponse<String> served = get(MARKET + "/api/market/status").sign(key, token).send();
        assertEquals(200, served.statusCode(), served.body());
        assertEquals(id, JsonUtil.parseJson(served.body()).get("caller"));
    }
}
