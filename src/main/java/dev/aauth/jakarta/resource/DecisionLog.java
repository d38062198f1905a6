package dev.aauth.jakarta.resource;

import dev.aauth.profile.VerifiedRequest;
import dev.aauth.token.AgentToken;
import dev.aauth.token.AuthToken;
import dev.aauth.token.Draft11AuthToken;
import dev.aauth.token.PersonToken;
import io.opentelemetry.api.trace.Span;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One structured line per access decision, a JSON object logged at {@code INFO} on the logger
 * {@value #LOGGER}:
 *
 * <pre>{"time":"2026-11-23T12:00:00.123Z","resource_id":"http://localhost:9081",
 * "resource":"http://localhost:9081","mode":"in-process","method":"GET","path":"/api/inventory",
 * "agent":"aauth:backend@localhost:9080","delegate":"aauth:backend@localhost:9080",
 * "agent_server":"http://localhost:9080",
 * "level":"identified","result":"challenged","reason":"auth_token_required",
 * "resource_token_jti":"...","latency_ms":2}</pre>
 *
 * The seed's fields ({@code resource_id}, {@code level}, {@code agent_server}, {@code delegate},
 * {@code resource_token_jti}, {@code result}, {@code reason}, {@code latency_ms}) are all there:
 * {@code resource_id} (and {@code resource}) is the protected resource's identifier, {@code
 * delegate} (and {@code agent}) the agent that signed; {@code mode} is {@code in-process} for the
 * JAX-RS filters and {@code gateway:nginx}, {@code gateway:forward-auth} or {@code gateway:envoy}
 * for the check endpoint. {@code level} is {@code unidentified}, {@code identified} or {@code
 * authorized}; {@code result} is {@code allowed}, {@code challenged} or {@code denied}; {@code
 * reason} is a Signature-Error or endpoint error code, or the policy reason. No token, key or
 * signature is ever logged. Each decision is also counted, with its latency, in the {@link
 * DecisionMetrics} (MicroProfile Telemetry metrics), whether or not the line is logged, and
 * described on the current span ({@link DecisionSpans}).
 */
public final class DecisionLog {

    public static final String LOGGER = "dev.aauth.decision";

    private static final Logger LOG = Logger.getLogger(LOGGER);

    private final String resource;
    private final Clock clock;
    private final DecisionMetrics metrics;

    /** A log without metrics. */
    public DecisionLog(String resource, Clock clock) {
        this(resource, clock, DecisionMetrics.NONE);
    }

    public DecisionLog(String resource, Clock clock, DecisionMetrics metrics) {
        this.resource = resource;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The {@code mode} of the in-process filters' decisions. */
    public static final String IN_PROCESS = "in-process";

    /** Logs one decision of the in-process filters. */
    public void log(String method, String path, Decision decision, long latencyNanos) {
        log(method, path, decision, IN_PROCESS, latencyNanos);
    }

    /**
     * Logs one decision.
     *
     * @param mode {@value #IN_PROCESS}, or {@code gateway:<contract>} for the check endpoint
     */
    public void log(String method, String path, Decision decision, String mode, long latencyNanos) {
        metrics.record(resource, mode, decision, latencyNanos);
        DecisionSpans.annotate(Span.current(), resource, mode, decision);
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        LOG.info(line(method, path, decision, mode, latencyNanos));
    }

    /** The JSON line of an in-process decision. */
    public String line(String method, String path, Decision decision, long latencyNanos) {
        return line(method, path, decision, IN_PROCESS, latencyNanos);
    }

    /**
     * The JSON line. Written directly into one {@link StringBuilder} (every request of a protected
     * endpoint logs one, so no intermediate map); strings are escaped per RFC 8259, control
     * characters included, so a request path can never break the line or forge another.
     */
    public String line(
            String method, String path, Decision decision, String mode, long latencyNanos) {
        StringBuilder b = new StringBuilder(448);
        b.append('{');
        field(b, "time", clock.instant().toString());
        field(b, "resource_id", resource);
        field(b, "resource", resource);
        field(b, "mode", mode);
        field(b, "method", method);
        field(b, "path", path);
        VerifiedRequest r = decision.request();
        if (r != null) {
            field(b, "agent", r.identity());
            field(b, "delegate", r.identity());
            String server = agentServer(r);
            if (server != null) {
                field(b, "agent_server", server);
            }
        }
        field(b, "level", decision.level());
        field(b, "result", decision.result());
        field(b, "reason", decision.reason());
        if (decision instanceof Decision.Challenged c) {
            field(b, "resource_token_jti", c.resourceToken().jti());
            field(b, "resource_token_aud", c.audience());
        }
        if (r != null && r.authToken() != null) {
            field(b, "auth_token_jti", r.authToken().jti());
        }
        if (r != null && r.draft11AuthToken() != null) {
            field(b, "auth_token_jti", r.draft11AuthToken().jti());
        }
        if (r != null && r.personToken() != null) {
            field(b, "person_token_jti", r.personToken().jti());
        }
        b.append("\"latency_ms\":").append(latencyNanos / 1_000_000).append('}');
        return b.toString();
    }

    /** {@code "name":"value",}; a null value is written as JSON {@code null}. */
    private static void field(StringBuilder b, String name, String value) {
        b.append('"').append(name).append("\":");
        if (value == null) {
            b.append("null");
        } else {
            b.append('"');
            escape(b, value);
            b.append('"');
        }
        b.append(',');
    }

    /**
     * RFC 8259 section 7: quotation mark, reverse solidus and the control characters are escaped.
     */
    static void escape(StringBuilder b, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        b.append("\\u");
                        for (int shift = 12; shift >= 0; shift -= 4) {
                            b.append(Character.forDigit((c >> shift) & 0xf, 16));
                        }
                    } else {
                        b.append(c);
                    }
                }
            }
        }
    }

    /**
     * The server that vouched for the agent: the auth token's issuer, else the agent token's
     * issuer; under draft-11 the issuer of the auth or person token presented.
     */
    private static String agentServer(VerifiedRequest r) {
        AuthToken auth = r.authToken();
        if (auth != null) {
            return auth.issuer();
        }
        if (r.token() instanceof Draft11AuthToken || r.token() instanceof PersonToken) {
            return r.token().issuer();
        }
        AgentToken agent = r.agentToken();
        return agent == null ? null : agent.issuer();
    }
}
