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
