package dev.aauth.jakarta.agent;

import dev.aauth.agent.AgentCredentials;
import dev.aauth.agent.JdkAgentHttp;
import dev.aauth.agent.RemoteEnrollment;
import dev.aauth.agent.RenewingCredentials;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.agentprovider.AgentTokens;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.AgentSettings;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jakarta.store.AgentCredentialStore;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This origin's agent: a short-lived Ed25519 key and the agent token binding it ("agents use
 * short-lived keys ... the agent token binds the agent's signing key to its identity"). The token
 * comes from the Agent Provider in-process when this origin is the AP ({@link AgentTokens}), else
 * by remote {@code jkt-jwt} enrollment with the long-lived key in {@code aauth.agent.key-file}.
 * {@link #credentials()} renews key and token {@code aauth.agent.renew-before} before the agent
 * token expires, and tells the listeners the old key's thumbprint, so the auth tokens bound to it
 * are dropped. Key and token are kept in the database ({@code agent_credentials}) and reused after
 * a restart while still valid: a Person Server binds a pending request to the key that made it.
 *
 * <p>The draft ({@code aauth.agent.draft}): with {@code draft-11} the agent token is asked for in
 * -11's shape (in-process, or {@code "draft": "draft-11"} in the enrollment body) and the
 * credentials speak -11; a stored token of the other draft's shape is not reused.
 */
@ApplicationScoped
public class AgentIdentity {

    @Inject AAuthConfig config;
    @Inject Clock clock;
    @Inject TokenVerifier verifier;
    @Inject Instance<AgentTokens> agentTokens;
    @Inject Instance<AgentCredentialStore> store;

    private static final Logger LOG = Logger.getLogger(AgentIdentity.class.getName());

    private RenewingCredentials credentials;

    /**
     * Credentials of the drafts other than the configured one, made at the first call speaking that
     * draft ({@link #credentials(AAuthProfile)}); kept in memory only (a deferred -11 request is
     * not resumed after a restart).
     */
    private final Map<AAuthProfile, RenewingCredentials> others = new ConcurrentHashMap<>();

    private final List<Consumer<String>> keyListeners = new CopyOnWriteArrayList<>();

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

    /**
     * The credentials speaking {@code draft}: {@link #credentials()} for null or the configured
     * draft ({@code aauth.agent.draft}); otherwise a key and agent token of {@code draft}'s shape
     * of their own (a flow never mixes drafts: a -11 call is signed with a -11 agent token), made
     * at the first use and renewed as the others.
     *
     * @throws AAuthException {@code invalid_request} when this origin does not serve {@code draft}
     *     ({@code aauth.profiles})
     */
    public AgentCredentials credentials(AAuthProfile draft) {
        if (draft == null || draft == config.agent().draft()) {
            return credentials();
        }
        if (!enabled()) {
            throw new IllegalStateException("this origin has no agent role");
        }
        if (!config.profiles().contains(draft)) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST,
                    "this agent does not speak " + draft.id() + " (aauth.profiles)");
        }
        return others.computeIfAbsent(
                        draft,
                        d -> {
                            RenewingCredentials r =
                                    new RenewingCredentials(
                                            clock,
                                            config.agent().renewBefore(),
                                            () -> obtainFor(newKey(), d));
                            keyListeners.forEach(r::onKeyReplaced);
                            return r;
                        })
                .current();
    }

    /**
     * The last credentials obtained, without renewing (for health checks); null before the first.
     */
    public AgentCredentials peek() {
        return credentials.peek();
    }

    /** {@code listener} receives the thumbprint of each replaced key. */
    public void onKeyReplaced(Consumer<String> listener) {
        keyListeners.add(listener);
        credentials.onKeyReplaced(listener);
        others.values().forEach(r -> r.onKeyReplaced(listener));
    }

    /**
     * The stored credentials when still good for longer than the renewal margin (a restart keeps
     * the key, to which the Person Server bound the agent's pending requests), else new ones,
     * stored.
     */
    private AgentCredentials obtain() {
        String owner = config.issuer() + " " + config.agent().name().orElseThrow();
        if (credentials.peek() == null) {
            Optional<AgentCredentials> kept = stored(owner);
            if (kept.isPresent()) {
                return kept.get();
            }
        }
        AgentCredentials fresh = obtainNew();
        try {
            store.get()
                    .save(
                            owner,
                            fresh.key().toPrivateJwkJson(),
                            fresh.agentToken(),
                            Instant.ofEpochSecond(fresh.expiresAt()));
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "could not store the agent's credentials: a restart will need new ones",
                    e);
        }
        return fresh;
    }

    /**
     * The stored key, while it is not yet due for rotation (its agent token's {@code exp} minus the
     * renewal margin). Its agent token is reused when it still verifies; otherwise (the Agent
     * Provider's own key changed with the restart, say) a new agent token is obtained for the same
     * key.
     */
    private Optional<AgentCredentials> stored(String owner) {
        try {
            Optional<AgentCredentialStore.Stored> row = store.get().find(owner);
            if (row.isEmpty()
                    || clock.instant()
                            .plus(config.agent().renewBefore())
                            .isAfter(row.get().expiresAt())) {
                return Optional.empty();
            }
            SigningKey key = SigningKey.fromJwkJson(row.get().privateJwk());
            try {
                AgentToken t = verifier.verifyAgentToken(row.get().agentToken());
                AAuthProfile draft = config.agent().draft();
                if (t.cnf().thumbprint().equals(key.publicJwk().thumbprint())
                        && AgentCredentials.detect(row.get().agentToken()) == draft) {
                    return Optional.of(
                            speaking(
                                    new AgentCredentials(
                                            key,
                                            row.get().agentToken(),
                                            t.agent(),
                                            t.ps(),
                                            t.expiresAt())));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "stored agent token unusable; a new one for the same key", e);
            }
            AgentCredentials renewed = obtainFor(key);
            store.get()
                    .save(
                            owner,
                            key.toPrivateJwkJson(),
                            renewed.agentToken(),
                            Instant.ofEpochSecond(renewed.expiresAt()));
            return Optional.of(renewed);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stored agent credentials unusable; obtaining new ones", e);
            return Optional.empty();
        }
    }

    private AgentCredentials obtainNew() {
        return obtainFor(newKey());
    }

    private static SigningKey newKey() {
        return SigningKey.generate(SignatureAlgorithm.ED25519, null);
    }

    private AgentCredentials obtainFor(SigningKey key) {
        return obtainFor(key, config.agent().draft());
    }

    /**
     * An agent token for {@code key}: in-process from this origin's AP, else by remote enrollment.
     */
    private AgentCredentials obtainFor(SigningKey key, AAuthProfile draft) {
        AgentSettings s = config.agent();
        String provider = s.agentProvider().orElseThrow();
        String name = s.name().orElseThrow();
        if (provider.equals(config.issuer()) && config.hasRole(Role.AGENT_PROVIDER)) {
            MintedToken minted =
                    draft == AAuthProfile.DRAFT_01
                            ? agentTokens.get().issue(name, key.publicJwk())
                            : agentTokens.get().issue(name, key.publicJwk(), draft);
            AgentToken t = verifier.verifyAgentToken(minted.compact());
            return speaking(
                    new AgentCredentials(key, minted.compact(), t.agent(), t.ps(), t.expiresAt()),
                    draft);
        }
        RemoteEnrollment enrollment =
                new RemoteEnrollment(new JdkAgentHttp(s.httpTimeout()), verifier, clock);
        AgentCredentials enrolled =
                draft == AAuthProfile.DRAFT_01
                        ? enrollment.enroll(provider, name, readKey(s), key)
                        : enrollment.enroll(provider, name, readKey(s), key, draft);
        return speaking(enrolled, draft);
    }

    /** The credentials speaking the configured draft (draft-01: as read from the token). */
    private AgentCredentials speaking(AgentCredentials c) {
        return speaking(c, config.agent().draft());
    }

    /** The credentials speaking {@code draft} (draft-01: as read from the token). */
    private static AgentCredentials speaking(AgentCredentials c, AAuthProfile draft) {
        return draft == AAuthProfile.DRAFT_01 ? c : c.withProfile(draft);
    }

    private static SigningKey readKey(AgentSettings s) {
        try {
            return SigningKey.fromJwkJson(
                    Files.readString(s.keyFile().orElseThrow(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    AAuthConfig.AGENT_KEY_FILE + ": cannot read " + s.keyFile().orElseThrow(), e);
        }
    }
}
