package dev.aauth.bench.agentcall;

import dev.aauth.agent.AgentCall;
import dev.aauth.agent.AgentEvents;
import dev.aauth.agent.RequestSigning;
import dev.aauth.jakarta.agent.AAuthAgent;
import dev.aauth.sigkey.SignatureKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * BENCHMARK ONLY (issue 15, "Agent calls as fast as a plain client"), packaged only into the
 * bench-only WAR variant ({@code -Dhttpbench.app.suffix=-agentcall-bench}, bench/http-load.sh with
 * its agent-call option) and reached on the person origin, where the backend agent lives: the
 * MicroProfile REST Client must run inside the container, with the project's signing filter, as the
 * demo's agents do.
 *
 * <p>{@code GET /bench/agent-call?target=<resource>&rounds=R&calls=C&warmup=W} measures, on the
 * caller's thread, the latency of cached calls (the auth token already cached) to the same
 * protected resource two ways:
 *
 * <ul>
 *   <li>{@code rest}: {@link BenchClient} through {@link AAuthAgent#call}, the {@code
 *       AAuthClientFilter} signing;
 *   <li>{@code plain}: the same request signed by the core signer ({@link RequestSigning}) with the
 *       same {@code Signature-Key} (the auth token the REST call presented) on one shared plain
 *       {@link HttpClient} (HTTP/1.1, as the agent runtime's own {@code JdkAgentHttp}), its JSON
 *       answer parsed with JSON-P as the REST client does.
 * </ul>
 *
 * Each for {@code GET /api/inventory} and for {@code POST /bench/echo} (a JSON body, so a {@code
 * content-digest}). W warm-up calls of each, then R rounds of C calls of each kind, the order of
 * the kinds reversed every other round. It answers one line per kind: its name and the latencies in
 * nanoseconds; {@code dev.aauth.bench.AgentCallBench} computes the figures.
 */
@Path("bench/agent-call")
@ApplicationScoped
public class AgentCallEndpoint {

    private static final Pattern JWT = Pattern.compile("jwt=\"([^\"]+)\"");
    private static final Jsonb JSONB = JsonbBuilder.create();

    /**
     * Made once, as a careful plain client does ({@code Json.createReader} looks its provider up on
     * every call: seen as a fifth of the plain client's CPU samples in a first profile).
     */
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private static final BenchClient.Payload PAYLOAD =
            new BenchClient.Payload("LT-1001", 12, "benchmark order, please ignore");

    enum Kind {
        REST_GET,
        PLAIN_GET,
        REST_POST,
        PLAIN_POST
    }

    @Inject AAuthAgent agent;

    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30))
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
    private final Clock clock = Clock.systemUTC();

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String run(
            @QueryParam("target") String target,
            @QueryParam("rounds") @DefaultValue("10") int rounds,
            @QueryParam("calls") @DefaultValue("200") int calls,
            @QueryParam("warmup") @DefaultValue("500") int warmup)
            throws Exception {
        BenchClient client =
                RestClientBuilder.newBuilder()
                        .baseUri(URI.create(target))
                        .connectTimeout(30, TimeUnit.SECONDS)
                        .readTimeout(30, TimeUnit.SECONDS)
                        .build(BenchClient.class);
        // the first REST calls are challenged and obtain the auth tokens (one per route); the
        // Signature-Key they then present is what the plain client presents
        SignatureKey getKey = presented(() -> client.inventory());
        SignatureKey postKey = presented(() -> client.echo(PAYLOAD));
        Map<Kind, Runnable> work = new EnumMap<>(Kind.class);
        work.put(Kind.REST_GET, () -> agent.call(() -> client.inventory()));
        work.put(Kind.PLAIN_GET, () -> plain(getKey, "GET", target + "/api/inventory", null));
        work.put(Kind.REST_POST, () -> agent.call(() -> client.echo(PAYLOAD)));
        work.put(Kind.PLAIN_POST, () -> plain(postKey, "POST", target + "/bench/echo", PAYLOAD));
        for (Kind k : Kind.values()) {
            for (int i = 0; i < warmup; i++) {
                work.get(k).run();
            }
        }
        Map<Kind, long[]> samples = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            samples.put(k, new long[rounds * calls]);
        }
        for (int round = 0; round < rounds; round++) {
            List<Kind> order = new ArrayList<>(List.of(Kind.values()));
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Kind k : order) {
                Runnable r = work.get(k);
                long[] into = samples.get(k);
                for (int i = 0; i < calls; i++) {
                    long t0 = System.nanoTime();
                    r.run();
                    into[round * calls + i] = System.nanoTime() - t0;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        samples.forEach(
                (k, v) -> {
                    out.append(k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                    for (long n : v) {
                        out.append(' ').append(n);
                    }
                    out.append('\n');
                });
        return out.toString();
    }

    /** Runs a REST call until it is answered with a cached token; the Signature-Key it sent. */
    private SignatureKey presented(Runnable rest) {
        String[] sent = new String[1];
        AgentEvents capture =
                new AgentEvents() {
                    @Override
                    public void exchange(
                            String party,
                            String method,
                            String url,
                            Map<String, String> requestHeaders,
                            String requestBody,
                            int status,
                            Map<String, List<String>> responseHeaders,
                            String responseBody,
                            long millis) {
                        if ("resource".equals(party) && status / 100 == 2) {
                            sent[0] = requestHeaders.get("signature-key");
                        }
                    }
                };
        AgentCall call = AgentCall.DEFAULT.withEvents(capture);
        for (int i = 0; i < 2; i++) {
            agent.call(
                    call,
                    () -> {
                        rest.run();
                        return null;
                    });
        }
        Matcher m = sent[0] == null ? null : JWT.matcher(sent[0]);
        if (m == null || !m.find()) {
            throw new IllegalStateException("no auth token presented: " + sent[0]);
        }
        return new SignatureKey.Jwt(m.group(1));
    }

    /** The same request signed by the core signer, sent on the plain client. */
    private JsonObject plain(SignatureKey key, String method, String url, Object entity) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", MediaType.APPLICATION_JSON);
        byte[] body = null;
        if (entity != null) {
            body = JSONB.toJson(entity).getBytes(StandardCharsets.UTF_8);
            headers.put("content-type", MediaType.APPLICATION_JSON);
        }
        RequestSigning.sign(
                RequestSigning.signer(agent.credentials(), clock),
                key,
                method,
                url,
                headers,
                body,
                List.of());
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        headers.forEach(b::header);
        b.method(
                method,
                body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(method + " " + url + ": " + r.statusCode());
            }
            try (JsonReader reader = READERS.createReader(new ByteArrayInputStream(r.body()))) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
