package dev.aauth.jakarta.resource;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a protected endpoint demands of a caller, in increasing order.
 *
 * <p>{@link #IDENTITY} is the draft's "Identity-Based Access": "The resource verifies the agent's
 * identity via HTTP signatures and applies its own access control policy ... No authorization flow,
 * no tokens beyond the agent token." An auth token also identifies its agent, so it is accepted
 * too.
 *
 * <p>{@link #AUTH_TOKEN} is "PS-Asserted Access (Three-Party)" (or four-party with an access
 * server): "A resource MUST use requirement=auth-token with a 401 Unauthorized response when an
 * auth token is required."
 */
public enum AccessLevel {
    /** A verified agent identity suffices (agent token, or an auth token naming the agent). */
    IDENTITY("identity"),
    /** An auth token for this resource granting the endpoint's scopes is required. */
    AUTH_TOKEN("auth-token");

    private final String configName;

    AccessLevel(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration: {@code identity} or {@code auth-token}. */
    public String configName() {
        return configName;
    }

    /** The stricter of the two levels. */
    public AccessLevel atLeast(AccessLevel floor) {
        return compareTo(floor) >= 0 ? this : floor;
    }

    public static Optional<AccessLevel> ofConfigName(String name) {
        return Arrays.stream(values()).filter(l -> l.configName.equals(name)).findFirst();
    }
}
