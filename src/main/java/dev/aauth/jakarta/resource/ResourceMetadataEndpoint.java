package dev.aauth.jakarta.resource;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.jakarta.boundary.Drafts;
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
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * {@code GET /.well-known/aauth-resource.json} ("Resource Metadata"): {@code issuer} ("This is the
 * value placed in the iss claim of resource tokens"), {@code jwks_uri}, {@code client_name}, {@code
 * authorization_endpoint}, {@code scope_descriptions}, {@code signature_window}, {@code
 * additional_signature_components} ("agents MUST include [them] in the Signature-Input covered
 * components when signing requests to this resource") and {@code revocation_endpoint}. Only on
 * resource origins.
 *
 * <p>When draft-11 is served, the -11 members too (recipients "ignore what they do not recognize",
 * so one document serves both drafts): {@code name} beside {@code client_name}; {@code
 * accept_signature_algs}, "exactly the set, neither a subset nor a superset" of what the -11
 * verifier accepts; {@code access_mode}, "The credential flow the resource expects": {@code
 * auth-token} when every endpoint needs an auth token ({@code aauth.resource.require=auth-token}),
 * else {@code agent-token} (the draft's default; "The declaration is advisory", and endpoints that
 * need more answer with their {@code AAuth-Requirement}).
 */
@Path(".well-known/aauth-resource.json")
@RequiresRole(Role.RESOURCE)
@RequestScoped
public class ResourceMetadataEndpoint {

    @Inject AAuthConfig config;
    @Inject ResourceConfiguration resources;
    @Inject Drafts drafts;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response metadata() {
        return Response.ok(
                        JsonUtil.toJson(
                                document(config.issuer(), resources.settings(), drafts.served())))
                .header("Cache-Control", "public, max-age=300")
                .build();
    }

    /**
     * The metadata document of the resource {@code issuer} (this origin, or a host behind a
     * gateway, whose gateway routes these paths here).
     */
    public static Map<String, Object> document(String issuer, ResourceSettings r) {
        return document(issuer, r, List.of(AAuthProfile.DRAFT_01));
    }

    /** As {@link #document(String, ResourceSettings)}, for the drafts {@code served}. */
    public static Map<String, Object> document(
            String issuer, ResourceSettings r, List<AAuthProfile> served) {
        boolean draft11 = served.contains(AAuthProfile.DRAFT_11);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("jwks_uri", issuer + "/" + JwksEndpoint.PATH);
        r.clientName().ifPresent(name -> m.put("client_name", name));
        if (draft11) {
            r.clientName().ifPresent(name -> m.put(AAuthProfile.DRAFT_11.nameMember(), name));
            m.put("access_mode", accessMode(r));
            m.put("accept_signature_algs", AAuthProfile.DRAFT_11.acceptedAlgs());
        }
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

    /** The -11 {@code access_mode} of a resource with these settings (see the class comment). */
    static String accessMode(ResourceSettings r) {
        return r.require() == AccessLevel.AUTH_TOKEN ? "auth-token" : "agent-token";
    }
}
