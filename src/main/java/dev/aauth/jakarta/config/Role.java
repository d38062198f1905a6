package dev.aauth.jakarta.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The AAuth roles one deployment can fill, named as in {@code aauth.roles}.
 *
 * <p>"Agent, AP, Resource, PS, and AS are roles, not deployment units. ... A single deployment unit
 * MAY fill multiple roles" (AAuth draft, "Roles").
 */
public enum Role {
    /**
     * An HTTP client acting on behalf of a person; here a backend agent with its own agent token.
     */
    AGENT("agent"),
    /** Agent Provider: issues agent tokens, metadata at {@code /.well-known/aauth-agent.json}. */
    AGENT_PROVIDER("agent-provider"),
    /** Resource: issues resource tokens, metadata at {@code /.well-known/aauth-resource.json}. */
    RESOURCE("resource"),
    /**
     * Person Server: missions, consent, auth tokens, metadata at {@code
     * /.well-known/aauth-person.json}.
     */
    PERSON_SERVER("person-server"),
    /** Access Server: policy engine, metadata at {@code /.well-known/aauth-access.json}. */
    ACCESS_SERVER("access-server");

    private final String configName;

    Role(String configName) {
        this.configName = configName;
    }

    /** The name used in {@code aauth.roles}, e.g. {@code person-server}. */
    public String configName() {
        return configName;
    }

    /** The role with this configuration name (exact, lowercase), if any. */
    public static Optional<Role> ofConfigName(String name) {
        return Arrays.stream(values()).filter(r -> r.configName.equals(name)).findFirst();
    }
}
