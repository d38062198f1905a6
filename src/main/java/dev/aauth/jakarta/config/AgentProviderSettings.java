package dev.aauth.jakarta.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of an origin with the {@code agent-provider} role, read and checked by {@link
 * AAuthConfig} (see its table for the property names). Immutable.
 *
 * @param clientName {@code client_name} of the agent metadata
 * @param logoUri {@code logo_uri}
 * @param callbackEndpoint {@code callback_endpoint}
 * @param localhostCallbackAllowed {@code localhost_callback_allowed}
 * @param personServer the {@code ps} claim of the agent tokens issued here, if any
 * @param tokenLifetime lifetime of agent tokens ("SHOULD NOT have a lifetime exceeding 24 hours")
 * @param trustedKeys remote enrollment: agent local name to the JWK thumbprints (SHA-256,
 *     base64url) of the long-lived keys trusted to speak for it
 */
public record AgentProviderSettings(
        Optional<String> clientName,
        Optional<String> logoUri,
        Optional<String> callbackEndpoint,
        boolean localhostCallbackAllowed,
        Optional<String> personServer,
        Duration tokenLifetime,
        Map<String, Set<String>> trustedKeys) {

    public AgentProviderSettings {
        trustedKeys = Map.copyOf(trustedKeys);
    }

    /** Whether {@code thumbprint} is a long-lived key trusted for the agent {@code local}. */
    public boolean trusts(String local, String thumbprint) {
        Set<String> keys = trustedKeys.get(local);
        return keys != null && keys.contains(thumbprint);
    }
}
