package dev.aauth.jakarta.agentprovider;

import dev.aauth.jakarta.boundary.CoreProducers;
import dev.aauth.jakarta.boundary.Drafts;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.ReplayCache;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.sigkey.SignatureKeyResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The Agent Provider's objects, built once per origin from the core objects of {@link
 * dev.aauth.jakarta.boundary.CoreProducers}.
 */
@ApplicationScoped
public class AgentProviderProducers {

    /**
     * The in-process agent token service: inject it to give an agent of this deployment its token.
     */
    @Produces
    @Singleton
    public AgentTokens agentTokens(Drafts drafts, AAuthConfig config) {
        return new AgentTokens(
                drafts.served().stream().map(drafts::issuer).toList(), config.agentProvider());
    }

    @Produces
    @Singleton
    public Enrollment enrollment(AgentTokens tokens, AAuthConfig config) {
        return new Enrollment(tokens, config.agentProvider());
    }

    /**
     * Tells a Person Server that an agent token issued here is revoked ({@link
     * AgentTokenRevocation}), over the SSRF-safe fetcher with the revocation calls' bounds.
     */
    @Produces
    @Singleton
    public AgentTokenRevocation agentTokenRevocation(
            AAuthConfig config,
            dev.aauth.discovery.JwksCache jwks,
            dev.aauth.jose.ServerKeySet keys,
            Clock clock) {
        dev.aauth.discovery.SafeHttpFetcher fetcher =
                dev.aauth.discovery.SafeHttpFetcher.builder(config.securityMode())
                        .clock(clock)
                        .connectTimeout(java.time.Duration.ofSeconds(2))
                        .readTimeout(java.time.Duration.ofSeconds(5))
                        .totalTimeout(java.time.Duration.ofSeconds(5))
                        .build();
        return new AgentTokenRevocation(
                config.issuer(),
                config.agentProvider().personServer(),
                new dev.aauth.jakarta.boundary.SignedRevocationClient(
                        config.issuer(),
                        dev.aauth.token.Dwk.AGENT,
                        keys,
                        ps ->
                                jwks.metadata(
                                        ps,
                                        dev.aauth.token.Dwk.PERSON,
                                        dev.aauth.error.AAuthError.SERVER_ERROR),
                        fetcher::post,
                        clock));
    }

    /**
     * What the enrollment endpoint demands: the draft's four components, 60 s, the {@code jkt-jwt}
     * scheme only.
     */
    public static VerificationPolicy enrollmentPolicy() {
        return new VerificationPolicy(
                List.of(), VerificationPolicy.DEFAULT_WINDOW, Set.of("jkt-jwt"), Set.of(), null);
    }

    static AAuthRequestVerifier enrollmentVerifier(
            SignatureKeyResolver keys, Clock clock, ReplayCache replays) {
        return new AAuthRequestVerifier(
                enrollmentPolicy(), keys, clock, replays, CoreProducers.SERVER_BODY_COMPONENTS);
    }
}
