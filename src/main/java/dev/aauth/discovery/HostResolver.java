package dev.aauth.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * Resolves a host name to addresses. Injectable so tests (and deployments with their own DNS
 * policy) control resolution; {@link SafeHttpFetcher} vets every address returned and then connects
 * only to one of those vetted addresses.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * All addresses for {@code host} (never an IP literal: the fetcher parses those itself).
     *
     * @throws IOException when the name cannot be resolved
     */
    List<InetAddress> resolve(String host) throws IOException;

    /** The JDK resolver, {@link InetAddress#getAllByName(String)}. */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
