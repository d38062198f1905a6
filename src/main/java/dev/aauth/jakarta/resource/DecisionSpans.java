package dev.aauth.jakarta.resource;

import dev.aauth.profile.VerifiedRequest;
import io.opentelemetry.api.trace.Span;

/**
 * The resource's side of seed 000's trace view (issue 14: "agent and resource spans carry AAuth
 * attributes (signature key scheme, agent, resource token jti, decision, reason)"): the span
 * current while a decision is made, i.e. the server span MicroProfile Telemetry opens for the HTTP
 * request (the protected request in-process, the check request behind a gateway), gets {@code
 * aauth.decision}, {@code aauth.reason}, {@code aauth.level}, {@code aauth.resource}, {@code
 * aauth.mode}, and when known {@code aauth.agent}, {@code aauth.signature_key.scheme}, {@code
 * aauth.resource_token.jti} (a challenge) and {@code aauth.auth_token.jti}. Nothing when no span
 * records (OpenTelemetry disabled, the default). No token, key or signature is ever an attribute.
 */
final class DecisionSpans {

    private DecisionSpans() {}

    static void annotate(Span span, String resource, String mode, Decision decision) {
        if (!span.isRecording()) {
            return;
        }
        set(span, "aauth.resource", resource);
        set(span, "aauth.mode", mode);
        set(span, "aauth.decision", decision.result());
        set(span, "aauth.reason", decision.reason());
        set(span, "aauth.level", decision.level());
        VerifiedRequest r = decision.request();
        if (r != null) {
            set(span, "aauth.agent", r.identity());
            set(span, "aauth.signature_key.scheme", r.signer().scheme());
            if (r.authToken() != null) {
                set(span, "aauth.auth_token.jti", r.authToken().jti());
            }
        }
        if (decision instanceof Decision.Challenged c) {
            set(span, "aauth.resource_token.jti", c.resourceToken().jti());
        }
    }

    private static void set(Span span, String key, String value) {
        if (value != null) {
            span.setAttribute(key, value);
        }
    }
}
