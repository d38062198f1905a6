package dev.aauth.jakarta.boundary;

import dev.aauth.discovery.BoundedHttpFetcher;
import dev.aauth.discovery.JwksCache;
import dev.aauth.discovery.SafeHttpFetcher;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jakarta.config.SignatureSettings;
import dev.aauth.jakarta.keys.StoredKeys;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.InMemoryReplayCache;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.sigkey.JktJwtVerifier;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.token.Dwk;
import dev.aauth.token.IssuerKeyResolver;
import dev.aauth.token.LocalKeyResolver;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenType;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * The one place the core objects are built, each once per origin (application), from {@link
 * AAuthConfig}. The core classes are final and thread-safe, so they are produced as {@link
 * Singleton}s (no client proxy).
 *
 * <p>Time comes from the produced {@link Clock}; a test or benchmark can replace it with a CDI
 * {@code @Alternative} producer.
 */
@ApplicationScoped
public class CoreProducers {

    /** The wall clock, UTC. */
    @Produces
    @Singleton
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Issuers' metadata and JWKS, fetched with the SSRF-safe fetcher in the configured {@link
     * dev.aauth.id.SecurityMode} (DEVELOPMENT allows http and loopback, for the local demo), at
     * most {@code aauth.outbound.max-concurrent-fetches} at once in this process (issue 12).
     */
    @Produces
    @Singleton
    public JwksCache jwksCache(AAuthConfig config, Clock clock) {
        return JwksCache.builder(
                        new BoundedHttpFetcher(
                                SafeHttpFetcher.create(config.securityMode()),
                                config.maxConcurrentFetches(),
                                BoundedHttpFetcher.DEFAULT_MAX_WAIT),
                        config.securityMode())
                .clock(clock)
                .build();
    }

    /**
     * Token verification with a bounded cache of verified tokens. Tokens this origin issued itself
     * (under the metadata document of each role it fills: an agent token of the collocated Agent
     * Provider at the Person Server, say) are checked against its own key set, never fetched over
     * HTTP from itself (re-read from the database when a token names a kid another instance of this
     * issuer has just rotated to); every other issuer's keys come through discovery.
     */
    @Produces
    @Singleton
    public TokenVerifier tokenVerifier(
            AAuthConfig config, JwksCache jwks, ServerKeySet keys, StoredKeys stored, Clock clock) {
        return new TokenVerifier(
                stored.refreshingOnUnknownKid(keyResolver(config, keys, jwks::findKey)),
                clock,
                config.securityMode(),
                new VerifiedTokenCache(VerifiedTokenCache.DEFAULT_MAX_ENTRIES, clock));
    }

    /**
     * This origin's own issuer under the {@code dwk} of every issuing role it fills; others go to
     * {@code fallback}.
     */
    static LocalKeyResolver keyResolver(
            AAuthConfig config, ServerKeySet keys, IssuerKeyResolver fallback) {
        return keyResolver(config, keys, fallback, AAuthProfile.DRAFT_01);
    }

    static LocalKeyResolver keyResolver(
            AAuthConfig config,
            ServerKeySet keys,
            IssuerKeyResolver fallback,
            AAuthProfile profile) {
        LocalKeyResolver.Builder b = LocalKeyResolver.builder().fallback(fallback).profile(profile);
        if (config.hasRole(Role.AGENT_PROVIDER)) {
            b.add(config.issuer(), Dwk.AGENT, keys);
        }
        if (config.hasRole(Role.PERSON_SERVER)) {
            b.add(config.issuer(), Dwk.PERSON, keys);
        }
        if (config.hasRole(Role.RESOURCE)) {
            b.add(config.issuer(), Dwk.RESOURCE, keys);
        }
        return b.build();
    }

    /** Step 5 of "Verification (Server)": every Signature-Key scheme the core knows. */
    @Produces
    @Singleton
    public SignatureKeyResolver signatureKeyResolver(
            AAuthConfig config, TokenVerifier tokens, JwksCache jwks, Clock clock) {
        return new SignatureKeyResolver(
                tokens, jwks::findKey, new JktJwtVerifier(clock), config.securityMode());
    }

    /**
     * "Verification (Server)" as this origin requires it: its signature window, extra covered
     * components, schemes and JWT types ({@code aauth.resource.*}), and its issuer as the {@code
     * aud} auth tokens must carry.
     */
    @Produces
    @Singleton
    public AAuthRequestVerifier requestVerifier(
            AAuthConfig config,
            SignatureKeyResolver keys,
            Clock clock,
            InMemoryReplayCache replays) {
        return new AAuthRequestVerifier(
                policy(config), keys, clock, replays, resourceBodyComponents(config));
    }

    /**
     * The replay cache of this origin's resource endpoints (issue 12): in this instance's memory,
     * bounded by {@value AAuthConfig#REPLAY_MAX_ENTRIES}. Per instance by design: a resource keeps
     * no state of its own in a database, and a request replayed to another instance of a resource
     * is still bound by the signature window (the Person Server's endpoints share theirs in the
     * database: {@link dev.aauth.jakarta.store.DatabaseReplayCache}).
     */
    @Produces
    @Singleton
    public InMemoryReplayCache replayCache(AAuthConfig config, Clock clock) {
        return new InMemoryReplayCache(config.replayMaxEntries(), clock);
    }

    /**
     * What a signed request with a body must cover at a resource: {@code content-digest} unless
     * {@value AAuthConfig#RESOURCE_REQUIRE_BODY_DIGEST} is false.
     */
    public static List<String> resourceBodyComponents(AAuthConfig config) {
        return config.resourceRequiresBodyDigest() ? List.of("content-digest") : List.of();
    }

    /**
     * What a signed request with a body must cover at the Person Server and Agent Provider (issue
     * 12, "Signed bodies"): its content and its type, so neither can be swapped in transit.
     */
    public static final List<String> SERVER_BODY_COMPONENTS =
            List.of("content-type", "content-digest");

    /**
     * Mints this origin's tokens (resource, agent or auth tokens, by role) with its current key.
     */
    @Produces
    @Singleton
    public TokenIssuer tokenIssuer(AAuthConfig config, ServerKeySet keys, Clock clock) {
        return new TokenIssuer(config.issuer(), keys, clock);
    }

    /**
     * Every draft this origin serves ({@value AAuthConfig#PROFILES}), each with its own core
     * objects: draft-01's are the beans produced above (what every -01 endpoint injects,
     * unchanged); draft-11's are built here the same way under its rules, with a token cache of
     * their own.
     */
    @Produces
    @Singleton
    public Drafts drafts(
            AAuthConfig config,
            JwksCache jwks,
            ServerKeySet keys,
            StoredKeys stored,
            Clock clock,
            InMemoryReplayCache replays,
            TokenVerifier tokens01,
            SignatureKeyResolver keys01,
            AAuthRequestVerifier verifier01,
            TokenIssuer issuer01) {
        List<Drafts.Stack> stacks = new java.util.ArrayList<>();
        for (AAuthProfile p : config.profiles()) {
            if (p == AAuthProfile.DRAFT_01) {
                stacks.add(
                        new Drafts.Stack(
                                tokens01, keys01, verifier01.policy(), verifier01, issuer01));
                continue;
            }
            TokenVerifier tokens =
                    new TokenVerifier(
                            stored.refreshingOnUnknownKid(
                                    keyResolver(config, keys, jwks::findKey, p)),
                            clock,
                            config.securityMode(),
                            new VerifiedTokenCache(VerifiedTokenCache.DEFAULT_MAX_ENTRIES, clock),
                            TokenVerifier.DEFAULT_IAT_LEEWAY,
                            p);
            SignatureKeyResolver resolver =
                    new SignatureKeyResolver(
                            tokens,
                            jwks::findKey,
                            new JktJwtVerifier(clock),
                            config.securityMode());
            VerificationPolicy policy = withPersonTokens(policy(config).withProfile(p));
            stacks.add(
                    new Drafts.Stack(
                            tokens,
                            resolver,
                            policy,
                            new AAuthRequestVerifier(
                                    policy,
                                    resolver,
                                    clock,
                                    replays,
                                    resourceBodyComponents(config)),
                            new TokenIssuer(config.issuer(), keys, clock, p)));
        }
        return new Drafts(stacks);
    }

    /**
     * Under a draft with person tokens, {@code aa-person+jwt} is accepted wherever {@code
     * aa-agent+jwt} is: -11 "The agent presents it via the Signature-Key header ... in place of the
     * agent token". The one place the resource policy of such a draft is derived.
     */
    public static VerificationPolicy withPersonTokens(VerificationPolicy policy) {
        if (!policy.profile().hasPersonTokens()
                || !policy.allowedJwtTypes().contains(TokenType.AGENT)) {
            return policy;
        }
        java.util.EnumSet<TokenType> types = java.util.EnumSet.copyOf(policy.allowedJwtTypes());
        types.add(TokenType.PERSON);
        return policy.withJwtTypes(types);
    }

    static VerificationPolicy policy(AAuthConfig config) {
        SignatureSettings r = config.resourceSignatures();
        return new VerificationPolicy(
                r.signatureComponents(),
                r.signatureWindow(),
                r.signatureKeySchemes(),
                r.jwtTypes(),
                config.issuer());
    }
}
