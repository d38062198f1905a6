package dev.aauth.jakarta.resource;

import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.config.RequiresRole;
import dev.aauth.jakarta.config.Role;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.token.Revocation;
import dev.aauth.token.TokenVerifier;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code POST /aauth/revoke} ("Token Revocation"): "The endpoint accepts a signed POST with the jti
 * of the token to revoke", body {@code {"jti": "..."}}. "Resources that accept revocation requests
 * MUST verify the caller's identity via HTTP Message Signatures and MUST only accept revocation
 * from the issuer of the token being revoked or from a trusted PS."
 *
 * <p>The caller signs as a server, with {@code Signature-Key: sig=jwks_uri;id="https://ps.example";
 * dwk="aauth-person.json";kid="..."}: its identity is the {@code id} whose published key verified
 * the signature. Decisions:
 *
 * <ul>
 *   <li>The revocation is recorded under the caller's identity, so it can only ever match a token
 *       the caller issued ({@code iss} equal to the caller): "only from the issuer". A caller
 *       listed in {@code aauth.resource.trusted-person-servers} revokes the {@code jti} whatever
 *       its issuer ("or from a trusted PS"; four-party, where an AS issued the token the PS
 *       provided).
 *   <li>The resource keeps no list of the tokens it has seen, and a token may be revoked before it
 *       is first presented, so every well-formed request answers {@code 200} ("if the token was
 *       revoked or was already invalid"), never {@code 404}. The entry lasts one hour, the longest
 *       an auth token can live.
 * </ul>
 *
 * <p>-11 ("The endpoint accepts a signed POST identifying the token to revoke by the pair (iss,
 * jti). Both members are REQUIRED"): a body {@code {"iss", "jti"}} is recorded under that pair
 * ("Recipients maintaining revocation state MUST key it by (iss, jti)") when the caller is {@code
 * iss} or a trusted PS, for 24 hours (it may name an agent token: "Agent provider revokes an agent
 * token it issued ... a resource accepting agent tokens SHOULD therefore provide a revocation
 * endpoint"); a -11 resource then refuses that agent token too ({@link AccessDecider}). Any other
 * caller's pair is answered {@code 404} ("404 if the (iss, jti) pair is not recognized") and not
 * recorded. A body without {@code iss} is the -01 form above, unchanged.
 *
 * <p>Revocations are kept in the database ({@link DatabaseRevocationStore}) and survive restarts.
 */
@Path(RevocationEndpoint.PATH)
@RequiresRole(Role.RESOURCE)
@RequestScoped
public class RevocationEndpoint {

    public static final String PATH = "aauth/revoke";

    /** The issuer under which a trusted Person Server's revocations are recorded: any issuer. */
    public static final String ANY_ISSUER = "*";

    /** "Auth tokens MUST NOT have a lifetime exceeding 1 hour." */
    static final long MAX_AUTH_TOKEN_LIFETIME_SECONDS =
            TokenVerifier.MAX_AUTH_TOKEN_LIFETIME_SECONDS;

    /**
     * How long a -11 {@code (iss, jti)} entry lasts: it may name an agent token, and "Agent tokens
     * SHOULD NOT have a lifetime exceeding 24 hours" (an auth token lives at most one hour).
     */
    static final long DRAFT11_RETENTION_SECONDS =
            dev.aauth.personserver.RevokedAgentTokens.RETENTION.toSeconds();

    @Inject AAuthEnforcer enforcer;
    @Inject RevocationStore revocations;
    @Inject Clock clock;

    @Context UriInfo uri;
    @Context HttpHeaders headers;

    /** {@code 404}: "if the (iss, jti) pair is not recognized" (-11). */
    private static Response notRecognized() {
        return Response.status(Response.Status.NOT_FOUND)
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response revoke(byte[] body) {
        long start = System.nanoTime();
        VerifiedRequest verified = null;
        Decision decision;
        try {
            verified =
                    SignedEndpoint.verify(
                                    enforcer.requests(),
                                    enforcer.revocationVerifier(),
                                    uri,
                                    headers,
                                    body)
                            .verified();
            String caller = verified.identity();
            boolean trusted = enforcer.settings().trustedPersonServers().contains(caller);
            Optional<Revocation> draft11 = Revocation.draft11(body);
            if (draft11.isPresent()) {
                Revocation r = draft11.get();
                if (!r.iss().equals(caller) && !trusted) {
                    enforcer.log().log(
                            "POST",
                            "/" + PATH,
                            new Decision.Allowed(verified, AAuthCaller.Level.IDENTIFIED, null),
                            System.nanoTime() - start);
                    return notRecognized();
                }
                revocations.revoke(
                        r.iss(),
                        r.jti(),
                        clock.instant().getEpochSecond() + DRAFT11_RETENTION_SECONDS);
            } else {
                String jti = Revocation.jti(body);
                long notAfter = clock.instant().getEpochSecond() + MAX_AUTH_TOKEN_LIFETIME_SECONDS;
                revocations.revoke(caller, jti, notAfter);
                if (trusted) {
                    revocations.revoke(ANY_ISSUER, jti, notAfter);
                }
            }
            decision = new Decision.Allowed(verified, AAuthCaller.Level.IDENTIFIED, null);
        } catch (AAuthException e) {
            decision = new Decision.Failed(verified, e);
        }
        enforcer.log().log("POST", "/" + PATH, decision, System.nanoTime() - start);
        return decision instanceof Decision.Allowed
                ? Response.ok().header("Cache-Control", "no-store").build()
                : enforcer.response(decision);
    }
}
