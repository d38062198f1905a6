package dev.aauth.jakarta.config;

import dev.aauth.draft.AAuthProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings of an origin with the {@code agent} role, read and checked by {@link AAuthConfig}
 * (see its table for the property names). Immutable.
 *
 * @param name the agent's local name: the agent is {@code aauth:<name>@<agent provider's domain>}
 * @param agentProvider the Agent Provider issuing its agent tokens; this origin when it is the AP
 * @param keyFile the long-lived private JWK proving the agent to a remote Agent Provider ({@code
 *     jkt-jwt} enrollment); unused when the AP is this origin (in-process)
 * @param renewBefore a new key and agent token are obtained this long before the agent token
 *     expires
 * @param authTokenMargin cached auth tokens are not used within this margin of their {@code exp}
 * @param pendingTimeout the longest the agent waits for a deferred ({@code 202}) token request
 * @param httpTimeout connect and request timeout of the agent's own calls (PS, AP)
 * @param supplyChainUrl demo: the target URL of the backend agent's supply-chain REST client
 * @param marketAnalysisUrl demo: the target URL of the supply-chain agent's market-analysis REST
 *     client
 * @param draft the draft the agent speaks ({@code aauth.agent.draft}): its agent token is asked for
 *     in that draft's shape, and it answers challenges by that draft's rules
 */
public record AgentSettings(
        Optional<String> name,
        Optional<String> agentProvider,
        Optional<Path> keyFile,
        Duration renewBefore,
        Duration authTokenMargin,
        Duration pendingTimeout,
        Duration httpTimeout,
        Optional<String> supplyChainUrl,
        Optional<String> marketAnalysisUrl,
        AAuthProfile draft) {}
