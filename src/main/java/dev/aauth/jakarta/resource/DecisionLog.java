package dev.aauth.jakarta.resource;

import dev.aauth.profile.VerifiedRequest;
import dev.aauth.token.AgentToken;
import dev.aauth.token.AuthToken;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jose4j.json.JsonUtil;

/**
 * One structured line per access decision, a JSON object logged at {@code INFO} on the logger
 * {@value #LOGGER}:
 * <pre>{"time":"2026-11-23T12:00:00.123Z","resource":"http://localhost:9081","method":"GET",
 * "path":"/api/inventory","agent":"aauth:backend@localhost:9080","agent_server":"http://localhost:9080",
 * "level":"identified","result":"challenged","reason":"auth_token_required",
 * "resource_token_jti":"...","latency_ms":2}</pre>
 * {@code level} is {@code unidentified}, {@code identified} or {@code authorized}; {@code result}
 * is {@code allowed}, {@code challenged} or {@code denied}; {@code reason} is a Signature-Error or
 * endpoint error code, or the policy reason. No token, key or signature is ever logged.
 */
public final class DecisionLog {

    public static final String LOGGER = "dev.aauth.decision";

    private static final Logger LOG = Logger.getLogger(LOGGER);

    private final String resource;
    private final Clock clock;

    public DecisionLog(String resource, Clock clock) {
        this.resource = resource;
        this.clock = clock;
    }

    /** Logs one decision. */
    public void log(String method, String path, Decision decision, long latencyNanos) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        LOG.info(line(method, path, decision, latencyNanos));
    }

    /** The JSON line. */
    public String line(String method, String path, Decision decision, long latencyNanos) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", clock.instant().toString());
        m.put("resource", resource);
        m.put("method", method);
        m.put("path", path);
        VerifiedRequest r = decision.request();
        if (r != null) {
            m.put("agent", r.identity());
            String server = agentServer(r);
            if (server != null) {
                m.put("agent_server", server);
            }
        }
        m.put("level", decision.level());
        m.put("result", decision.result());
        m.put("reason", decision.reason());
        if (decision instanceof Decision.Challenged c) {
            m.put("resource_token_jti", c.resourceToken().jti());
            m.put("resource_token_aud", c.audience());
        }
        if (r != null && r.authToken() != null) {
            m.put("auth_token_jti", r.authToken().jti());
        }
        m.put("latency_ms", latencyNanos / 1_000_000);
        return JsonUtil.toJson(m);
    }

    /** The server that vouched for the agent: the auth token's issuer, else the agent token's issuer. */
    private static String agentServer(VerifiedRequest r) {
        AuthToken auth = r.authToken();
        if (auth != null) {
            return auth.issuer();
        }
        AgentToken agent = r.agentToken();
        return agent == null ? null : agent.issuer();
    }
}
