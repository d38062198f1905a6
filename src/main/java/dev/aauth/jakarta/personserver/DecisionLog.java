package dev.aauth.jakarta.personserver;

import java.util.List;

/**
 * "The decision and its reason are recorded": one entry per token request that reached the policy.
 * Thread-safe; {@link StoreDecisionLog} in the server, {@link InMemoryDecisionLog} in unit tests.
 */
public interface DecisionLog {

    /**
     * @param outcome         {@code grant}, {@code interaction} or {@code deny}
     * @param resourceTokenJti the {@code jti} of the resource token decided on
     * @param authTokenJti    the {@code jti} of the auth token issued, or null
     */
    record Entry(long at, String agent, String resource, List<String> scopes, String outcome, String reason,
                 String resourceTokenJti, String authTokenJti) {
        public Entry {
            scopes = List.copyOf(scopes);
        }
    }

    void record(Entry entry);
}
