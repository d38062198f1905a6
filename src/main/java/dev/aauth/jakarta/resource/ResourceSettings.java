package dev.aauth.jakarta.resource;

import dev.aauth.jakarta.config.ResourceDescription;
import dev.aauth.jakarta.config.SignatureSettings;
import dev.aauth.token.TokenType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of one protected resource (this origin, or a host guarded through a gateway), read
 * and checked by {@link ResourceConfiguration} (see its table for the property names). Immutable.
 *
 * @param clientName {@code client_name} of the resource metadata, if configured
 * @param scopeDescriptions supported scopes and their descriptions, in configuration order ({@code
 *     scope_descriptions}); the keys are the supported scopes
 * @param defaultScopes {@code default_resource_token_scopes}: the resource-token scope when the
 *     endpoint names none
 * @param require the resource-wide minimum access level ({@code access.require})
 * @param protect protection by path ({@code aauth.resource.protect})
 * @param trustedPersonServers Person Servers (and access servers) whose auth tokens are accepted;
 *     empty means any ("it accepts identity claims from whichever PS the agent declares")
 * @param accessServer this resource's own access server, the {@code aud} of its resource tokens
 *     (four-party); empty for three-party
 * @param signatureKeySchemes accepted {@code Signature-Key} schemes
 * @param jwtTypes accepted JWT {@code typ}s in the {@code jwt} scheme
 * @param signatureWindow {@code signature_window}
 * @param signatureComponents {@code additional_signature_components}
 */
public record ResourceSettings(
        Optional<String> clientName,
        Map<String, String> scopeDescriptions,
        List<String> defaultScopes,
        AccessLevel require,
        List<PathRule> protect,
        Set<String> trustedPersonServers,
        Optional<String> accessServer,
        Set<String> signatureKeySchemes,
        Set<TokenType> jwtTypes,
        Duration signatureWindow,
        List<String> signatureComponents)
        implements ResourceDescription {

    /**
     * OpenID Connect identity scopes ("openid, profile, email, address, phone"): a resource may put
     * them in a resource token without describing them; the Person Server declares them.
     */
    public static final Set<String> IDENTITY_SCOPES =
            Set.of("openid", "profile", "email", "address", "phone");

    public ResourceSettings {
        scopeDescriptions =
                java.util.Collections.unmodifiableMap(
                        new java.util.LinkedHashMap<>(scopeDescriptions));
        defaultScopes = List.copyOf(defaultScopes);
        protect = List.copyOf(protect);
        trustedPersonServers = Set.copyOf(trustedPersonServers);
        signatureKeySchemes = Set.copyOf(signatureKeySchemes);
        jwtTypes = Set.copyOf(jwtTypes);
        signatureComponents = List.copyOf(signatureComponents);
    }

    /** The role's own settings with the origin's signature settings. */
    public ResourceSettings(
            Optional<String> clientName,
            Map<String, String> scopeDescriptions,
            List<String> defaultScopes,
            AccessLevel require,
            List<PathRule> protect,
            Set<String> trustedPersonServers,
            Optional<String> accessServer,
            SignatureSettings signatures) {
        this(
                clientName,
                scopeDescriptions,
                defaultScopes,
                require,
                protect,
                trustedPersonServers,
                accessServer,
                signatures.signatureKeySchemes(),
                signatures.jwtTypes(),
                signatures.signatureWindow(),
                signatures.signatureComponents());
    }

    /** The supported scopes, in configuration order. */
    public List<String> supportedScopes() {
        return new ArrayList<>(scopeDescriptions.keySet());
    }

    /**
     * Whether {@code scope} may appear in a resource token: "A resource token MUST only include
     * resource scopes that the resource has defined in its scope_descriptions metadata, and
     * identity scopes that the PS has declared in its scopes_supported metadata."
     */
    public boolean isKnownScope(String scope) {
        return scopeDescriptions.containsKey(scope) || IDENTITY_SCOPES.contains(scope);
    }

    /**
     * Whether a Person Server (or access server) is trusted to issue auth tokens for this resource.
     */
    public boolean trusts(String authTokenIssuer) {
        return trustedPersonServers.isEmpty() || trustedPersonServers.contains(authTokenIssuer);
    }

    /**
     * The scopes of a resource token for an endpoint: its own, else the default scopes.
     *
     * @throws IllegalStateException when a scope is unknown or there is no scope at all at the
     *     auth-token level; the message names {@code where}
     */
    public List<String> challengeScopes(Protection p) {
        List<String> scopes = p.scopes().isEmpty() ? defaultScopes : p.scopes();
        for (String s : p.scopes()) {
            if (!isKnownScope(s)) {
                throw new IllegalStateException(
                        p.source()
                                + ": scope '"
                                + s
                                + "' is not in "
                                + ResourceConfiguration.SCOPES);
            }
        }
        if (scopes.isEmpty() && p.level().atLeast(require) == AccessLevel.AUTH_TOKEN) {
            throw new IllegalStateException(
                    p.source()
                            + " requires an auth token but names no scope and "
                            + ResourceConfiguration.DEFAULT_SCOPES
                            + " is empty: a resource token needs a scope");
        }
        return scopes;
    }
}
