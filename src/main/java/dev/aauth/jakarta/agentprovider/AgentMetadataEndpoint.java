package dev.aauth.jakarta.agentprovider;

import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.AgentProviderSettings;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jakarta.keys.JwksEndpoint;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * {@code GET /.well-known/aauth-agent.json} ("Agent Provider Metadata"): {@code issuer} ("the
 * domain in agent identifiers it issues. This is the value placed in the iss claim of agent
 * tokens"), {@code jwks_uri}, and the configured {@code client_name}, {@code logo_uri}, {@code
 * callback_endpoint}, {@code localhost_callback_allowed}. Only on Agent Provider origins.
 */
@Path(".well-known/aauth-agent.json")
@RequiresRole(Role.AGENT_PROVIDER)
@RequestScoped
public class AgentMetadataEndpoint {

    @Inject AAuthConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response metadata() {
        return Response.ok(JsonUtil.toJson(document(config.issuer(), config.agentProvider())))
                .header("Cache-Control", "public, max-age=300")
                .build();
    }

    /** The metadata document of this Agent Provider. */
    static Map<String, Object> document(String issuer, AgentProviderSettings ap) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("jwks_uri", issuer + "/" + JwksEndpoint.PATH);
        ap.clientName().ifPresent(v -> m.put("client_name", v));
        ap.logoUri().ifPresent(v -> m.put("logo_uri", v));
        ap.callbackEndpoint().ifPresent(v -> m.put("callback_endpoint", v));
        m.put("localhost_callback_allowed", ap.localhostCallbackAllowed());
        return m;
    }
}
