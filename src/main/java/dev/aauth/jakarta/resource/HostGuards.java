package dev.aauth.jakarta.resource;

import dev.aauth.jakarta.boundary.CoreProducers;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.token.TokenIssuer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@link HostGuard} per {@link ProtectedHost} ({@link ResourceConfiguration#hosts}): this
 * origin and every host guarded through a gateway. Each verifies with this origin's signature
 * policy, keys, clock and replay cache, but with its own identifier as audience; each mints its
 * resource tokens as its own issuer with this origin's signing keys (which its metadata's {@code
 * jwks_uri}, routed here by the gateway, publishes).
 */
@ApplicationScoped
public class HostGuards {

    @Inject AAuthConfig config;
    @Inject ResourceConfiguration resources;
    @Inject AAuthRequestVerifier verifier;
    @Inject SignatureKeyResolver keys;
    @Inject ServerKeySet serverKeys;
    @Inject RevocationStore revocations;
    @Inject Clock clock;
    @Inject DecisionMetrics metrics;

    private List<HostGuard> guards;

    @PostConstruct
    void init() {
        List<HostGuard> all = new ArrayList<>();
        VerificationPolicy p = verifier.policy();
        for (ProtectedHost host : resources.hosts()) {
            AAuthRequestVerifier hostVerifier =
                    new AAuthRequestVerifier(
                            new VerificationPolicy(
                                    p.requiredComponents(),
                                    p.signatureWindow(),
                                    p.allowedSchemes(),
                                    p.allowedJwtTypes(),
                                    host.identifier(),
                                    p.profile()),
                            keys,
                            clock,
                            verifier.replays(),
                            CoreProducers.resourceBodyComponents(config));
            ResourceTokens tokens =
                    new ResourceTokens(
                            new TokenIssuer(host.identifier(), serverKeys, clock), host.settings());
            all.add(
                    new HostGuard(
                            host,
                            new AccessDecider(
                                    hostVerifier,
                                    host.settings(),
                                    tokens,
                                    revocations,
                                    config.securityMode()),
                            new DecisionLog(host.identifier(), clock, metrics)));
        }
        guards = List.copyOf(all);
    }

    /** Every guard, this origin's first. */
    public List<HostGuard> all() {
        return guards;
    }

    /** The guard of the host with this scheme (null: any) and authority. */
    public Optional<HostGuard> of(String scheme, String authority) {
        return resources
                .host(scheme, authority)
                .flatMap(h -> guards.stream().filter(g -> g.host() == h).findFirst());
    }
}
