package dev.aauth.jakarta.resource;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Issue 14's "decision counters and a latency histogram through MicroProfile Telemetry metrics",
 * for the check endpoint and the in-process filter alike: every decision the {@link DecisionLog}
 * writes also adds one to the counter {@value #DECISIONS} and records its latency in the histogram
 * {@value #DURATION} (seconds), both with the attributes {@code aauth.decision} ({@code allowed},
 * {@code challenged}, {@code denied}), {@code aauth.reason}, {@code aauth.level}, {@code
 * aauth.resource} (the protected host's identifier) and {@code aauth.mode} ({@code in-process},
 * {@code gateway:nginx}, ...). Every value comes from a small set (no path, agent or token), so the
 * number of series stays bounded.
 *
 * <p>The {@link Meter} is the one MicroProfile Telemetry 2.x provides (Liberty {@code
 * mpTelemetry-2.x}); exported only when OpenTelemetry is configured ({@code
 * otel.sdk.disabled=false} and a metrics exporter). Where no {@code Meter} bean exists
 * (MicroProfile Telemetry 1.x, e.g. Payara 6) every record is a no-op: metrics never change a
 * decision.
 */
@ApplicationScoped
public class DecisionMetrics {

    /** The counter: one per decision. */
    public static final String DECISIONS = "aauth.decisions";

    /** The histogram: the decision's latency, in seconds. */
    public static final String DURATION = "aauth.decision.duration";

    public static final AttributeKey<String> DECISION = AttributeKey.stringKey("aauth.decision");
    public static final AttributeKey<String> REASON = AttributeKey.stringKey("aauth.reason");
    public static final AttributeKey<String> LEVEL = AttributeKey.stringKey("aauth.level");
    public static final AttributeKey<String> RESOURCE = AttributeKey.stringKey("aauth.resource");
    public static final AttributeKey<String> MODE = AttributeKey.stringKey("aauth.mode");

    /**
     * Bucket boundaries (seconds): from 0.1 ms to 10 s, for checks that mostly take well under 5
     * ms.
     */
    static final List<Double> BUCKETS =
            List.of(
                    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                    0.5, 1.0, 2.5, 5.0, 10.0);

    /** No meter: records nothing. */
    public static final DecisionMetrics NONE = new DecisionMetrics();

    @Inject Instance<Meter> meters;

    private LongCounter decisions;
    private DoubleHistogram duration;

    /** Metrics recorded with {@code meter} (tests), instead of the CDI one. */
    static DecisionMetrics with(Meter meter) {
        DecisionMetrics m = new DecisionMetrics();
        m.instruments(meter);
        return m;
    }

    @PostConstruct
    void init() {
        Meter meter;
        try {
            meter = meters.isResolvable() ? meters.get() : null;
        } catch (RuntimeException | LinkageError e) {
            meter = null; // no MicroProfile Telemetry metrics here: a no-op
        }
        if (meter != null) {
            instruments(meter);
        }
    }

    private void instruments(Meter meter) {
        decisions =
                meter.counterBuilder(DECISIONS)
                        .setDescription("AAuth access decisions (in-process and gateway check)")
                        .setUnit("{decision}")
                        .build();
        duration =
                meter.histogramBuilder(DURATION)
                        .setDescription("Latency of an AAuth access decision")
                        .setUnit("s")
                        .setExplicitBucketBoundariesAdvice(BUCKETS)
                        .build();
    }

    /** Counts one decision about {@code resource} and records its latency. */
    public void record(String resource, String mode, Decision decision, long latencyNanos) {
        LongCounter counter = decisions;
        if (counter == null) {
            return;
        }
        Attributes attributes =
                Attributes.of(
                        DECISION,
                        decision.result(),
                        REASON,
                        String.valueOf(decision.reason()),
                        LEVEL,
                        decision.level(),
                        RESOURCE,
                        resource,
                        MODE,
                        mode);
        counter.add(1, attributes);
        duration.record(latencyNanos / 1e9, attributes);
    }
}
