package dev.aauth.jakarta.resource;

import dev.aauth.profile.VerifiedRequest;
import dev.aauth.token.AgentToken;
import dev.aauth.token.AuthToken;
import dev.aauth.token.Dwk;
import dev.aauth.token.MintedToken;
import dev.aauth.token.Mission;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.VerifiedToken;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Issues this resource's {@code aa-resource+jwt}s ("Resource Token Structure"): {@code iss} this
 * resource, {@code dwk} {@code aauth-resource.json}, {@code aud}, {@code agent}, {@code agent_jkt}
 * ("JWK Thumbprint of the agent's current signing key": the key that signed the request), {@code
 * scope}, {@code jti}, {@code iat}, {@code exp} five minutes later ("Resource tokens SHOULD NOT
 * have a lifetime exceeding 5 minutes"), and {@code mission} when the request carried a signed
 * {@code AAuth-Mission}.
 */
public final class ResourceTokens {

    /** The longest lifetime the draft allows. */
    public static final Duration LIFETIME = TokenIssuer.MAX_RESOURCE_TOKEN_LIFETIME;

    /** Where a resource token would go, or why there is nowhere. */
    public record Audience(String value, String refusal, String detail) {
        static Audience of(String value) {
            return new Audience(value, null, null);
        }

        static Audience refused(String refusal, String detail) {
            return new Audience(null, refusal, detail);
        }

        public boolean isRefused() {
            return value == null;
        }
    }

    private final TokenIssuer issuer;
    private final ResourceSettings settings;

    public ResourceTokens(TokenIssuer issuer, ResourceSettings settings) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The {@code aud} of a resource token for the signer of {@code token}. "The resource sets the
     * token's audience based on its configuration: If the resource has its own AS: aud = AS URL
     * (four-party). If the resource has no AS but the agent has a PS (ps claim in agent token): aud
     * = PS URL (three-party). If neither: the resource handles authorization itself". This resource
     * has no authorization of its own to fall back on, so "neither" is refused ({@code 403} {@code
     * no_person_server}). A Person Server outside {@code aauth.resource.trusted-person-servers} is
     * refused too: its auth token would be refused anyway.
     *
     * <p>For step-up the request carries an auth token rather than the agent token: its issuer is
     * the PS when {@code dwk} is {@code aauth-person.json}; an access server's auth token without a
     * configured access server is refused.
     */
    public Audience audienceFor(VerifiedToken token) {
        if (settings.accessServer().isPresent()) {
            return Audience.of(settings.accessServer().get());
        }
        String ps = null;
        if (token instanceof AgentToken agent) {
            ps = agent.ps();
        } else if (token instanceof AuthToken auth && Dwk.PERSON.equals(auth.dwk())) {
            ps = auth.issuer();
        }
        if (ps == null) {
            return Audience.refused(
                    "no_person_server",
                    "the agent names no Person Server (ps) and this resource has no access server");
        }
        if (!settings.trusts(ps)) {
            return Audience.refused(
                    "untrusted_person_server",
                    "the agent's Person Server is not trusted by this resource");
        }
        return Audience.of(ps);
    }

    /** A resource token for the agent that signed {@code request}. */
    public MintedToken mint(
            String audience, VerifiedRequest request, List<String> scopes, Mission mission) {
        return issuer.resourceToken(
                audience,
                request.identity(),
                request.key().thumbprint(),
                scopes,
                mission,
                LIFETIME);
    }
}
