package dev.aauth.agent;

import java.util.Objects;

/**
 * How one application call should be authorized: on whose behalf (call chaining) and who hears
 * about interaction, clarification and each step.
 *
 * @param upstreamToken the auth token this agent received from its own caller, passed on as {@code
 *     upstream_token} ("call chaining"), or null
 * @param interaction receives the interaction URL and code of a deferred response
 * @param clarification answers the person's questions
 * @param events hears each step
 * @param deferred told of a deferred token request before polling starts (to resume it after a
 *     restart)
 */
public record AgentCall(
        String upstreamToken,
        InteractionCallback interaction,
        ClarificationHandler clarification,
        AgentEvents events,
        PendingExchange.Listener deferred) {

    public static final AgentCall DEFAULT =
            new AgentCall(
                    null,
                    InteractionCallback.NONE,
                    ClarificationHandler.CANCEL,
                    AgentEvents.NONE,
                    PendingExchange.Listener.NONE);

    public AgentCall {
        Objects.requireNonNull(interaction, "interaction");
        Objects.requireNonNull(clarification, "clarification");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(deferred, "deferred");
    }

    public AgentCall onBehalfOf(String upstream) {
        return new AgentCall(upstream, interaction, clarification, events, deferred);
    }

    public AgentCall withInteraction(InteractionCallback callback) {
        return new AgentCall(upstreamToken, callback, clarification, events, deferred);
    }

    public AgentCall withClarification(ClarificationHandler handler) {
        return new AgentCall(upstreamToken, interaction, handler, events, deferred);
    }

    public AgentCall withEvents(AgentEvents listener) {
        return new AgentCall(upstreamToken, interaction, clarification, listener, deferred);
    }

    public AgentCall whenDeferred(PendingExchange.Listener listener) {
        return new AgentCall(upstreamToken, interaction, clarification, events, listener);
    }

    /** The cache key part of the upstream token: its SHA-256, base64url, or "" without one. */
    public String upstreamKey() {
        if (upstreamToken == null) {
            return "";
        }
        try {
            return dev.aauth.jose.Base64Url.encode(
                    java.security.MessageDigest.getInstance("SHA-256")
                            .digest(
                                    upstreamToken.getBytes(
                                            java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
