package dev.aauth.jakarta.agentprovider;

import dev.aauth.id.AgentIdentifier;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jakarta.config.AgentProviderSettings;
import dev.aauth.jose.Jwk;
import dev.aauth.token.MintedToken;
import dev.aauth.token.TokenIssuer;
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
    private final AgentProviderSettings settings;
    private final String domain;

    public AgentTokens(TokenIssuer issuer, AgentProviderSettings settings) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
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
