package dev.aauth.jakarta.agent;

import dev.aauth.agent.AgentCredentials;
import dev.aauth.agent.AgentEvents;
import dev.aauth.agent.AgentHttp;
import dev.aauth.error.AAuthException;
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
import java.util.List;
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

    /** A tracer given directly (tests), instead of the CDI one. */
    private Tracer fixed;

    static AgentTracing with(Tracer tracer) {
        AgentTracing t = new AgentTracing();
        t.fixed = tracer;
        return t;
    }

    /**
     * Runs {@code work} in a span named {@code name} with the attribute {@code aauth.resource}; an
     * {@link AAuthException} leaving it sets {@code aauth.error} to its error code.
     */
    public <T> T span(String name, String resource, Supplier<T> work) {
        Tracer tracer = tracer();
        if (tracer == null) {
            return work.get();
        }
        Span span = tracer.spanBuilder(name).setAttribute("aauth.resource", resource).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException e) {
            if (e instanceof AAuthException a) {
                span.setAttribute("aauth.error", a.code());
            }
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * Marks the current span with who signs: {@code aauth.agent} (the agent identifier) and {@code
     * aauth.signature_key.scheme} (the {@code Signature-Key} scheme of its requests), as the seed's
     * trace view shows them.
     */
    void signer(AgentCredentials agent) {
        Span span = Span.current();
        span.setAttribute("aauth.agent", agent.agent());
        span.setAttribute("aauth.signature_key.scheme", agent.signatureKey().scheme());
    }

    /**
     * {@code events}, also setting on the current span the {@code jti} of each token the agent
     * verified: {@code aauth.resource_token.jti}, {@code aauth.auth_token.jti}, and the auth
     * token's {@code scope} as {@code aauth.scope}.
     */
    AgentEvents traced(AgentEvents events) {
        return new AgentEvents() {
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
                events.exchange(
                        party,
                        method,
                        url,
                        requestHeaders,
                        requestBody,
                        status,
                        responseHeaders,
                        responseBody,
                        millis);
            }

            @Override
            public void token(String kind, Map<String, Object> claims) {
                Span span = Span.current();
                Object jti = claims.get("jti");
                if (jti instanceof String id) {
                    span.setAttribute("aauth." + kind + "_token.jti", id);
                }
                if ("auth".equals(kind) && claims.get("scope") instanceof String scope) {
                    span.setAttribute("aauth.scope", scope);
                }
                events.token(kind, claims);
            }

            @Override
            public void note(String text) {
                events.note(text);
            }
        };
    }

    /**
     * The Tracer, or null when there is none (no MicroProfile Telemetry, or the application is
     * stopping).
     */
    private Tracer tracer() {
        if (fixed != null) {
            return fixed;
        }
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
