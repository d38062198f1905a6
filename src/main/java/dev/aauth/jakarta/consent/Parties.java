package dev.aauth.jakarta.consent;

import dev.aauth.discovery.JwksCache;
import dev.aauth.discovery.MetadataDocument;
import dev.aauth.error.AAuthException;
import dev.aauth.id.AgentIdentifier;
import dev.aauth.id.SecurityMode;
import dev.aauth.jakarta.config.AAuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the Person Server itself verifies about the parties of a request, from their metadata,
 * fetched by the project's SSRF-safe discovery ({@link JwksCache}: https only in STRICT mode,
 * vetted addresses, bounded size and time, cached): the agent provider's {@code client_name},
 * {@code callback_endpoint} and {@code localhost_callback_allowed} ({@code
 * /.well-known/aauth-agent.json} at the agent identifier's domain: "the {@code domain} in agent
 * identifiers it issues"), and the resource's {@code client_name} and {@code scope_descriptions}. A
 * document that cannot be had yields empty: the page then says the name could not be verified.
 * Logos are not shown: nothing on the consent page is loaded from outside the server, and proxying
 * remote images is not worth its risk here.
 */
@ApplicationScoped
public class Parties {

    private static final Logger LOG = Logger.getLogger(Parties.class.getName());
    static final int MAX_NAME = 80;

    /** An agent provider's verified metadata. */
    public record Provider(
            String issuer,
            Optional<String> clientName,
            Optional<String> callbackEndpoint,
            boolean localhostCallbackAllowed) {}

    /** A resource's verified metadata. */
    public record Resource(
            String issuer, Optional<String> clientName, Map<String, String> scopeDescriptions) {}

    @Inject JwksCache metadata;
    @Inject AAuthConfig config;

    /**
     * The provider of {@code agentId}: {@code https://<domain>} ({@code http://} in DEVELOPMENT
     * mode).
     */
    public Optional<Provider> provider(String agentId) {
        SecurityMode mode = config.securityMode();
        try {
            AgentIdentifier agent = AgentIdentifier.parse(agentId, mode);
            String issuer =
                    (mode == SecurityMode.DEVELOPMENT ? "http://" : "https://") + agent.domain();
            MetadataDocument doc = metadata.metadata(issuer, MetadataDocument.AGENT);
            return Optional.of(
                    new Provider(
                            issuer,
                            doc.clientName().map(n -> UntrustedText.line(n, MAX_NAME)),
                            doc.callbackEndpoint(),
                            doc.localhostCallbackAllowed()));
        } catch (AAuthException | IllegalArgumentException e) {
            LOG.log(Level.FINE, "agent provider metadata of " + agentId + " unavailable", e);
            return Optional.empty();
        }
    }

    public Optional<Resource> resource(String resource) {
        try {
            MetadataDocument doc = metadata.metadata(resource, MetadataDocument.RESOURCE);
            return Optional.of(
                    new Resource(
                            resource,
                            doc.clientName().map(n -> UntrustedText.line(n, MAX_NAME)),
                            doc.scopeDescriptions()));
        } catch (AAuthException | IllegalArgumentException e) {
            LOG.log(Level.FINE, "resource metadata of " + resource + " unavailable", e);
            return Optional.empty();
        }
    }
}
