package dev.aauth.jakarta.personserver;

import dev.aauth.discovery.JwksCache;
import dev.aauth.error.AAuthError;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.store.Consents;
import dev.aauth.jakarta.store.Decisions;
import dev.aauth.jakarta.store.IssuedTokens;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.jakarta.store.DirectGrants;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.token.Dwk;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * The Person Server's objects, built once per origin. The state holders (bindings, consents, issued
 * tokens, decisions) are adapters over the database store ({@code dev.aauth.jakarta.store}).
 */
@ApplicationScoped
public class PersonServerProducers {

    /** The person id/username pairs the adapters share (see {@link StorePersonIds}). */
    private volatile StorePersonIds personIds;

    private StorePersonIds personIds(Persons persons) {
        StorePersonIds ids = personIds;
        if (ids == null) {
            synchronized (this) {
                if (personIds == null) {
                    personIds = new StorePersonIds(persons);
                }
                ids = personIds;
            }
        }
        return ids;
    }

    @Produces
    @Singleton
    public AgentBindings agentBindings(AAuthConfig config, dev.aauth.jakarta.store.AgentBindings store, Persons persons) {
        return new StoreAgentBindings(store, personIds(persons)).seed(config.personServer().agentBindings());
    }

    @Produces
    @Singleton
    public ConsentStore consentStore(Consents consents, Persons persons) {
        return new StoreConsentStore(consents, personIds(persons));
    }

    @Produces
    @Singleton
    public IssuedTokenLog issuedTokenLog(AAuthConfig config, IssuedTokens tokens, Persons persons, TokenIssuer issuer) {
        return new StoreIssuedTokenLog(tokens, personIds(persons), issuer.issuer(),
                new PairwiseSubject(config.personServer().pairwiseSecret()));
    }

    @Produces
    @Singleton
    public DecisionLog decisionLog(Decisions decisions, Persons persons) {
        return new StoreDecisionLog(decisions, personIds(persons));
    }

    @Produces
    @Singleton
    public PolicyDecider policyDecider(AAuthConfig config, AgentBindings bindings, ConsentStore consents) {
        return new PolicyDecider(config.personServer(), bindings, consents);
    }

    @Produces
    @Singleton
    public TokenExchange tokenExchange(AAuthConfig config, SignatureKeyResolver keys, TokenVerifier tokens,
                                       JwksCache jwks, PolicyDecider policy, TokenIssuer issuer,
                                       AgentBindings bindings, IssuedTokenLog issued, DecisionLog decisions,
                                       PendingRequests pending, Persons persons, DirectGrants grants,
                                       Clock clock) {
        AAuthRequestVerifier requests = new AAuthRequestVerifier(TokenExchange.policy(List.of()), keys, clock);
        return new TokenExchange(requests, tokens,
                resource -> jwks.metadata(resource, Dwk.RESOURCE, AAuthError.INVALID_RESOURCE_TOKEN).scopeDescriptions(),
                policy, issuer, new PairwiseSubject(config.personServer().pairwiseSecret()), bindings, issued,
                decisions, config.personServer(), clock, new DeferredResponses(pending, persons,
                        config.personServer().pendingLifetime(), config.personServer().retryAfter(), clock),
                new StoreDirectGrantLog(grants, personIds(persons), issuer.issuer()));
    }
}
