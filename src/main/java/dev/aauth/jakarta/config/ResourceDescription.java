package dev.aauth.jakarta.config;

import java.util.Map;
import java.util.Optional;

/**
 * What the landing page shows of this origin's resource: implemented by the resource role's
 * settings, so {@code config} names no type of the role.
 */
public interface ResourceDescription {

    /** {@code client_name}, if configured. */
    Optional<String> clientName();

    /** The supported scopes and their descriptions, in configuration order. */
    Map<String, String> scopeDescriptions();
}
