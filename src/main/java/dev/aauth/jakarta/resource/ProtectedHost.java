package dev.aauth.jakarta.resource;

import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import java.util.Locale;
import java.util.Objects;

/**
 * One protected resource: this origin itself, or a host guarded through a gateway ({@value
 * ResourceConfiguration#HOSTS}).
 *
 * @param name the host's name in the configuration ({@code aauth.resource.host.<name>.*}); empty
 *     for this origin
 * @param identifier the resource identifier, the public origin the agent signed for: the {@code
 *     iss} of its resource tokens, the {@code aud} its auth tokens must carry, and whose authority
 *     and scheme are the signed {@code @authority} and {@code @scheme}
 * @param scheme the identifier's scheme
 * @param authority the identifier's authority ({@code host} or {@code host:port}), lower case
 * @param settings its scopes, rules and levels
 */
public record ProtectedHost(
        String name,
        String identifier,
        String scheme,
        String authority,
        ResourceSettings settings) {

    public ProtectedHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(settings, "settings");
    }

    /** The host for {@code identifier}, a server identifier in {@code mode}. */
    public static ProtectedHost of(
            String name, String identifier, SecurityMode mode, ResourceSettings settings) {
        ServerIdentifier id = ServerIdentifier.parse(identifier, mode);
        return new ProtectedHost(
                name, identifier, id.scheme(), id.authority().toLowerCase(Locale.ROOT), settings);
    }

    /** Whether this is the origin itself rather than a host behind a gateway. */
    public boolean isOrigin() {
        return name.isEmpty();
    }
}
