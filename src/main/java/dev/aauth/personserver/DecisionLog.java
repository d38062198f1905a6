package dev.aauth.personserver;

import java.util.List;

/**
 * "The decision and its reason are recorded": one entry per token request that reached the policy.
 * Thread-safe; {@link StoreDecisionLog} in the server, {@link InMemoryDecisionLog} in unit tests.
 */
public interface DecisionLog {

    /**
     * @param outcome {@code grant}, {@code interaction} or {@code deny}
     * @param resourceTokenJti the {@code jti} of the resource token decided on
     * @param authTokenJti the {@code jti} of the auth token issued, or null
     * @param person the person the agent belongs to (call chaining: the upstream token's), or null
     *     when the agent is bound to nobody
     */
    record Entry(
            long at,
            String agent,
            String resource,
            List<String> scopes,
            String outcome,
            String reason,
            String resourceTokenJti,
            String authTokenJti,
            String person) {
        public Entry {
            scopes = List.copyOf(scopes);
        }

        /** Without a person. */
        public Entry(
                long at,
                String agent,
                String resource,
                List<String> scopes,
                String outcome,
                String reason,
                String resourceTokenJti,
                String authTokenJti) {
            this(
                    at,
                    agent,
                    resource,
                    scopes,
                    outcome,
                    reason,
                    resourceTokenJti,
                    authTokenJti,
                    null);
        }
    }

    void record(Entry entry);
}
