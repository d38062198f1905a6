package dev.aauth.jakarta.reliability;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.TokenIssuer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reliability scenario 6 (issue 12): "A mix of junk (bad signatures, oversized headers, unknown
 * issuers) at the highest rate the machine allows, while legitimate agents are served: legitimate
 * p99 within 3x of baseline, junk rejected before any signature verification where the input allows
 * it (count the verifications)." Over real HTTP against the IT server.
 *
 * <p>The verifications are counted by the IT server itself: {@code GET /aauth/development/counters}
 * (served only in development mode, {@link dev.aauth.jakarta.development.DevelopmentCounters})
 * gives the signatures each application has verified. Junk that can be refused on its form
 * (malformed or oversized signature headers, an unknown key scheme, a signature of the wrong
 * length, a {@code created} outside the window, an agent token whose issuer cannot be reached) must
 * add none; a well-formed request whose signature bytes are wrong must add some (so the count can
 * fail).
 *
 * <p>Junk is sent by several senders, each keeping requests in flight without pause (the highest
 * rate this shared machine gives the test), in the load windows of {@link LatencyWindows}, while
 * the legitimate agents of {@link PollFloodIT} run in every window.
 */
class JunkFloodIT {

    static final int PAIRS = Integer.getInteger("aauth.reliability.flood-pairs", 6);
    static final Duration WINDOW = Duration.ofMillis(2500);
    static final Duration WARM_UP = Duration.ofSeconds(6);
    static final double MAX_RATIO = 3.0;

    /** Junk requests in flight at once. */
    static final int JUNK_IN_FLIGHT = 8;

    static final String COUNTERS = "/aauth/development/counters";

    static ScheduledExecutorService scheduler;
    static StandInIssuers issuers;

    @BeforeAll
    static void start() {
        scheduler = Executors.newScheduledThreadPool(8);
        issuers = StandInIssuers.get();
    }

    @AfterAll
    static void stop() {
        scheduler.shutdownNow();
    }

    /** The signatures verified so far by the application of {@code origin}. */
    static long verifications(String origin) throws Exception {
        HttpResponse<String> r = get(origin + COUNTERS).send();
        assertEquals(200, r.statusCode(), "the IT server runs in development mode: " + r.body());
        return ((Number) JsonUtil.parseJson(r.body()).get("signature_verifications")).longValue();
    }

    /** An issuer on a loopback port nobody listens on. */
    static String unreachableIssuer() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    /**
     * The kinds of junk, each a fresh request per call, aimed at the resource (a signed {@code GET
     * /api/inventory}) and the Person Server's token endpoint: the ones that can be refused without
     * verifying a signature.
     */
    static Map<String, Supplier<ItRequests.Req>> refusableWithoutVerifying() throws IOException {
        String unknown = unreachableIssuer();
        TokenIssuer stranger =
                new TokenIssuer(
                        unknown,
                        new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "k")),
                        Clock.systemUTC());
        SigningKey strangerAgentKey = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        SignatureKey strangerToken =
                new SignatureKey.Jwt(
                        stranger.agentToken(
                                        "aauth:junk@" + unknown.substring("http://".length()),
                                        strangerAgentKey.publicJwk(),
                                        PERSON,
                                        Duration.ofHours(1),
                                        Map.of())
                                .compact());
        Map<String, Supplier<ItRequests.Req>> m = new LinkedHashMap<>();
        for (String origin : List.of(SUPPLY, PERSON)) {
            // a fresh agent for each origin: its agent token is not in the verified-token cache,
            // so nothing here is refused cheaply only because an earlier request paid for it
            StandInIssuers.Agent agent = issuers.agent("junk");
            SignatureKey agentToken = new SignatureKey.Jwt(agent.agentToken());
            AAuthRequestSigner stale =
                    new AAuthRequestSigner(
                            agent.key(),
                            Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC));
            String url =
                    origin.equals(SUPPLY) ? SUPPLY + "/api/inventory" : PERSON + "/aauth/token";
            String method = origin.equals(SUPPLY) ? "GET" : "POST";
            String at = origin.equals(SUPPLY) ? "resource" : "token endpoint";
            m.put(
                    at + ": Signature-Input garbage",
                    () ->
                            signed(method, url, agent.key(), agentToken)
                                    .header("signature-input", "sig=((((;created=x"));
            m.put(
                    at + ": unknown Signature-Key scheme",
                    () ->
                            signed(method, url, agent.key(), agentToken)
                                    .header("signature-key", "sig=x-unknown;k=\"v\""));
            m.put(
                    at + ": 20 KiB Signature-Key",
                    () ->
                            signed(method, url, agent.key(), agentToken)
                                    .header(
                                            "signature-key",
                                            "sig=jwt;jwt=\"" + "a".repeat(20 * 1024) + "\""));
            m.put(
                    at + ": 30 KiB Signature-Input",
                    () ->
                            signed(method, url, agent.key(), agentToken)
                                    .header(
                                            "signature-input",
                                            "sig=("
                                                    + "\"x-h\" ".repeat(5000)
                                                    + ");created="
                                                    + Instant.now().getEpochSecond()));
            m.put(
                    at + ": Signature of the wrong length",
                    () ->
                            signed(method, url, agent.key(), agentToken)
                                    .header("signature", "sig=:AAAA:"));
            m.put(
                    at + ": created an hour ago",
                    () -> withBody(new ItRequests.Req(method, url)).sign(stale, agentToken));
            m.put(
                    at + ": agent token of an unreachable issuer",
                    () -> signed(method, url, strangerAgentKey, strangerToken));
        }
        return m;
    }

    static ItRequests.Req withBody(ItRequests.Req r) {
        return r.method.equals("POST") ? r.body("{\"resource_token\":\"x.y.z\"}") : r;
    }

    static ItRequests.Req signed(String method, String url, SigningKey key, SignatureKey sk) {
        return withBody(new ItRequests.Req(method, url)).sign(key, sk);
    }

    /** A well-formed request whose signature bytes are wrong: only verifying can refuse it. */
    static ItRequests.Req badSignature(String url) {
        StandInIssuers.Agent agent = issuers.agent("junk-bad-signature");
        String method = url.startsWith(PERSON) ? "POST" : "GET";
        ItRequests.Req r =
                signed(method, url, agent.key(), new SignatureKey.Jwt(agent.agentToken()));
        String sig = r.fields.get("signature");
        int i = sig.indexOf(':') + 5;
        char c = sig.charAt(i) == 'A' ? 'B' : 'A';
        return r.header("signature", sig.substring(0, i) + c + sig.substring(i + 1));
    }

    @Test
    @DisplayName(
            "scenario 6: malformed, oversized, unknown-scheme, wrong-length, stale and unknown-issuer junk is refused with a 4xx and adds zero signature verifications; a wrong signature adds some")
    void junkIsRefusedBeforeAnyVerification() throws Exception {
        Map<String, Supplier<ItRequests.Req>> junk = refusableWithoutVerifying();
        // the stand-in issuers' keys are fetched once, outside the count
        ItRequests.Req warm = badSignature(SUPPLY + "/api/inventory");
        assertEquals(401, warm.send().statusCode());
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, Supplier<ItRequests.Req>> e : junk.entrySet()) {
            String origin = e.getKey().startsWith("resource") ? SUPPLY : PERSON;
            long before = verifications(origin);
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                statuses.add(e.getValue().get().send().statusCode());
            }
            long added = verifications(origin) - before;
            boolean refused = statuses.stream().allMatch(s -> s >= 400 && s < 500);
            if (added != 0 || !refused) {
                bad.add(e.getKey() + ": statuses " + statuses + ", verifications added " + added);
            }
        }
        long before = verifications(SUPPLY);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, badSignature(SUPPLY + "/api/inventory").send().statusCode());
        }
        long addedByBadSignatures = verifications(SUPPLY) - before;
        if (!bad.isEmpty()) {
            fail(
                    "junk refusable on its form was verified or not refused:\n"
                            + String.join("\n", bad));
        }
        assertTrue(
                addedByBadSignatures >= 5,
                "a wrong signature is only found by verifying it: " + addedByBadSignatures);
    }

    @Test
    @DisplayName(
            "scenario 6: junk at the highest rate the machine allows: the legitimate agents' p99 stays within 3x of baseline, the junk gets only 4xx")
    void legitimateAgentsAreServedDuringAJunkFlood() throws Exception {
        List<Supplier<ItRequests.Req>> junk = new ArrayList<>(refusableWithoutVerifying().values());
        junk.add(() -> badSignature(SUPPLY + "/api/inventory"));
        junk.add(() -> badSignature(PERSON + "/aauth/token"));
        PollFloodIT.provider = StandInIssuers.agentProvider(Map.of());
        PollFloodIT.warmUp();
        List<PollFloodIT.LegitimateAgent> others = PollFloodIT.legitimateAgents();
        LatencyWindows windows = new LatencyWindows(PAIRS, WINDOW);
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        List<ScheduledFuture<?>> loops = new ArrayList<>();
        for (PollFloodIT.LegitimateAgent o : others) {
            loops.add(
                    scheduler.scheduleWithFixedDelay(
                            () -> o.once(windows, unexpected),
                            0,
                            o.pauseMillis(),
                            TimeUnit.MILLISECONDS));
        }
        Semaphore inFlight = new Semaphore(JUNK_IN_FLIGHT);
        AtomicLong junkSent = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        Map<Integer, AtomicInteger> junkStatuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Thread junkSender =
                new Thread(
                        () -> {
                            while (!windows.done()) {
                                if (!windows.loadOn()) {
                                    Thread.onSpinWait();
                                    continue;
                                }
                                try {
                                    if (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                                        continue;
                                    }
                                } catch (InterruptedException e) {
                                    return;
                                }
                                ItRequests.Req r =
                                        junk.get(Math.floorMod(next.getAndIncrement(), junk.size()))
                                                .get();
                                junkSent.incrementAndGet();
                                r.sendAsync(ItRequests.HTTP_1_1)
                                        .whenComplete(
                                                (resp, t) -> {
                                                    int s = t == null ? resp.statusCode() : -1;
                                                    if (t != null && failures.size() < 5) {
                                                        failures.add(String.valueOf(t));
                                                    }
                                                    junkStatuses
                                                            .computeIfAbsent(
                                                                    s, k -> new AtomicInteger())
                                                            .incrementAndGet();
                                                    inFlight.release();
                                                });
                            }
                        },
                        "junk-sender");
        junkSender.start();
        windows.run(WARM_UP);
        loops.forEach(l -> l.cancel(false));
        junkSender.join(Duration.ofSeconds(30).toMillis());
        assertTrue(
                inFlight.tryAcquire(JUNK_IN_FLIGHT, 60, TimeUnit.SECONDS), "junk answers pending");
        double junkSeconds = PAIRS * WINDOW.toMillis() / 1000.0;
        String summary = windows.summary("a junk flood");
        System.out.printf(
                "JunkFloodIT: %s; junk %d requests in %.1f s of load windows (%.0f/s), statuses %s%n",
                summary, junkSent.get(), junkSeconds, junkSent.get() / junkSeconds, junkStatuses);
        if (!unexpected.isEmpty()) {
            fail("legitimate agents got unexpected answers: " + List.copyOf(unexpected));
        }
        for (Integer s : junkStatuses.keySet()) {
            assertTrue(
                    s >= 400 && s < 500,
                    "junk is refused with a 4xx: " + junkStatuses + " " + failures);
        }
        // the legitimate agents send about 80 measured requests per 2.5 s window; a window with
        // fewer than 20 answers means they were starved, whatever the p99s say
        assertTrue(
                windows.fewestSamples() >= 20,
                "every window has at least 20 legitimate answers: " + summary);
        assertTrue(
                windows.ratio() <= MAX_RATIO,
                "legitimate p99 under the junk flood must stay within "
                        + MAX_RATIO
                        + "x: "
                        + summary);
    }
}
