package dev.aauth.jakarta.personserver;

import dev.aauth.discovery.JwksCache;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.jakarta.boundary.CoreProducers;
import dev.aauth.jakarta.boundary.Drafts;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.store.Consents;
import dev.aauth.jakarta.store.DatabasePersonTokens;
import dev.aauth.jakarta.store.DatabaseReplayCache;
import dev.aauth.jakarta.store.Decisions;
import dev.aauth.jakarta.store.DirectGrants;
import dev.aauth.jakarta.store.IssuedTokens;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.personserver.AgentBindings;
import dev.aauth.personserver.ConsentStore;
import dev.aauth.personserver.DecisionLog;
import dev.aauth.personserver.DeferredResponses;
import dev.aauth.personserver.IssuedTokenLog;
import dev.aauth.personserver.PairwiseSubject;
import dev.aauth.personserver.PersonServerSettings;
import dev.aauth.personserver.PersonTokenIssuance;
import dev.aauth.personserver.PolicyDecider;
import dev.aauth.personserver.TokenExchange;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.RateLimiter;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.token.Dwk;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The Person Server's objects, built once per origin. The state holders (bindings, consents, issued
 * tokens, decisions) are adapters over the database store ({@code dev.aauth.jakarta.store}).
 */
@ApplicationScoped
public class PersonServerProducers {

    @Inject Persons persons;

    /** The person id/username pairs the adapters share (see {@link StorePersonIds}). */
    private StorePersonIds personIds;

    @PostConstruct
    void sharePersonIds() {
        personIds = new StorePersonIds(persons);
    }

    @Produces
    @Singleton
    public AgentBindings agentBindings(
            AAuthConfig config, dev.aauth.jakarta.store.AgentBindings store) {
        return new StoreAgentBindings(store, personIds).seed(config.personServer().agentBindings());
    }

    @Produces
    @Singleton
    public ConsentStore consentStore(Consents consents) {
        return new StoreConsentStore(consents, personIds);
    }

    /**
     * The one pairwise {@code sub} derivation of this Person Server. One instance, shared by the
     * token exchange and the issued-token log: without {@code aauth.person-server.pairwise-secret}
     * each instance draws a random secret, and two of them would derive different subjects for the
     * same person and resource (the log's record of an auth token would not match its {@code sub},
     * so no -11 upstream token would ever verify).
     */
    @Produces
    @Singleton
    public PairwiseSubject pairwiseSubject(AAuthConfig config) {
        return new PairwiseSubject(config.personServer().pairwiseSecret());
    }

    @Produces
    @Singleton
    public IssuedTokenLog issuedTokenLog(
            IssuedTokens tokens, TokenIssuer issuer, PairwiseSubject pairwise) {
        return new StoreIssuedTokenLog(tokens, personIds, issuer.issuer(), pairwise);
    }

    @Produces
    @Singleton
    public DecisionLog decisionLog(Decisions decisions) {
        return new StoreDecisionLog(decisions, personIds);
    }

    @Produces
    @Singleton
    public PolicyDecider policyDecider(
            AAuthConfig config, AgentBindings bindings, ConsentStore consents) {
        return new PolicyDecider(config.personServer(), bindings, consents);
    }

    /**
     * What the token exchange and the -11 person token endpoint share. With draft-11 served ({@code
     * aauth.profiles}), its parts: a -11 request verifier with the token endpoint's demands (the
     * agent token, content-type and content-digest of bodies, the database replay cache), the -11
     * token verifier and issuer of {@link Drafts}, the person tokens in the database.
     */
    @Produces
    @Singleton
    public TokenExchange.Dependencies tokenExchangeDependencies(
            AAuthConfig config,
            SignatureKeyResolver keys,
            TokenVerifier tokens,
            JwksCache jwks,
            PolicyDecider policy,
            TokenIssuer issuer,
            AgentBindings bindings,
            IssuedTokenLog issued,
            DecisionLog decisions,
            PendingRequests pending,
            DirectGrants grants,
            DatabaseReplayCache replays,
            Drafts drafts,
            DatabasePersonTokens personTokens,
            dev.aauth.jakarta.store.Revocations revocations,
            PairwiseSubject pairwise,
            Clock clock) {
        AAuthRequestVerifier requests =
                new AAuthRequestVerifier(
                        TokenExchange.policy(List.of()),
                        keys,
                        clock,
                        replays,
                        CoreProducers.SERVER_BODY_COMPONENTS);
        PersonServerSettings ps = config.personServer();
        return TokenExchange.Dependencies.builder()
                .requests(requests)
                .tokens(tokens)
                .scopeDescriptions(
                        resource ->
                                jwks.metadata(
                                                resource,
                                                Dwk.RESOURCE,
                                                AAuthError.INVALID_RESOURCE_TOKEN)
                                        .scopeDescriptions())
                .policy(policy)
                .issuer(issuer)
                .pairwise(pairwise)
                .bindings(bindings)
                .issued(issued)
                .decisions(decisions)
                .settings(ps)
                .clock(clock)
                .deferred(
                        new DeferredResponses(
                                new StorePendingRequests(pending),
                                personIds,
                                new DeferredResponses.Settings(
                                        ps.pendingLifetime(),
                                        ps.retryAfter(),
                                        config.maxPendingPerAgent(),
                                        config.maxPendingPerPerson()),
                                clock))
                .grants(new StoreDirectGrantLog(grants, personIds, issuer.issuer()))
                .tokenRequests(
                        new RateLimiter(config.tokenRate(), Duration.ofMinutes(1), 100_000, clock))
                .draft11(
                        drafts.serves(AAuthProfile.DRAFT_11)
                                ? new TokenExchange.Draft11(
                                        new AAuthRequestVerifier(
                                                TokenExchange.policy(List.of())
                                                        .withProfile(AAuthProfile.DRAFT_11),
                                                drafts.keys(AAuthProfile.DRAFT_11),
                                                clock,
                                                replays,
                                                CoreProducers.SERVER_BODY_COMPONENTS),
                                        drafts.tokens(AAuthProfile.DRAFT_11),
                                        drafts.issuer(AAuthProfile.DRAFT_11),
                                        personTokens,
                                        config.securityMode())
                                : null)
                .revokedAgentTokens(new StoreRevokedAgentTokens(revocations))
                .build();
    }

    @Produces
    @Singleton
    public TokenExchange tokenExchange(TokenExchange.Dependencies d) {
        return new TokenExchange(d);
    }

    /**
     * The -11 {@code person_token_endpoint}'s logic (refuses everything when -11 is not served).
     */
    @Produces
    @Singleton
    public PersonTokenIssuance personTokenIssuance(
            TokenExchange.Dependencies d, TokenExchange exchange) {
        return new PersonTokenIssuance(d, exchange);
    }
}
