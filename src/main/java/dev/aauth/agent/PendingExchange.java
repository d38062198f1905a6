package dev.aauth.agent;

import java.util.List;
import java.util.Objects;

/**
 * A token request the Person Server deferred ({@code 202}), with what the agent needs to finish it
 * later, possibly after a restart: the pending URL to poll ("the agent switches to GET for all
 * subsequent requests to the Location URL"; the PS finds the request by the polling agent's
 * identifier, and mints for its current key), what the auth token must be verified against, and
 * where to cache it. Nothing secret: no key, no token.
 *
 * @param location the pending URL (absolute, on the Person Server's origin)
 * @param resource the resource the auth token is for ({@code aud})
 * @param expectedIssuer the resource token's {@code aud} ("iss matches the resource token's aud")
 * @param scope the resource token's scopes (the cache key)
 * @param method the challenged request's method
 * @param path its path
 * @param upstreamKey {@link AgentCall#upstreamKey()} of the call
 * @param interactionUrl the interaction URL shown to the person, or null
 * @param interactionCode the interaction code, or null
 */
public record PendingExchange(
        String location,
        String resource,
        String expectedIssuer,
        List<String> scope,
        String method,
        String path,
        String upstreamKey,
        String interactionUrl,
        String interactionCode) {

    public PendingExchange {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(expectedIssuer, "expectedIssuer");
        scope = List.copyOf(scope);
    }

    /** Told when a token request is deferred, before polling starts (e.g. to store it durably). */
    @FunctionalInterface
    public interface Listener {

        Listener NONE = p -> {};

        void deferred(PendingExchange pending);
    }
}
