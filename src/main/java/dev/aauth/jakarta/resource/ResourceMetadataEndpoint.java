package dev.aauth.jakarta.resource;

import dev.aauth.jakarta.config.AAuthConfig;
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
 * {@code GET /.well-known/aauth-resource.json} ("Resource Metadata"): {@code issuer} ("This is the
 * value placed in the iss claim of resource tokens"), {@code jwks_uri}, {@code client_name}, {@code
 * authorization_endpoint}, {@code scope_descriptions}, {@code signature_window}, {@code
 * additional_signature_components} ("agents MUST include [them] in the Signature-Input covered
 * components when signing requests to this resource") and {@code revocation_endpoint}. Only on
 * resource origins.
 */
@Path(".well-known/aauth-resource.json")
@RequiresRole(Role.RESOURCE)
@RequestScoped
public class ResourceMetadataEndpoint {

    @Inject AAuthConfig config;
    @Inject ResourceConfiguration resources;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response metadata() {
        return Response.ok(JsonUtil.toJson(document(config.issuer(), resources.settings())))
                .header("Cache-Control", "public, max-age=300")
                .build();
    }

    /**
     * The metadata document of the resource {@code issuer} (this origin, or a host behind a
     * gateway, whose gateway routes these paths here).
     */
    public static Map<String, Object> document(String issuer, ResourceSettings r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("jwks_uri", issuer + "/" + JwksEndpoint.PATH);
        r.clientName().ifPresent(name -> m.put("client_name", name));
        m.put("authorization_endpoint", issuer + "/" + AuthorizationEndpoint.PATH);
        if (!r.scopeDescriptions().isEmpty()) {
            m.put("scope_descriptions", r.scopeDescriptions());
        }
        m.put("signature_window", r.signatureWindow().toSeconds());
        if (!r.signatureComponents().isEmpty()) {
            m.put("additional_signature_components", r.signatureComponents());
        }
        m.put("revocation_endpoint", issuer + "/" + RevocationEndpoint.PATH);
        return m;
    }
}
