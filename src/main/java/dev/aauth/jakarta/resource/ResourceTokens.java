package dev.aauth.jakarta.resource;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.token.AgentToken;
import dev.aauth.token.AuthToken;
import dev.aauth.token.Draft11AuthToken;
import dev.aauth.token.Dwk;
import dev.aauth.token.MintedToken;
import dev.aauth.token.Mission;
import dev.aauth.token.PersonContext;
import dev.aauth.token.PersonToken;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.VerifiedToken;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Issues this resource's {@code aa-resource+jwt}s ("Resource Token Structure"): {@code iss} this
 * resource, {@code dwk} {@code aauth-resource.json}, {@code aud}, {@code agent}, {@code agent_jkt}
 * ("JWK Thumbprint of the agent's current signing key": the key that signed the request), {@code
 * scope}, {@code jti}, {@code iat}, {@code exp} five minutes later ("Resource tokens SHOULD NOT
 * have a lifetime exceeding 5 minutes"), and {@code mission} when the request carried a signed
 * {@code AAuth-Mission}.
 *
 * <p>Draft-11 ("Resource Token Structure"): {@code iss}, {@code dwk}, {@code aud}, {@code ps} and
 * {@code sub} and {@code presented_jti} of the person token verified, {@code agent_jkt}, {@code
 * scope}, {@code mission_s256} ("REQUIRED when the person token carried one, copied unchanged") and
 * {@code tenant} copied, five minutes; "A resource token carries no agent identifier".
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

    private final Map<AAuthProfile, TokenIssuer> issuers = new EnumMap<>(AAuthProfile.class);
    private final ResourceSettings settings;

    /** Draft-01 resource tokens only. */
    public ResourceTokens(TokenIssuer issuer, ResourceSettings settings) {
        this(List.of(issuer), settings);
    }

    /**
     * @param issuers this resource's issuer for each draft it serves (one per draft)
     */
    public ResourceTokens(List<TokenIssuer> issuers, ResourceSettings settings) {
        for (TokenIssuer i : issuers) {
            if (this.issuers.put(i.profile(), i) != null) {
                throw new IllegalArgumentException("two issuers for " + i.profile().id());
            }
        }
        if (this.issuers.isEmpty()) {
            throw new IllegalArgumentException("no issuer");
        }
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    private TokenIssuer issuer(AAuthProfile profile) {
        TokenIssuer i = issuers.get(profile);
        if (i == null) {
            throw new IllegalStateException(profile.id() + " resource tokens are not issued here");
        }
        return i;
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
     *
     * <p>Draft-11: the person token's {@code iss} (the PS "whose namespace sub belongs to"), or the
     * auth token's {@code ps} on a step-up: the PS of the person the new token will be for.
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
        } else if (token instanceof PersonToken person) {
            ps = person.issuer();
        } else if (token instanceof Draft11AuthToken auth) {
            ps = auth.ps();
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

    /** A draft-01 resource token for the agent that signed {@code request}. */
    public MintedToken mint(
            String audience, VerifiedRequest request, List<String> scopes, Mission mission) {
        return issuer(AAuthProfile.DRAFT_01)
                .resourceToken(
                        audience,
                        request.identity(),
                        request.key().thumbprint(),
                        scopes,
                        mission,
                        LIFETIME);
    }

    /**
     * A draft-11 resource token for the person {@code person} established by a verified person
     * token, bound to the key that signed {@code request} ({@code agent_jkt}).
     */
    public MintedToken mint(
            String audience, PersonContext person, VerifiedRequest request, List<String> scopes) {
        return issuer(AAuthProfile.DRAFT_11)
                .resourceToken(
                        audience, person, request.key().thumbprint(), scopes, null, LIFETIME);
    }
}
