package dev.aauth.jakarta.agent;

import dev.aauth.agent.AgentCredentials;
import dev.aauth.agent.JdkAgentHttp;
import dev.aauth.agent.RemoteEnrollment;
import dev.aauth.agent.RenewingCredentials;
import dev.aauth.jakarta.agentprovider.AgentTokens;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.AgentSettings;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.token.AgentToken;
import dev.aauth.token.MintedToken;
import dev.aauth.token.TokenVerifier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * This origin's agent: a short-lived Ed25519 key and the agent token binding it ("agents use
 * short-lived keys ... the agent token binds the agent's signing key to its identity"). The token
 * comes from the Agent Provider in-process when this origin is the AP ({@link AgentTokens}), else by
 * remote {@code jkt-jwt} enrollment with the long-lived key in {@code aauth.agent.key-file}.
 * {@link #credentials()} renews key and token {@code aauth.agent.renew-before} before the agent
 * token expires, and tells the listeners the old key's thumbprint, so the auth tokens bound to it are
 * dropped.
 */
@ApplicationScoped
public class AgentIdentity {

    @Inject
    AAuthConfig config;
    @Inject
    Clock clock;
    @Inject
    TokenVerifier verifier;
    @Inject
    Instance<AgentTokens> agentTokens;

    private RenewingCredentials credentials;

    @PostConstruct
    void init() {
        credentials = new RenewingCredentials(clock, config.agent().renewBefore(), this::obtain);
    }

    /** Whether this origin is an agent (the {@code agent} role). */
    public boolean enabled() {
        return config.hasRole(Role.AGENT);
    }

    /** The current credentials, renewed first when the agent token is near its {@code exp}. */
    public AgentCredentials credentials() {
        if (!enabled()) {
            throw new IllegalStateException("this origin has no agent role");
        }
        return credentials.current();
    }

    /** The last credentials obtained, without renewing (for health checks); null before the first. */
    public AgentCredentials peek() {
        return credentials.peek();
    }

    /** {@code listener} receives the thumbprint of each replaced key. */
    public void onKeyReplaced(Consumer<String> listener) {
        credentials.onKeyReplaced(listener);
    }

    private AgentCredentials obtain() {
        AgentSettings s = config.agent();
        String provider = s.agentProvider().orElseThrow();
        String name = s.name().orElseThrow();
        if (provider.equals(config.issuer()) && config.hasRole(Role.AGENT_PROVIDER)) {
            SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
            MintedToken minted = agentTokens.get().issue(name, key.publicJwk());
            AgentToken t = verifier.verifyAgentToken(minted.compact());
            return new AgentCredentials(key, minted.compact(), t.agent(), t.ps(), t.expiresAt());
        }
        SigningKey longLived = readKey(s);
        return new RemoteEnrollment(new JdkAgentHttp(s.httpTimeout()), verifier, clock).enroll(provider, name, longLived);
    }

    private static SigningKey readKey(AgentSettings s) {
        try {
            return SigningKey.fromJwkJson(Files.readString(s.keyFile().orElseThrow(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(AAuthConfig.AGENT_KEY_FILE + ": cannot read " + s.keyFile().orElseThrow(), e);
        }
    }
}
