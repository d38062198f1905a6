package dev.aauth.jakarta.gateway;

import dev.aauth.httpsig.FieldLookup;
import java.util.Objects;

/**
 * The original request a gateway asks about, whatever contract it spoke.
 *
 * @param contract which contract it arrived by
 * @param method the original method
 * @param scheme the original scheme ({@code http} or {@code https}), or null when the gateway did
 *     not say (then the host's identifier decides)
 * @param host the original {@code Host} (authority), as the gateway forwarded it
 * @param rawPath the original path, still percent-encoded, as received by the gateway
 * @param rawQuery the original query without {@code ?}, or null
 * @param fields the original request's header fields, as the signature verification sees them
 * @param body the original body when the gateway forwarded it whole; null when it did not
 */
public record GatewayRequest(
        Contract contract,
        String method,
        String scheme,
        String host,
        String rawPath,
        String rawQuery,
        FieldLookup fields,
        byte[] body) {

    /** The gateway contracts spoken. */
    public enum Contract {
        /** nginx {@code auth_request}: {@code X-Original-Method}, {@code X-Original-URI}. */
        NGINX("nginx"),
        /** Traefik / Caddy forward-auth: {@code X-Forwarded-Method, -Proto, -Host, -Uri}. */
        FORWARD_AUTH("forward-auth"),
        /** Envoy {@code ext_authz} HTTP service: method, prefixed path and headers as received. */
        ENVOY("envoy");

        private final String logName;

        Contract(String logName) {
            this.logName = logName;
        }

        public String logName() {
            return logName;
        }
    }

    public GatewayRequest {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(fields, "fields");
    }
}
