package dev.aauth.personserver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of an origin with the {@code person-server} role, read and checked by {@link
 * AAuthConfig} (see its table for the property names). Immutable.
 *
 * @param scopesSupported {@code scopes_supported}: identity scopes this PS declares
 * @param claimsSupported {@code claims_supported}
 * @param tokenLifetime lifetime of auth tokens ("MUST NOT have a lifetime exceeding 1 hour")
 * @param alwaysAsk scopes that always need the person ({@code require:user} by default)
 * @param deny explicit deny rules
 * @param autonomous the autonomous allow-list: agents acting without a person in the loop
 * @param agentBindings agent identifier to the person it belongs to (bound by an administrator)
 * @param pairwiseSecret the secret of pairwise {@code sub} values; empty means a random one per
 *     start
 * @param agentResources agent identifier to the resource it also is (call chaining: the {@code aud}
 *     of the upstream tokens it may present)
 * @param pendingLifetime how long a deferred request stays open before it expires (408)
 * @param retryAfter the {@code Retry-After} of pending responses: "Recommended polling interval in
 *     seconds"
 */
public record PersonServerSettings(
        List<String> scopesSupported,
        List<String> claimsSupported,
        Duration tokenLifetime,
        List<String> alwaysAsk,
        List<PolicyRule> deny,
        List<PolicyRule> autonomous,
        Map<String, String> agentBindings,
        Optional<String> pairwiseSecret,
        Map<String, String> agentResources,
        Duration pendingLifetime,
        Duration retryAfter) {

    public PersonServerSettings {
        scopesSupported = List.copyOf(scopesSupported);
        claimsSupported = List.copyOf(claimsSupported);
        alwaysAsk = List.copyOf(alwaysAsk);
        deny = List.copyOf(deny);
        autonomous = List.copyOf(autonomous);
        agentBindings = Map.copyOf(agentBindings);
        agentResources = Map.copyOf(agentResources);
    }

    public static final Duration DEFAULT_PENDING_LIFETIME = Duration.ofMinutes(10);
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    /** With the default pending lifetime (10 min) and {@code Retry-After} (5 s). */
    public PersonServerSettings(
            List<String> scopesSupported,
            List<String> claimsSupported,
            Duration tokenLifetime,
            List<String> alwaysAsk,
            List<PolicyRule> deny,
            List<PolicyRule> autonomous,
            Map<String, String> agentBindings,
            Optional<String> pairwiseSecret,
            Map<String, String> agentResources) {
        this(
                scopesSupported,
                claimsSupported,
                tokenLifetime,
                alwaysAsk,
                deny,
                autonomous,
                agentBindings,
                pairwiseSecret,
                agentResources,
                DEFAULT_PENDING_LIFETIME,
                DEFAULT_RETRY_AFTER);
    }
}
