package dev.aauth.jakarta.resource;

import static dev.aauth.jakarta.config.AAuthConfig.commaList;
import static dev.aauth.jakarta.config.AAuthConfig.nonBlank;
import static dev.aauth.jakarta.config.AAuthConfig.scopes;
import static dev.aauth.jakarta.config.AAuthConfig.serverIdentifier;

import dev.aauth.id.SecurityMode;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.ResourceDescription;
import dev.aauth.jakarta.config.SignatureSettings;
import dev.aauth.token.Scopes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * The resource role's settings, read once from MicroProfile Config and checked when the application
 * starts (a bad value fails the deployment, on every origin, even where the role is absent). The
 * signature settings ({@code aauth.resource.signature-*}, {@code jwt-types}) are {@link
 * AAuthConfig}'s; the role's own are read here:
 *
 * <table>
 *   <caption>Properties</caption>
 *   <tr><th>name</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #CLIENT_NAME}</td><td>(none)</td><td>{@code client_name} in the resource metadata</td></tr>
 *   <tr><td>{@value #SCOPES}</td><td>(none)</td><td>supported scopes with their descriptions
 *       ({@code scope_descriptions}): {@code scope=description} entries separated by {@code ;}</td></tr>
 *   <tr><td>{@value #DEFAULT_SCOPES}</td><td>(none)</td><td>space-separated scopes of resource tokens
 *       for endpoints that name none</td></tr>
 *   <tr><td>{@value #REQUIRE}</td><td>{@code identity}</td><td>minimum access level of every protected
 *       endpoint: {@code identity} or {@code auth-token}</td></tr>
 *   <tr><td>{@value #PROTECT}</td><td>(none)</td><td>protection by path, see {@link PathRule}</td></tr>
 *   <tr><td>{@value #TRUSTED_PERSON_SERVERS}</td><td>(any)</td><td>comma-separated issuers whose auth
 *       tokens are accepted</td></tr>
 *   <tr><td>{@value #ACCESS_SERVER}</td><td>(none)</td><td>this resource's access server (four-party)</td></tr>
 *   <tr><td>{@value #HOSTS}</td><td>(none)</td><td>comma-separated names of hosts guarded through a
 *       gateway ({@code dev.aauth.jakarta.gateway}); each has {@code aauth.resource.host.<name>.identifier}
 *       (required) and may set any of the seven properties above under {@code
 *       aauth.resource.host.<name>.}; what it does not set is the origin's</td></tr>
 * </table>
 */
@ApplicationScoped
public class ResourceConfiguration {

    public static final String PREFIX = "aauth.resource.";
    public static final String CLIENT_NAME = PREFIX + "client-name";
    public static final String SCOPES = PREFIX + "scopes";
    public static final String DEFAULT_SCOPES = PREFIX + "default-scopes";
    public static final String REQUIRE = PREFIX + "require";
    public static final String PROTECT = PREFIX + "protect";
    public static final String TRUSTED_PERSON_SERVERS = PREFIX + "trusted-person-servers";
    public static final String ACCESS_SERVER = PREFIX + "access-server";
    public static final String HOSTS = PREFIX + "hosts";

    /** {@code aauth.resource.host.<name>.}: a guarded host's own properties. */
    public static final String HOST_PREFIX = PREFIX + "host.";

    /** The suffix of a guarded host's resource identifier. */
    public static final String IDENTIFIER = "identifier";

    /** The per-host properties besides {@value #IDENTIFIER}, as suffixes. */
    static final List<String> HOST_SUFFIXES =
            List.of(
                    "client-name",
                    "scopes",
                    "default-scopes",
                    "require",
                    "protect",
                    "trusted-person-servers",
                    "access-server");

    private final ProtectedHost origin;
    private final List<ProtectedHost> hosts;

    @Inject
    ResourceConfiguration(Config config, AAuthConfig aauth) {
        this(name -> config.getOptionalValue(name, String.class), aauth);
    }

    /**
     * Reads the settings through {@code property} (name to raw value).
     *
     * @throws IllegalStateException naming the property, when a value is invalid
     */
    public ResourceConfiguration(Function<String, Optional<String>> property, AAuthConfig aauth) {
        SecurityMode mode = aauth.securityMode();
        SignatureSettings signatures = aauth.resourceSignatures();
        this.origin =
                ProtectedHost.of(
                        "", aauth.issuer(), mode, parse(property, PREFIX, signatures, mode));
        List<ProtectedHost> all = new ArrayList<>();
        all.add(origin);
        Set<String> authorities = new LinkedHashSet<>();
        authorities.add(origin.scheme() + "://" + origin.authority());
        for (String name : commaList(nonBlank(property, HOSTS).orElse(""))) {
            if (!name.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalStateException(
                        HOSTS + ": '" + name + "' is not a host name ([a-z0-9-], e.g. supply)");
            }
            String prefix = HOST_PREFIX + name + ".";
            if (all.stream().anyMatch(h -> h.name().equals(name))) {
                throw new IllegalStateException(HOSTS + ": '" + name + "' is listed twice");
            }
            String identifier =
                    serverIdentifier(
                            prefix + IDENTIFIER,
                            nonBlank(property, prefix + IDENTIFIER)
                                    .orElseThrow(
                                            () ->
                                                    new IllegalStateException(
                                                            prefix
                                                                    + IDENTIFIER
                                                                    + " is required: the public origin agents sign for")),
                            mode);
            Function<String, Optional<String>> hostProperty =
                    n -> {
                        Optional<String> own = nonBlank(property, n);
                        return own.isPresent()
                                ? own
                                : property.apply(PREFIX + n.substring(prefix.length()));
                    };
            ProtectedHost host =
                    ProtectedHost.of(
                            name, identifier, mode, parse(hostProperty, prefix, signatures, mode));
            if (!authorities.add(host.scheme() + "://" + host.authority())) {
                throw new IllegalStateException(
                        prefix
                                + IDENTIFIER
                                + ": "
                                + identifier
                                + " is already guarded (by this origin or another host)");
            }
            all.add(host);
        }
        this.hosts = List.copyOf(all);
    }

    /** For the CDI client proxy only. */
    protected ResourceConfiguration() {
        this.origin = null;
        this.hosts = List.of();
    }

    /** Creating the bean at start-up is the check: a bad value fails the deployment. */
    void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // Nothing to do: delivering this event instantiated the bean.
    }

    /** This origin's own resource settings (the in-process filters'). */
    public ResourceSettings settings() {
        return origin.settings();
    }

    /** This origin as a protected host. */
    public ProtectedHost origin() {
        return origin;
    }

    /** Every protected host: this origin first, then the gateway's hosts in configuration order. */
    public List<ProtectedHost> hosts() {
        return hosts;
    }

    /**
     * The host whose identifier has this scheme (null for any) and authority (compared
     * case-insensitively; a default port may be given or left out).
     */
    public Optional<ProtectedHost> host(String scheme, String authority) {
        if (authority == null) {
            return Optional.empty();
        }
        String a = authority.strip().toLowerCase(Locale.ROOT);
        for (ProtectedHost h : hosts) {
            if (scheme != null && !scheme.equalsIgnoreCase(h.scheme())) {
                continue;
            }
            if (h.authority().equals(a)
                    || h.authority().equals(withoutDefaultPort(a, h.scheme()))
                    || a.equals(withoutDefaultPort(h.authority(), h.scheme()))) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    private static String withoutDefaultPort(String authority, String scheme) {
        String port = "https".equals(scheme) ? ":443" : ":80";
        return authority.endsWith(port)
                ? authority.substring(0, authority.length() - port.length())
                : authority;
    }

    /** What the landing page shows of this origin's resource. */
    @Produces
    ResourceDescription description() {
        return origin.settings();
    }

    /**
     * The settings under {@code prefix} ({@code aauth.resource.} or {@code
     * aauth.resource.host.<name>.}).
     */
    static ResourceSettings parse(
            Function<String, Optional<String>> property,
            String prefix,
            SignatureSettings signatures,
            SecurityMode mode) {
        String scopesName = prefix + "scopes";
        String defaultScopesName = prefix + "default-scopes";
        String requireName = prefix + "require";
        String protectName = prefix + "protect";
        String trustedName = prefix + "trusted-person-servers";
        String accessServerName = prefix + "access-server";
        Map<String, String> descriptions =
                parseScopeDescriptions(scopesName, nonBlank(property, scopesName).orElse(""));
        Optional<String> clientName = nonBlank(property, prefix + "client-name");
        List<String> defaultScopes =
                scopes(defaultScopesName, nonBlank(property, defaultScopesName).orElse(""));
        AccessLevel require =
                nonBlank(property, requireName)
                        .map(
                                v ->
                                        AccessLevel.ofConfigName(v.toLowerCase(Locale.ROOT))
                                                .orElseThrow(
                                                        () ->
                                                                new IllegalStateException(
                                                                        requireName
                                                                                + ": unknown level '"
                                                                                + v
                                                                                + "'; known: identity, auth-token")))
                        .orElse(AccessLevel.IDENTITY);
        List<PathRule> protect;
        try {
            protect = PathRule.parseAll(nonBlank(property, protectName).orElse(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(protectName + ": " + e.getMessage(), e);
        }
        Set<String> trusted = new LinkedHashSet<>();
        for (String ps : commaList(nonBlank(property, trustedName).orElse(""))) {
            trusted.add(serverIdentifier(trustedName, ps, mode));
        }
        Optional<String> accessServer =
                nonBlank(property, accessServerName)
                        .map(as -> serverIdentifier(accessServerName, as, mode));
        ResourceSettings settings =
                new ResourceSettings(
                        clientName,
                        descriptions,
                        defaultScopes,
                        require,
                        protect,
                        trusted,
                        accessServer,
                        signatures);
        for (String s : defaultScopes) {
            if (!settings.isKnownScope(s)) {
                throw new IllegalStateException(
                        defaultScopesName + ": scope '" + s + "' is not in " + scopesName);
            }
        }
        for (PathRule rule : protect) {
            try {
                settings.challengeScopes(rule.protection());
            } catch (IllegalStateException e) {
                throw new IllegalStateException(protectName + ": " + e.getMessage(), e);
            }
        }
        if (require == AccessLevel.AUTH_TOKEN) {
            try {
                // endpoints without scopes of their own then need the default scopes
                settings.challengeScopes(
                        new Protection(
                                AccessLevel.AUTH_TOKEN, List.of(), requireName + "=auth-token"));
            } catch (IllegalStateException e) {
                throw new IllegalStateException(requireName + ": " + e.getMessage(), e);
            }
        }
        return settings;
    }

    private static Map<String, String> parseScopeDescriptions(String name, String value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : value.split(";")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            String scope = (eq < 0 ? e : e.substring(0, eq)).strip();
            String description = eq < 0 ? scope : e.substring(eq + 1).strip();
            if (!Scopes.isValidToken(scope)) {
                throw new IllegalStateException(name + ": '" + scope + "' is not a scope token");
            }
            if (description.isEmpty()) {
                description = scope;
            }
            if (out.put(scope, description) != null) {
                throw new IllegalStateException(name + ": scope '" + scope + "' is listed twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
