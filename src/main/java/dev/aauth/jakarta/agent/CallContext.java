package dev.aauth.jakarta.agent;

import dev.aauth.agent.AgentCall;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.token.VerifiedToken;

/**
 * The state of one {@link AAuthAgent#call} on the calling thread, shared by the REST client
 * providers (MicroProfile REST Client runs a synchronous call's filters and exception mappers on
 * the caller's thread): the call's options, the auth token to present on the retry, and the last
 * request sent (so the exception mapper, which sees only the response, knows which resource
 * challenged).
 */
final class CallContext {

    /**
     * The last request the filter signed: the token it presented (null: the agent token) and the
     * draft it spoke.
     */
    record SentRequest(
            String resource,
            String method,
            String path,
            boolean carriedAuthToken,
            VerifiedToken presented,
            AAuthProfile profile) {}

    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    final AgentCall call;
    String retryResource;
    VerifiedToken retryToken;
    SentRequest last;

    private CallContext(AgentCall call) {
        this.call = call;
    }

    /**
     * The context of the call in progress, or a fresh default one (providers used without the
     * facade).
     */
    static CallContext current() {
        CallContext c = CURRENT.get();
        if (c == null) {
            c = new CallContext(AgentCall.DEFAULT);
            CURRENT.set(c);
        }
        return c;
    }

    /** Starts a call; returns the context it replaces (nested calls), to {@link #restore}. */
    static CallContext enter(AgentCall call) {
        CallContext previous = CURRENT.get();
        CURRENT.set(new CallContext(call));
        return previous;
    }

    static void restore(CallContext previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
