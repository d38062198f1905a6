package dev.aauth.jakarta.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.MintedToken;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: "decision counters and a latency histogram through MicroProfile Telemetry metrics", for
 * the gateway mode and the in-process filter alike, with the attributes decision, reason, level and
 * resource (and mode).
 */
class DecisionMetricsTest {

    /** One measurement the fake meter received: the instrument, the value, the attributes. */
    record Measurement(String instrument, Number value, Attributes attributes) {}

    final List<Measurement> measurements = new ArrayList<>();

    /** What was set on each instrument's builder: description, unit, bucket advice. */
    final Map<String, Map<String, Object>> instruments = new LinkedHashMap<>();

    /**
     * An OpenTelemetry {@link Meter} of dynamic proxies that records what the instruments receive
     * (as in {@code AgentTracingTest}: the SDK on the test class path does not match the API
     * version MicroProfile Telemetry compiles against).
     */
    Meter recordingMeter() {
        return proxy(
                Meter.class,
                (meter, m, args) ->
                        switch (m.getName()) {
                            case "counterBuilder" ->
                                    builder(
                                            LongCounterBuilder.class,
                                            (String) args[0],
                                            proxy(LongCounter.class, recorder((String) args[0])));
                            case "histogramBuilder" ->
                                    builder(
                                            DoubleHistogramBuilder.class,
                                            (String) args[0],
                                            proxy(
                                                    DoubleHistogram.class,
                                                    recorder((String) args[0])));
                            default -> throw new UnsupportedOperationException(m.getName());
                        });
    }

    private <B> B builder(Class<B> type, String name, Object instrument) {
        Map<String, Object> set = new LinkedHashMap<>();
        instruments.put(name, set);
        return proxy(
                type,
                (builder, m, args) -> {
                    if (m.getName().equals("build")) {
                        return instrument;
                    }
                    if (m.getName().startsWith("set") && args != null && args.length == 1) {
                        set.put(m.getName(), args[0]);
                        return builder;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private InvocationHandler recorder(String instrument) {
        return (counter, m, args) -> {
            if ((m.getName().equals("add") || m.getName().equals("record"))
                    && args.length == 2
                    && args[1] instanceof Attributes a) {
                measurements.add(new Measurement(instrument, (Number) args[0], a));
                return null;
            }
            throw new UnsupportedOperationException(m.getName() + " " + List.of(args));
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T)
                Proxy.newProxyInstance(
                        DecisionMetricsTest.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    final AAuthFixture f = new AAuthFixture();
    final DecisionLog log =
            new DecisionLog(AAuthFixture.RESOURCE, f.clock, DecisionMetrics.with(recordingMeter()));

    VerifiedRequest request(SignatureKey key) {
        return f.verifier().verify(f.signedGet("/api/inventory", key).message());
    }

    private static Map<String, String> attributes(Measurement m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.attributes().forEach((k, v) -> out.put(k.getKey(), String.valueOf(v)));
        return out;
    }

    @Test
    @DisplayName(
            "an allowed in-process decision adds 1 to aauth.decisions and its latency in seconds to"
                    + " aauth.decision.duration, with decision, reason, level, resource and mode")
    void allowedInProcessDecisionIsCountedAndTimed() {
        VerifiedRequest r =
                request(new SignatureKey.Jwt(f.authToken(List.of("supply-chain:read"))));
        log.log(
                "GET",
                "/api/inventory",
                new Decision.Allowed(r, AAuthCaller.Level.AUTHORIZED, null),
                2_500_000);
        assertEquals(2, measurements.size(), measurements.toString());
        Measurement count = measurements.get(0);
        Measurement latency = measurements.get(1);
        assertEquals(DecisionMetrics.DECISIONS, count.instrument());
        assertEquals(1L, count.value());
        assertEquals(DecisionMetrics.DURATION, latency.instrument());
        assertEquals(0.0025, latency.value().doubleValue(), 1e-12);
        Map<String, String> expected =
                Map.of(
                        "aauth.decision", "allowed",
                        "aauth.reason", "auth_token",
                        "aauth.level", "authorized",
                        "aauth.resource", AAuthFixture.RESOURCE,
                        "aauth.mode", "in-process");
        assertEquals(expected, attributes(count));
        assertEquals(expected, attributes(latency));
    }

    @Test
    @DisplayName(
            "a gateway check's challenge is counted with mode gateway:nginx, even when the decision"
                    + " log's logger is off")
    void gatewayChallengeIsCountedEvenWithTheLogOff() {
        MintedToken rt =
                f.resource.resourceToken(
                        AAuthFixture.PS,
                        AAuthFixture.AGENT,
                        "jkt",
                        List.of("supply-chain:read"),
                        null,
                        Duration.ofMinutes(5));
        Logger logger = Logger.getLogger(DecisionLog.LOGGER);
        Level before = logger.getLevel();
        logger.setLevel(Level.OFF);
        try {
            log.log(
                    "GET",
                    "/api/inventory",
                    new Decision.Challenged(
                            request(new SignatureKey.Jwt(f.agentToken())),
                            rt,
                            AAuthFixture.PS,
                            "auth_token_required"),
                    "gateway:nginx",
                    1_000_000);
        } finally {
            logger.setLevel(before);
        }
        assertEquals(2, measurements.size(), measurements.toString());
        assertEquals(
                Map.of(
                        "aauth.decision", "challenged",
                        "aauth.reason", "auth_token_required",
                        "aauth.level", "identified",
                        "aauth.resource", AAuthFixture.RESOURCE,
                        "aauth.mode", "gateway:nginx"),
                attributes(measurements.get(0)));
    }

    @Test
    @DisplayName(
            "a refused unsigned request is counted as denied, unidentified, with its error code")
    void failedDecisionIsCountedWithItsErrorCode() {
        log.log(
                "GET",
                "/api/inventory",
                new Decision.Failed(
                        null, new AAuthException(AAuthError.SIGNATURE_INVALID_REQUEST, "x")),
                "gateway:envoy",
                0);
        Map<String, String> a = attributes(measurements.get(0));
        assertEquals("denied", a.get("aauth.decision"));
        assertEquals("invalid_request", a.get("aauth.reason"));
        assertEquals("unidentified", a.get("aauth.level"));
        assertEquals(0.0, measurements.get(1).value().doubleValue());
    }

    @Test
    @DisplayName(
            "attributes stay bounded: never the path, the agent or a token (one series per"
                    + " decision kind, not per request)")
    void attributesNeverCarryThePathTheAgentOrATokenSoSeriesStayBounded() {
        VerifiedRequest r = request(new SignatureKey.Jwt(f.agentToken()));
        log.log(
                "GET",
                "/api/inventory/secret-42",
                new Decision.Allowed(r, AAuthCaller.Level.IDENTIFIED, null),
                0);
        String all = measurements.toString();
        assertTrue(!all.contains("secret-42") && !all.contains(AAuthFixture.AGENT), all);
        assertTrue(!all.contains("eyJ"), all);
        assertEquals(5, measurements.get(0).attributes().size());
    }

    @Test
    @DisplayName(
            "the instruments: aauth.decisions in {decision}, aauth.decision.duration in seconds with"
                    + " sub-millisecond buckets")
    void instrumentsAreNamedWithUnitsAndBuckets() {
        assertEquals("{decision}", instruments.get(DecisionMetrics.DECISIONS).get("setUnit"));
        Map<String, Object> histogram = instruments.get(DecisionMetrics.DURATION);
        assertEquals("s", histogram.get("setUnit"));
        assertEquals(DecisionMetrics.BUCKETS, histogram.get("setExplicitBucketBoundariesAdvice"));
        assertTrue(DecisionMetrics.BUCKETS.get(0) < 0.001);
    }

    @Test
    @DisplayName("without a Meter (MicroProfile Telemetry 1.x, e.g. Payara) metrics are a no-op")
    void withoutAMeterNothingIsRecordedAndTheLogStillWorks() {
        DecisionLog plain = new DecisionLog(AAuthFixture.RESOURCE, f.clock);
        plain.log(
                "GET",
                "/api/inventory",
                new Decision.Failed(
                        null, new AAuthException(AAuthError.SIGNATURE_INVALID_REQUEST, "x")),
                0);
        DecisionMetrics.NONE.record(
                AAuthFixture.RESOURCE,
                "in-process",
                new Decision.Failed(
                        null, new AAuthException(AAuthError.SIGNATURE_INVALID_REQUEST, "x")),
                0);
        assertTrue(measurements.isEmpty());
    }
}
