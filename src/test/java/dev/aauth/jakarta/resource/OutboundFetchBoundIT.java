package dev.aauth.jakarta.resource;

import static dev.aauth.jakarta.ItRequests.baseUrl;
import static dev.aauth.jakarta.ItRequests.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.aauth.jakarta.ItRequests;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, "a bound on concurrent outbound metadata/JWKS fetches", over real HTTP: {@code
 * aauth.outbound.max-concurrent-fetches} (16 by default, as in the IT server) fetches run at once;
 * one more waits at most 100 ms for a slot, then the request is answered {@code 503
 * temporarily_unavailable} with {@code Retry-After: 1}, never queued without bound and never a
 * {@code 500}.
 *
 * <p>24 agents, each of its own slow Agent Provider on loopback (its metadata answered only when
 * the test releases it), call the resource at once: at most 16 fetches reach the providers, the
 * others are refused quickly; once released, the admitted ones are answered normally (the
 * resource's challenge for an auth token).
 */
class OutboundFetchBoundIT {

    static final String SUPPLY = baseUrl("supply");
    static final int MAX_CONCURRENT_FETCHES = 16;
    static final int AGENTS = 24;

    final List<HttpServer> servers = new ArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    @AfterEach
    void stopProviders() {
        release.countDown();
        servers.forEach(s -> s.stop(0));
    }

    /** A slow Agent Provider: its metadata and JWKS wait for {@link #release}. */
    TokenIssuer slowProvider() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        servers.add(server);
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
        ServerKeySet keys =
                new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "slow-ap"));
        String metadata = JsonUtil.toJson(Map.of("issuer", issuer, "jwks_uri", issuer + "/jwks"));
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/.well-known/" + Dwk.AGENT, ex -> slowly(ex, metadata));
        server.createContext("/jwks", ex -> slowly(ex, keys.jwks().toJson()));
        server.start();
        return new TokenIssuer(issuer, keys, Clock.systemUTC());
    }

    void slowly(HttpExchange ex, String json) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            release.await(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Test
    @DisplayName(
            "24 agents of 24 slow Agent Providers at once: at most 16 fetches run, the rest are 503 temporarily_unavailable with Retry-After: 1 within a second, the admitted ones answered after; no 500")
    void concurrentFetchesAreBounded() throws Exception {
        // the agents' Person Server is the stand-in one, warmed first: only the slow Agent
        // Providers are fetched in the burst
        dev.aauth.jakarta.StandInIssuers issuers = dev.aauth.jakarta.StandInIssuers.get();
        dev.aauth.jakarta.StandInIssuers.Agent warm = issuers.agent("warm-up");
        HttpResponse<String> warmed =
                get(SUPPLY + "/api/inventory")
                        .sign(warm.key(), new SignatureKey.Jwt(warm.agentToken()))
                        .send();
        assertEquals(401, warmed.statusCode(), warmed.body());
        List<ItRequests.Req> requests = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            TokenIssuer ap = slowProvider();
            SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
            String id = "aauth:slow@" + ap.issuer().substring("http://".length());
            String token =
                    ap.agentToken(
                                    id,
                                    key.publicJwk(),
                                    issuers.psIssuer,
                                    Duration.ofHours(1),
                                    Map.of())
                            .compact();
            requests.add(get(SUPPLY + "/api/inventory").sign(key, new SignatureKey.Jwt(token)));
        }
        long t0 = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (ItRequests.Req r : requests) {
            answers.add(r.sendAsync(ItRequests.HTTP_1_1));
        }
        // the refused ones come back while the admitted fetches are still held
        List<HttpResponse<String>> refused = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (refused.size() < AGENTS - MAX_CONCURRENT_FETCHES && System.nanoTime() < deadline) {
            refused.clear();
            for (CompletableFuture<HttpResponse<String>> a : answers) {
                if (a.isDone()) {
                    refused.add(a.join());
                }
            }
            Thread.onSpinWait();
        }
        double refusedAfter = (System.nanoTime() - t0) / 1e9;
        int heldAtOnce = maxInFlight.get();
        release.countDown();
        List<HttpResponse<String>> all = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> a : answers) {
            all.add(a.get(30, TimeUnit.SECONDS));
        }
        System.out.printf(
                "OutboundFetchBoundIT: %d fetches held at once at most; %d refused within %.2f s%n",
                heldAtOnce, refused.size(), refusedAfter);
        assertEquals(
                MAX_CONCURRENT_FETCHES,
                heldAtOnce,
                "outbound fetches running at once: the bound, and reached");
        assertEquals(AGENTS - MAX_CONCURRENT_FETCHES, refused.size(), "refused before the release");
        for (HttpResponse<String> r : refused) {
            assertEquals(503, r.statusCode(), r.body());
            assertEquals("1", r.headers().firstValue("Retry-After").orElse(""), r.body());
            assertEquals("temporarily_unavailable", JsonUtil.parseJson(r.body()).get("error"));
        }
        List<String> bad = new ArrayList<>();
        for (HttpResponse<String> r : all) {
            if (!refused.contains(r)
                    && !(r.statusCode() == 401
                            && r.headers().firstValue("AAuth-Requirement").isPresent())) {
                bad.add(r.statusCode() + " " + r.body());
            }
        }
        if (!bad.isEmpty()) {
            fail(
                    "admitted agents get the resource's challenge once their keys are fetched: "
                            + bad);
        }
        assertTrue(all.stream().noneMatch(r -> r.statusCode() >= 500 && r.statusCode() != 503));
    }
}
