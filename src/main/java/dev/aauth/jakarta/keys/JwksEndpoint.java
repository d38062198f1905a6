package dev.aauth.jakarta.keys;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jose.JwkSet;
import dev.aauth.jose.ServerKeySet;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /aauth/jwks.json}: the public keys of this origin (the {@code jwks_uri} of its
 * metadata), current key first, then the next key (published before it signs) and the previous ones
 * (until their tokens expire). Cacheable for five minutes ({@link StoredKeys#JWKS_MAX_AGE}), so
 * that a new key is picked up soon; verifiers also refetch on an unknown {@code kid}. Served by
 * origins that issue tokens: resources, Agent Providers and Person Servers (one key set per origin,
 * whatever roles it fills).
 *
 * <p>An origin serving draft-11 ({@code aauth.profiles}) publishes every key with its fully
 * specified {@code alg} ({@code Ed25519}, {@code ES256}): -11 "every JWKS key carries alg" and a
 * -11 verifier refuses {@code EdDSA}, while a draft-01 verifier accepts {@code Ed25519} too
 * (docs/profiles.md). An origin serving draft-01 only publishes {@code EdDSA} as it always did.
 */
@Path(JwksEndpoint.PATH)
@RequiresRole({Role.RESOURCE, Role.AGENT_PROVIDER, Role.PERSON_SERVER})
@RequestScoped
public class JwksEndpoint {

    public static final String PATH = "aauth/jwks.json";

    @Inject ServerKeySet keys;
    @Inject AAuthConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        JwkSet published =
                config.serves(AAuthProfile.DRAFT_11)
                        ? AAuthProfile.DRAFT_11.published(keys.jwks())
                        : keys.jwks();
        return Response.ok(published.toJson())
                .header("Cache-Control", "public, max-age=" + StoredKeys.JWKS_MAX_AGE.toSeconds())
                .build();
    }
}
