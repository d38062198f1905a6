package dev.aauth.jakarta.agentprovider;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.boundary.SignedRevocationClient;
import dev.aauth.token.Revocation;
import java.util.Objects;
import java.util.Optional;

/**
 * The Agent Provider's side of -11 "Token Revocation": "Agent provider revokes an agent token it
 * issued: On learning that an agent can no longer be trusted, the agent provider calls the PS's
 * revocation endpoint with the agent token's iss and jti." The call is the -11 request ("a signed
 * POST identifying the token to revoke by the pair (iss, jti)"), signed by this Agent Provider with
 * its published key ({@code Signature-Key: sig=jwks_uri;id="<this AP>";dwk="aauth-agent.json"}), so
 * the PS can check that "the issuer of the token being revoked" asks; the endpoint is the PS's
 * {@code revocation_endpoint} from its metadata.
 */
public final class AgentTokenRevocation {

    private final String self;
    private final Optional<String> configuredPersonServer;
    private final SignedRevocationClient client;

    /**
     * @param self this Agent Provider's identifier (the {@code iss} of its agent tokens)
     * @param configuredPersonServer the {@code ps} of the agent tokens issued here, if configured
     * @param client signs as this Agent Provider and posts to a PS's {@code revocation_endpoint}
     */
    public AgentTokenRevocation(
            String self, Optional<String> configuredPersonServer, SignedRevocationClient client) {
        this.self = Objects.requireNonNull(self, "self");
        this.configuredPersonServer =
                Objects.requireNonNull(configuredPersonServer, "configuredPersonServer");
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The agent token {@code jti} issued here is revoked: tells the PS it names ({@code ps}, or the
     * configured one when null). Returns normally once the PS answered {@code 2xx}; {@code
     * server_error} when there is no PS to tell or it could not be told (the caller may retry).
     */
    public void revoked(String jti, String ps) {
        String target = ps != null ? ps : configuredPersonServer.orElse(null);
        if (target == null) {
            throw new AAuthException(
                    AAuthError.SERVER_ERROR, "no Person Server to tell of the revocation");
        }
        client.revoke(target, new Revocation(self, jti));
    }
}
