package dev.aauth.agent;

import java.util.List;

/**
 * Answers a person's question during consent: "When the user asks a question during consent, the PS
 * returns a 202 with AAuth-Requirement: requirement=clarification"; the agent "MUST respond" and
 * does so with a clarification response (POSTed to the pending URL). Return null to cancel the
 * request instead (DELETE of the pending URL).
 */
@FunctionalInterface
public interface ClarificationHandler {

    /** Cancels every request that asks a question: for agents that cannot answer. */
    ClarificationHandler CANCEL = (question, options) -> null;

    /**
     * @param question the {@code clarification}, Markdown (untrusted: sanitize before showing it)
     * @param options the {@code options}, possibly empty
     * @return the {@code clarification_response} (Markdown), or null to cancel
     */
    String answer(String question, List<String> options);
}
