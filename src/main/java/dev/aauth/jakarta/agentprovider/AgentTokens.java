package dev.aauth.jakarta.agentprovider;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.id.AgentIdentifier;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jakarta.config.AgentProviderSettings;
import dev.aauth.jose.Jwk;
import dev.aauth.token.MintedToken;
import dev.aauth.token.TokenIssuer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Issues agent tokens of this Agent Provider: "The agent provider verifies the agent's identity and
 * issues an agent token binding the agent's public key to the agent's identifier." Callers in this
 * deployment (a backend agent bean) call {@link #issue} directly: being in-process is their proof.
 * Remote agents go through {@link Enrollment} first. Thread-safe.
 */
public final class AgentTokens {

    private final TokenIssuer issuer;
    private final Map<AAuthProfile, TokenIssuer> issuers;
    private final AgentProviderSettings settings;
    private final String domain;

    /** Issues draft-01 agent tokens only. */
    public AgentTokens(TokenIssuer issuer, AgentProviderSettings settings) {
        this(List.of(issuer), settings);
    }

    /**
     * @param issuers one issuer per draft this Agent Provider serves, the preferred first (its
     *     tokens are those {@link #issue(String, Jwk)} mints), all of the same issuer
     */
    public AgentTokens(List<TokenIssuer> issuers, AgentProviderSettings settings) {
        if (issuers.isEmpty()) {
            throw new IllegalArgumentException("no issuer");
        }
        this.issuer = issuers.get(0);
        this.issuers = new EnumMap<>(AAuthProfile.class);
        for (TokenIssuer i : issuers) {
            if (!i.issuer().equals(issuer.issuer())) {
                throw new IllegalArgumentException("issuers differ: " + i.issuer());
            }
            this.issuers.put(i.profile(), i);
        }
        this.settings = Objects.requireNonNull(settings, "settings");
        // "domain is the agent provider's domain": the authority of its server identifier
        this.domain = ServerIdentifier.parse(issuer.issuer(), SecurityMode.DEVELOPMENT).authority();
    }

    /**
     * The agent identifier {@code aauth:local@domain} of the local name, or null when {@code local}
     * is not a valid local part.
     */
    public String agentId(String local) {
        if (local == null) {
            return null;
        }
        String id = AgentIdentifier.PREFIX + local + "@" + domain;
        return AgentIdentifier.isValid(id, SecurityMode.DEVELOPMENT) ? id : null;
    }

    /**
     * An {@code aa-agent+jwt} for the agent {@code local} bound to {@code key} ({@code cnf.jwk}),
     * with the configured {@code ps} and lifetime.
     *
     * @throws IllegalArgumentException when {@code local} is not a valid local part
     */
    public MintedToken issue(String local, Jwk key) {
        return issue(local, key, issuer.profile());
    }

    /** Whether this Agent Provider issues {@code profile}'s agent tokens. */
    public boolean issues(AAuthProfile profile) {
        return issuers.containsKey(profile);
    }

    /**
     * As {@link #issue(String, Jwk)}, in {@code profile}'s shape: under -11 the JWS {@code alg} is
     * the fully specified {@code Ed25519} and {@code cnf.jwk} carries {@code alg} ("The JWK MUST
     * carry a fully-specified alg member"); the claims are the same in both drafts.
     *
     * @param profile the draft, or null for the preferred one
     * @throws IllegalArgumentException when {@code local} is not a valid local part or {@code
     *     profile} is not served
     */
    public MintedToken issue(String local, Jwk key, AAuthProfile profile) {
        TokenIssuer issuer = issuers.get(profile == null ? this.issuer.profile() : profile);
        if (issuer == null) {
            throw new IllegalArgumentException(profile.id() + " agent tokens are not issued here");
        }
        String id = agentId(local);
        if (id == null) {
            throw new IllegalArgumentException("not an agent local name: " + local);
        }
        return issuer.agentToken(
                id,
                key.withoutMetadata(),
                settings.personServer().orElse(null),
                settings.tokenLifetime(),
                Map.of());
    }
}
