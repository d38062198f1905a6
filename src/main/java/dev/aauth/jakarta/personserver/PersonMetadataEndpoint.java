package dev.aauth.jakarta.personserver;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.jakarta.boundary.Drafts;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jakarta.keys.JwksEndpoint;
import dev.aauth.personserver.PersonServerSettings;
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
 * {@code GET /.well-known/aauth-person.json} ("Person Server Metadata"): {@code issuer} ("MUST
 * match the URL used to fetch the metadata document"), {@code token_endpoint}, {@code jwks_uri},
 * {@code revocation_endpoint} ("URL where authorized parties can revoke tokens"), {@code
 * scopes_supported}, {@code claims_supported}; with draft-11 served also {@code
 * auth_token_endpoint} and {@code person_token_endpoint}. Only on Person Server origins.
 */
@Path(".well-known/aauth-person.json")
@RequiresRole(Role.PERSON_SERVER)
@RequestScoped
public class PersonMetadataEndpoint {

    @Inject AAuthConfig config;
    @Inject Drafts drafts;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response metadata() {
        return Response.ok(
                        JsonUtil.toJson(
                                document(
                                        config.issuer(),
                                        config.personServer(),
                                        drafts.serves(AAuthProfile.DRAFT_11))))
                .header("Cache-Control", "public, max-age=300")
                .build();
    }

    /** The metadata document of this Person Server, serving draft-01 only. */
    static Map<String, Object> document(String issuer, PersonServerSettings ps) {
        return document(issuer, ps, false);
    }

    /**
     * The metadata document of this Person Server. With draft-11 served, its endpoint members are
     * published beside draft-01's {@code token_endpoint} (-11: "Every PS MUST publish a
     * person_token_endpoint in its metadata"; {@code auth_token_endpoint} is -11's name of the
     * token endpoint; recipients ignore members they do not recognize).
     */
    static Map<String, Object> document(String issuer, PersonServerSettings ps, boolean draft11) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("token_endpoint", issuer + "/" + TokenEndpoint.PATH);
        if (draft11) {
            m.put(
                    AAuthProfile.DRAFT_11.authTokenEndpointMember(),
                    issuer + "/" + AuthTokenEndpoint.PATH);
            m.put("person_token_endpoint", issuer + "/" + PersonTokenEndpoint.PATH);
        }
        m.put("jwks_uri", issuer + "/" + JwksEndpoint.PATH);
        m.put("revocation_endpoint", issuer + "/" + PersonRevocationEndpoint.PATH);
        m.put("scopes_supported", ps.scopesSupported());
        m.put("claims_supported", ps.claimsSupported());
        return m;
    }
}
