package dev.aauth.agent;

import dev.aauth.draft.AAuthProfile;
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
 * @param justification "justification (OPTIONAL): A Markdown string declaring why access is being
 *     requested. The PS SHOULD present this value to the user during consent" (-01 and -11 alike),
 *     sent in the token request; null for none
 * @param callback where the person's browser returns after the decision: "When the agent has a
 *     browser, it MAY append a {@code callback} parameter: {@code {url}?code={code}&callback=
 *     {callback_url}} ... The {@code callback} URL is constructed from the agent's {@code
 *     callback_endpoint} metadata"; null for none (the Person Server shows its completion page)
 * @param draft the draft this call speaks ({@link AAuthProfile}), or null for the agent's own (its
 *     configured draft): an agent serving both drafts may speak -11 for one call and -01 for the
 *     next, each with credentials of that draft ("never mix within one flow")
 */
public record AgentCall(
        String upstreamToken,
        InteractionCallback interaction,
        ClarificationHandler clarification,
        AgentEvents events,
        PendingExchange.Listener deferred,
        String justification,
        String callback,
        AAuthProfile draft) {

    public static final AgentCall DEFAULT =
            new AgentCall(
                    null,
                    InteractionCallback.NONE,
                    ClarificationHandler.CANCEL,
                    AgentEvents.NONE,
                    PendingExchange.Listener.NONE,
                    null,
                    null,
                    null);

    /** A call speaking the agent's own draft. */
    public AgentCall(
            String upstreamToken,
            InteractionCallback interaction,
            ClarificationHandler clarification,
            AgentEvents events,
            PendingExchange.Listener deferred,
            String justification,
            String callback) {
        this(
                upstreamToken,
                interaction,
                clarification,
                events,
                deferred,
                justification,
                callback,
                null);
    }

    public AgentCall {
        Objects.requireNonNull(interaction, "interaction");
        Objects.requireNonNull(clarification, "clarification");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(deferred, "deferred");
    }

    public AgentCall onBehalfOf(String upstream) {
        return new AgentCall(
                upstream,
                interaction,
                clarification,
                events,
                deferred,
                justification,
                callback,
                draft);
    }

    public AgentCall withInteraction(InteractionCallback listener) {
        return new AgentCall(
                upstreamToken,
                listener,
                clarification,
                events,
                deferred,
                justification,
                callback,
                draft);
    }

    public AgentCall withClarification(ClarificationHandler handler) {
        return new AgentCall(
                upstreamToken,
                interaction,
                handler,
                events,
                deferred,
                justification,
                callback,
                draft);
    }

    public AgentCall withEvents(AgentEvents listener) {
        return new AgentCall(
                upstreamToken,
                interaction,
                clarification,
                listener,
                deferred,
                justification,
                callback,
                draft);
    }

    public AgentCall whenDeferred(PendingExchange.Listener listener) {
        return new AgentCall(
                upstreamToken,
                interaction,
                clarification,
                events,
                listener,
                justification,
                callback,
                draft);
    }

    /** This call with {@code markdown} as the token request's {@code justification}. */
    public AgentCall withJustification(String markdown) {
        return new AgentCall(
                upstreamToken,
                interaction,
                clarification,
                events,
                deferred,
                markdown,
                callback,
                draft);
    }

    /**
     * This call with {@code url} as the {@code callback} of the interaction URL the person opens
     * (the Person Server follows it only when it matches the agent's {@code callback_endpoint}).
     */
    public AgentCall withCallback(String url) {
        return new AgentCall(
                upstreamToken,
                interaction,
                clarification,
                events,
                deferred,
                justification,
                url,
                draft);
    }

    /**
     * This call speaking {@code profile} (null: the agent's own draft): the agent signs it with
     * credentials of that draft and answers its challenges by that draft's rules.
     */
    public AgentCall speaking(AAuthProfile profile) {
        return new AgentCall(
                upstreamToken,
                interaction,
                clarification,
                events,
                deferred,
                justification,
                callback,
                profile);
    }

    /**
     * {@link #interaction()}, its user-facing URL carrying {@code &callback=} when this call has a
     * {@link #callback()}.
     */
    public InteractionCallback interactionWithCallback() {
        if (callback == null) {
            return interaction;
        }
        return (url, code, userUrl) ->
                interaction.interactionRequired(
                        url,
                        code,
                        dev.aauth.header.AAuthRequirement.InteractionRequired.withCallback(
                                userUrl, callback));
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
