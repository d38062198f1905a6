package dev.aauth.jakarta.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.profile.AAuthFixture;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.MintedToken;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: "agent and resource spans carry AAuth attributes (signature key scheme, agent, resource
 * token jti, decision, reason) as the seed's Jaeger view shows", on the resource's side.
 */
class DecisionSpansTest {

    final AAuthFixture f = new AAuthFixture();
    final Map<String, Object> attributes = new LinkedHashMap<>();

    /** A span (dynamic proxy) that records its attributes; {@code recording} as given. */
    Span span(boolean recording) {
        InvocationHandler h =
                (span, m, args) -> {
                    switch (m.getName()) {
                        case "setAttribute" -> {
                            String key =
                                    args[0] instanceof AttributeKey<?> k
                                            ? k.getKey()
                                            : (String) args[0];
                            attributes.put(key, args[1]);
                            return span;
                        }
                        case "isRecording" -> {
                            return recording;
                        }
                        case "getSpanContext" -> {
                            return SpanContext.getInvalid();
                        }
                        default -> {
                            if (m.isDefault()) {
                                return InvocationHandler.invokeDefault(span, m, args);
                            }
                            return m.getReturnType() == Span.class ? span : null;
                        }
                    }
                };
        return (Span)
                Proxy.newProxyInstance(
                        DecisionSpansTest.class.getClassLoader(), new Class<?>[] {Span.class}, h);
    }

    @Test
    @DisplayName(
            "a challenge through the gateway marks the span with decision, reason, level, agent,"
                    + " signature key scheme and the resource token's jti")
    void challengeSpanCarriesTheSeedAttributes() {
        MintedToken rt =
                f.resource.resourceToken(
                        AAuthFixture.PS,
                        AAuthFixture.AGENT,
                        "jkt",
                        List.of("supply-chain:read"),
                        null,
                        Duration.ofMinutes(5));
        VerifiedRequest r =
                f.verifier()
                        .verify(
                                f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()))
                                        .message());
        DecisionSpans.annotate(
                span(true),
                AAuthFixture.RESOURCE,
                "gateway:nginx",
                new Decision.Challenged(r, rt, AAuthFixture.PS, "auth_token_required"));
        assertEquals("challenged", attributes.get("aauth.decision"));
        assertEquals("auth_token_required", attributes.get("aauth.reason"));
        assertEquals("identified", attributes.get("aauth.level"));
        assertEquals(AAuthFixture.RESOURCE, attributes.get("aauth.resource"));
        assertEquals("gateway:nginx", attributes.get("aauth.mode"));
        assertEquals(AAuthFixture.AGENT, attributes.get("aauth.agent"));
        assertEquals("jwt", attributes.get("aauth.signature_key.scheme"));
        assertEquals(rt.jti(), attributes.get("aauth.resource_token.jti"));
        assertFalse(attributes.values().stream().anyMatch(v -> String.valueOf(v).contains("eyJ")));
    }

    @Test
    @DisplayName("an allowed request with an auth token marks the span with the auth token's jti")
    void allowedSpanCarriesTheAuthTokenJti() {
        VerifiedRequest r =
                f.verifier()
                        .verify(
                                f.signedGet(
                                                "/api/inventory",
                                                new SignatureKey.Jwt(
                                                        f.authToken(List.of("supply-chain:read"))))
                                        .message());
        DecisionSpans.annotate(
                span(true),
                AAuthFixture.RESOURCE,
                DecisionLog.IN_PROCESS,
                new Decision.Allowed(r, AAuthCaller.Level.AUTHORIZED, null));
        assertEquals("allowed", attributes.get("aauth.decision"));
        assertEquals("authorized", attributes.get("aauth.level"));
        assertEquals(r.authToken().jti(), attributes.get("aauth.auth_token.jti"));
        assertFalse(attributes.containsKey("aauth.resource_token.jti"));
    }

    @Test
    @DisplayName("a span that does not record (OpenTelemetry disabled) gets nothing")
    void notRecordingSpanGetsNothing() {
        DecisionSpans.annotate(
                span(false),
                AAuthFixture.RESOURCE,
                DecisionLog.IN_PROCESS,
                new Decision.Denied(null, "policy", "no"));
        assertTrue(attributes.isEmpty());
    }
}
