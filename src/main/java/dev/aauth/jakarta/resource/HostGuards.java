package dev.aauth.jakarta.resource;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.ServedProfiles;
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
 * jwks_uri}, routed here by the gateway, publishes). Every draft this origin serves is enforced for
 * every host ({@link AAuthEnforcer#resourceVerifier}); each host remembers the draft-11 person
 * tokens verified for it in its own {@link PersonTokenMemory}.
 */
@ApplicationScoped
public class HostGuards {

    @Inject AAuthConfig config;
    @Inject ResourceConfiguration resources;
    @Inject AAuthEnforcer enforcer;
    @Inject ServerKeySet serverKeys;
    @Inject RevocationStore revocations;
    @Inject Clock clock;
    @Inject DecisionMetrics metrics;

    private List<HostGuard> guards;

    @PostConstruct
    void init() {
        List<HostGuard> all = new ArrayList<>();
        for (ProtectedHost host : resources.hosts()) {
            List<AAuthRequestVerifier> verifiers = new ArrayList<>();
            List<TokenIssuer> issuers = new ArrayList<>();
            for (AAuthProfile p : enforcer.drafts().served()) {
                verifiers.add(enforcer.resourceVerifier(p, host.identifier()));
                issuers.add(new TokenIssuer(host.identifier(), serverKeys, clock, p));
            }
            all.add(
                    new HostGuard(
                            host,
                            new AccessDecider(
                                    new ServedProfiles(verifiers),
                                    host.settings(),
                                    new ResourceTokens(issuers, host.settings()),
                                    revocations,
                                    config.securityMode(),
                                    new PersonTokenMemory(
                                            PersonTokenMemory.DEFAULT_MAX_ENTRIES, clock)),
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
