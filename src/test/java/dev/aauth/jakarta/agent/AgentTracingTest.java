package dev.aauth.jakarta.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.agent.AgentCredentials;
import dev.aauth.agent.AgentEvents;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The agent's spans carry what the seed's trace view shows of AAuth: who signs and with which
 * {@code Signature-Key} scheme, the {@code jti} of the resource and auth tokens, the error code of
 * a failed challenge.
 */
class AgentTracingTest {

    /** A span as the fake tracer saw it: its name, attributes, status and whether it ended. */
    static final class Recorded {
        final String name;
        final Map<String, Object> attributes = new java.util.LinkedHashMap<>();
        StatusCode status = StatusCode.UNSET;
        boolean ended;

        Recorded(String name) {
            this.name = name;
        }
    }

    final List<Recorded> spans = new ArrayList<>();

    /**
     * An OpenTelemetry {@link Tracer} of dynamic proxies that records what is set on its spans (the
     * SDK on the test class path does not match the API version MicroProfile Telemetry compiles
     * against). Default methods of the API run as written, so {@code makeCurrent} and {@code
     * Span.current()} really use the context.
     */
    Tracer recordingTracer() {
        return proxy(
                Tracer.class,
                (tracer, m, args) -> {
                    if (m.getName().equals("spanBuilder")) {
                        Recorded r = new Recorded((String) args[0]);
                        spans.add(r);
                        return spanBuilder(r);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private SpanBuilder spanBuilder(Recorded r) {
        return proxy(
                SpanBuilder.class,
                (builder, m, args) -> {
                    if (m.isDefault()) {
                        return InvocationHandler.invokeDefault(builder, m, args);
                    }
                    if (m.getName().equals("startSpan")) {
                        return span(r);
                    }
                    if (m.getName().equals("setAttribute")
                            && args[0] instanceof AttributeKey<?> k) {
                        r.attributes.put(k.getKey(), args[1]);
                    } else if (m.getName().equals("setAttribute")) {
                        r.attributes.put((String) args[0], args[1]);
                    }
                    return builder;
                });
    }

    private Span span(Recorded r) {
        return proxy(
                Span.class,
                (span, m, args) -> {
                    if (m.isDefault()) {
                        return InvocationHandler.invokeDefault(span, m, args);
                    }
                    switch (m.getName()) {
                        case "setAttribute" -> {
                            r.attributes.put(((AttributeKey<?>) args[0]).getKey(), args[1]);
                            return span;
                        }
                        case "setStatus" -> {
                            r.status = (StatusCode) args[0];
                            return span;
                        }
                        case "end" -> {
                            r.ended = true;
                            return null;
                        }
                        case "getSpanContext" -> {
                            return SpanContext.getInvalid();
                        }
                        case "isRecording" -> {
                            return true;
                        }
                        default -> {
                            return m.getReturnType() == Span.class ? span : null;
                        }
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T)
                Proxy.newProxyInstance(
                        AgentTracingTest.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    final AgentTracing tracing = AgentTracing.with(recordingTracer());

    @Test
    @DisplayName(
            "aauth.challenge carries aauth.agent, aauth.signature_key.scheme and the jti of the verified resource and auth tokens")
    void challengeSpanCarriesTheAAuthAttributes() {
        AgentCredentials agent =
                new AgentCredentials(
                        SigningKey.generate(SignatureAlgorithm.ED25519, null),
                        "a.b.c",
                        "aauth:backend@agents.example",
                        "https://ps.example",
                        0);
        List<String> heard = new ArrayList<>();
        AgentEvents events =
                tracing.traced(
                        new AgentEvents() {
                            @Override
                            public void token(String kind, Map<String, Object> claims) {
                                heard.add(kind);
                            }
                        });
        tracing.span(
                "aauth.challenge",
                "https://resource.example",
                () -> {
                    tracing.signer(agent);
                    events.token("resource", Map.of("jti", "rt-1"));
                    events.token("auth", Map.of("jti", "at-1", "scope", "data.read"));
                    return null;
                });
        assertEquals(List.of("resource", "auth"), heard, "the application still hears them");
        Recorded span = spans.get(0);
        assertEquals("aauth.challenge", span.name);
        assertTrue(span.ended);
        assertEquals("https://resource.example", span.attributes.get("aauth.resource"));
        assertEquals("aauth:backend@agents.example", span.attributes.get("aauth.agent"));
        assertEquals("jwt", span.attributes.get("aauth.signature_key.scheme"));
        assertEquals(1, spans.size());
        assertEquals("rt-1", span.attributes.get("aauth.resource_token.jti"));
        assertEquals("at-1", span.attributes.get("aauth.auth_token.jti"));
        assertEquals("data.read", span.attributes.get("aauth.scope"));
    }

    @Test
    @DisplayName(
            "a challenge that fails sets aauth.error to the error code and the span's status to ERROR")
    void failedChallengeNamesItsErrorCode() {
        assertThrows(
                AAuthException.class,
                () ->
                        tracing.span(
                                "aauth.challenge",
                                "https://resource.example",
                                () -> {
                                    throw new AAuthException(
                                            AAuthError.DENIED, "the person said no");
                                }));
        Recorded span = spans.get(0);
        assertEquals("denied", span.attributes.get("aauth.error"));
        assertEquals(StatusCode.ERROR, span.status);
        assertTrue(span.ended);
    }
}
