package dev.aauth.jakarta.agent;

import dev.aauth.agent.AgentHttp;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapSetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OpenTelemetry spans of the agent runtime (MicroProfile Telemetry): {@code aauth.challenge}
 * (answering a {@code 401}), {@code aauth.exchange} (the token request), {@code aauth.poll} (each
 * poll of a pending request), {@code aauth.retry}. The agent's own calls to the Person Server carry
 * the W3C {@code traceparent}, and MicroProfile REST Client propagates it to resources, so one demo
 * action is one trace across the three origins. Exported only when OpenTelemetry is configured
 * ({@code otel.sdk.disabled=false}); otherwise every span is a no-op.
 */
@ApplicationScoped
public class AgentTracing {

    private static final TextMapSetter<Map<String, String>> SETTER =
            (carrier, key, value) -> carrier.put(key, value);

    @Inject Instance<Tracer> tracers;

    /** Runs {@code work} in a span named {@code name} with the attribute {@code aauth.resource}. */
    public <T> T span(String name, String resource, Supplier<T> work) {
        Tracer tracer = tracer();
        if (tracer == null) {
            return work.get();
        }
        Span span = tracer.spanBuilder(name).setAttribute("aauth.resource", resource).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * The Tracer, or null when there is none (no MicroProfile Telemetry, or the application is
     * stopping).
     */
    private Tracer tracer() {
        try {
            return tracers.isResolvable() ? tracers.get() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * {@code http} with a span per call ({@code aauth.exchange}, or {@code aauth.poll} for a GET)
     * and {@code traceparent}.
     */
    AgentHttp http(AgentHttp http) {
        return request ->
                span(
                        request.method().equals("GET") ? "aauth.poll" : "aauth.exchange",
                        request.url(),
                        () -> {
                            Map<String, String> headers = new LinkedHashMap<>(request.headers());
                            W3CTraceContextPropagator.getInstance()
                                    .inject(Context.current(), headers, SETTER);
                            return http.send(
                                    new AgentHttp.Request(
                                            request.method(),
                                            request.url(),
                                            headers,
                                            request.body()));
                        });
    }
}
