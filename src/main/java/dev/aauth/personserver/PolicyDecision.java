package dev.aauth.personserver;

import java.util.List;

/** What the Person Server's policy says about one token request. */
public sealed interface PolicyDecision {

    /** Why; recorded with the decision. */
    String reason();

    /** Issue an auth token for {@code scopes} now (direct grant). */
    record Grant(List<String> scopes, String reason) implements PolicyDecision {
        public Grant {
            scopes = List.copyOf(scopes);
        }
    }

    /**
     * The person must be asked (deferred response, or {@code interaction_required} without one).
     */
    record Interaction(String reason) implements PolicyDecision {}

    /** Refused by an explicit deny rule. */
    record Deny(String reason) implements PolicyDecision {}
}
