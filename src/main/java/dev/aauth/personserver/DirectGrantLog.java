package dev.aauth.personserver;

/**
 * Where a direct grant is recorded: the issued token ({@link IssuedTokenLog}, "jti recorded") and
 * the decision that issued it ({@link DecisionLog}, "The decision and its reason are recorded").
 * Both are written, or neither, before the token is handed out. Thread-safe; {@link
 * StoreDirectGrantLog} in the server (one transaction, shared by concurrent grants), {@link #of}
 * elsewhere.
 */
public interface DirectGrantLog {

    /**
     * @throws RuntimeException when the grant could not be recorded: the token must not be handed
     *     out
     */
    void record(IssuedTokenLog.IssuedToken token, DecisionLog.Entry decision);

    /** One log, then the other: for logs held in memory, which cannot fail half-way. */
    static DirectGrantLog of(IssuedTokenLog issued, DecisionLog decisions) {
        return (token, decision) -> {
            issued.record(token);
            decisions.record(decision);
        };
    }
}
