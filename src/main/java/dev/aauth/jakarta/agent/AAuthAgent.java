package dev.aauth.jakarta.agent;

import dev.aauth.agent.AgentCall;
import dev.aauth.agent.AgentCredentials;
import dev.aauth.agent.AuthTokenCache;
import dev.aauth.agent.AuthTokenChallenge;
import dev.aauth.agent.ChallengeResponder;
import dev.aauth.agent.ChallengeRetry;
import dev.aauth.agent.DeferredPoller;
import dev.aauth.agent.JdkAgentHttp;
import dev.aauth.agent.PendingExchange;
import dev.aauth.agent.PersonServerEndpoints;
import dev.aauth.agent.PersonTokenCache;
import dev.aauth.agent.PersonTokenChallenge;
import dev.aauth.agent.Sleeper;
import dev.aauth.discovery.JwksCache;
import dev.aauth.discovery.MetadataDocument;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.boundary.Drafts;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.token.AuthToken;
import dev.aauth.token.Draft11AuthToken;
import dev.aauth.token.PersonToken;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedToken;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The agent's calls through MicroProfile REST Client, retried once after a challenge. MicroProfile
 * REST Client cannot retry from inside a {@code ResponseExceptionMapper}, so the retry lives here,
 * in a small facade around the client call:
 *
 * <pre>{@code
 * @Inject AAuthAgent agent;
 * Plan plan = agent.call(() -> supplyChain.optimize(request));
 * }</pre>
 *
 * The call runs; on an {@link AuthTokenChallenge} the {@link ChallengeResponder} verifies the
 * resource token, exchanges it at the agent's Person Server (waiting through a deferred response),
 * verifies the auth token and caches it; the call then runs once more, now carrying the auth token
 * ({@link AAuthClientFilter}). A challenge to that retry is not answered again: it fails with
 * {@code invalid_jwt}, so nothing loops. A challenge to a request that carried a cached auth token
 * is a step-up: answered the same way, with the new resource token's scopes.
 */
@ApplicationScoped
public class AAuthAgent {

    private static final Logger LOG = Logger.getLogger(AAuthAgent.class.getName());

    @Inject AAuthConfig config;
    @Inject AgentIdentity identity;
    @Inject TokenVerifier verifier;
    @Inject JwksCache discovery;
    @Inject Clock clock;
    @Inject AgentTracing tracing;
    @Inject Drafts drafts;

    private AuthTokenCache cache;
    private ChallengeResponder responder;

    @PostConstruct
    void init() {
        cache =
                new AuthTokenCache(
                        clock,
                        config.agent().authTokenMargin(),
                        AuthTokenCache.DEFAULT_MAX_ENTRIES);
        JdkAgentHttp http = new JdkAgentHttp(config.agent().httpTimeout());
        Map<AAuthProfile, TokenVerifier> verifiers = new EnumMap<>(AAuthProfile.class);
        verifiers.put(AAuthProfile.DRAFT_01, verifier);
        if (drafts.serves(AAuthProfile.DRAFT_11)) {
            verifiers.put(AAuthProfile.DRAFT_11, drafts.tokens(AAuthProfile.DRAFT_11));
        }
        responder =
                new ChallengeResponder(
                        verifiers,
                        tracing.http(http),
                        clock,
                        cache,
                        new PersonTokenCache(
                                clock,
                                config.agent().authTokenMargin(),
                                AuthTokenCache.DEFAULT_MAX_ENTRIES),
                        () ->
                                new DeferredPoller(
                                        clock,
                                        Sleeper.REAL,
                                        config.agent().pendingTimeout(),
                                        config.securityMode()),
                        new Endpoints());
        identity.onKeyReplaced(responder::dropKey);
    }

    /** {@link #call(AgentCall, Supplier)} with no upstream token and no handlers. */
    public <T> T call(Supplier<T> operation) {
        return call(AgentCall.DEFAULT, operation);
    }

    /**
     * Runs {@code operation} (one or more REST client calls), answering one challenge and retrying
     * once.
     *
     * @throws AAuthException when the challenge cannot be answered (its verification failed, the PS
     *     refused or the person denied, the wait ran out) or the retry is challenged again
     */
    public <T> T call(AgentCall call, Supplier<T> operation) {
        CallContext previous = CallContext.enter(call);
        try {
            return ChallengeRetry.run(
                    token -> {
                        if (token == null) {
                            return operation.get();
                        }
                        CallContext ctx = CallContext.current();
                        ctx.retryResource = audience(token);
                        ctx.retryToken = token;
                        return tracing.span("aauth.retry", ctx.retryResource, operation);
                    },
                    new ChallengeRetry.Answers() {
                        @Override
                        public VerifiedToken personToken(PersonTokenChallenge c) {
                            return tracing.span(
                                    "aauth.person-token",
                                    c.resource(),
                                    () -> {
                                        AgentCredentials agent = credentials(call);
                                        tracing.signer(agent);
                                        return responder.personToken(
                                                agent,
                                                c.resource(),
                                                call.withEvents(tracing.traced(call.events())));
                                    });
                        }

                        @Override
                        public VerifiedToken authToken(AuthTokenChallenge c) {
                            return tracing.span(
                                    "aauth.challenge",
                                    c.resource(),
                                    () -> {
                                        AgentCredentials agent = credentials(call);
                                        tracing.signer(agent);
                                        return responder.respond(
                                                agent,
                                                c,
                                                call.withEvents(tracing.traced(call.events())));
                                    });
                        }
                    },
                    call.events());
        } finally {
            CallContext.restore(previous);
        }
    }

    /**
     * Finishes a deferred token request stored before a restart (see {@link
     * PendingExchange.Listener}): polls it with the agent's current credentials, verifies and
     * caches the auth token, so the next {@link #call} of that route presents it.
     */
    public AuthToken resume(PendingExchange pending, AgentCall call) {
        return tracing.span(
                "aauth.resume",
                pending.resource(),
                () -> responder.resume(identity.credentials(), pending, call));
    }

    /** The agent's credentials (renewed when due). */
    public AgentCredentials credentials() {
        return identity.credentials();
    }

    /**
     * The credentials {@code call} is signed with: of the draft it speaks ({@link
     * AgentCall#draft()}), else of the agent's own ({@link
     * AgentIdentity#credentials(AAuthProfile)}).
     */
    public AgentCredentials credentials(AgentCall call) {
        return identity.credentials(call.draft());
    }

    /**
     * Drops every cached auth token and -11 person token (the next call of each route is challenged
     * again).
     */
    public void forgetAuthTokens() {
        cache.clear();
        responder.personTokens().clear();
    }

    ChallengeResponder responder() {
        return responder;
    }

    /** The resource a presented token is for: its {@code aud}. */
    static String audience(VerifiedToken token) {
        if (token instanceof AuthToken t) {
            return t.audience();
        }
        if (token instanceof Draft11AuthToken t) {
            return t.audience();
        }
        if (token instanceof PersonToken t) {
            return t.audience();
        }
        throw new IllegalArgumentException("not presented to a resource: " + token.type());
    }

    Clock clock() {
        return clock;
    }

    AuthTokenCache cache() {
        return cache;
    }

    AgentTracing tracing() {
        return tracing;
    }

    /**
     * {@code additional_signature_components} of a resource's metadata; none when it cannot be
     * read.
     */
    List<String> requiredComponents(String resource) {
        try {
            return discovery
                    .metadata(resource, MetadataDocument.RESOURCE)
                    .additionalSignatureComponents();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "no resource metadata from " + resource, e);
            return List.of();
        }
    }

    /**
     * The {@code callback_endpoint} of this agent's Agent Provider ("The {@code callback} URL is
     * constructed from the agent's {@code callback_endpoint} metadata"); empty when the provider
     * publishes none or its metadata cannot be read.
     */
    public Optional<String> callbackEndpoint() {
        Optional<String> provider = config.agent().agentProvider();
        if (provider.isEmpty()) {
            return Optional.empty();
        }
        try {
            return discovery.metadata(provider.get(), MetadataDocument.AGENT).callbackEndpoint();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "no agent metadata from " + provider.get(), e);
            return Optional.empty();
        }
    }

    /**
     * The Person Server's endpoints from its metadata: -01 {@code token_endpoint} (as it always
     * was), -11 {@code auth_token_endpoint} and {@code person_token_endpoint}.
     */
    private final class Endpoints implements PersonServerEndpoints {

        private final PersonServerEndpoints fromMetadata =
                PersonServerEndpoints.fromMetadata(
                        ps -> discovery.metadata(ps, MetadataDocument.PERSON));

        @Override
        public String authTokenEndpoint(String personServer, AAuthProfile profile) {
            return profile == AAuthProfile.DRAFT_01
                    ? tokenEndpoint(personServer)
                    : fromMetadata.authTokenEndpoint(personServer, profile);
        }

        @Override
        public String personTokenEndpoint(String personServer) {
            return fromMetadata.personTokenEndpoint(personServer);
        }
    }

    private String tokenEndpoint(String personServer) {
        Optional<String> endpoint =
                discovery.metadata(personServer, MetadataDocument.PERSON).tokenEndpoint();
        return endpoint.orElseThrow(
                () ->
                        new AAuthException(
                                AAuthError.SERVER_ERROR,
                                "the Person Server "
                                        + personServer
                                        + " publishes no token_endpoint"));
    }
}
