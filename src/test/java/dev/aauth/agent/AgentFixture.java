package dev.aauth.agent;

import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.testing.MutableClock;
import dev.aauth.token.Actor;
import dev.aauth.token.AuthToken;
import dev.aauth.token.Dwk;
import dev.aauth.token.LocalKeyResolver;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An agent with its Agent Provider, Person Server and one resource, each with its own keys, on a
 * {@link MutableClock}; tokens minted by the real {@link TokenIssuer}, verified by the real {@link
 * TokenVerifier} (keys resolved locally). No HTTP.
 */
final class AgentFixture {

    static final Instant NOW = Instant.ofEpochSecond(1_780_000_000L);
    static final String AP = "https://agents.example";
    static final String PS = "https://ps.example";
    static final String RESOURCE = "https://supply.example";
    static final String OTHER_RESOURCE = "https://market.example";
    static final String AGENT = "aauth:backend@agents.example";

    final MutableClock clock = new MutableClock(NOW);
    final ServerKeySet apKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "ap-1"));
    final ServerKeySet psKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "ps-1"));
    final ServerKeySet resourceKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "rs-1"));
    final ServerKeySet otherKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "rs-2"));
    final TokenIssuer ap = new TokenIssuer(AP, apKeys, clock);
    final TokenIssuer ps = new TokenIssuer(PS, psKeys, clock);
    final TokenIssuer resource = new TokenIssuer(RESOURCE, resourceKeys, clock);
    final TokenIssuer otherResource = new TokenIssuer(OTHER_RESOURCE, otherKeys, clock);
    final TokenVerifier verifier =
            new TokenVerifier(
                    LocalKeyResolver.builder()
                            .add(AP, Dwk.AGENT, apKeys)
                            .add(PS, Dwk.PERSON, psKeys)
                            .add(RESOURCE, Dwk.RESOURCE, resourceKeys)
                            .add(OTHER_RESOURCE, Dwk.RESOURCE, otherKeys)
                            .build(),
                    clock,
                    SecurityMode.STRICT,
                    VerifiedTokenCache.disabled(clock));
    final SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
    final AgentCredentials agent = credentials(key);

    AgentCredentials credentials(SigningKey k) {
        String token =
                ap.agentToken(AGENT, k.publicJwk(), PS, Duration.ofHours(1), Map.of()).compact();
        return new AgentCredentials(k, token, AGENT, PS, NOW.getEpochSecond() + 3600);
    }

    String resourceToken(List<String> scope) {
        return resource.resourceToken(PS, AGENT, agent.jkt(), scope, null, Duration.ofMinutes(5))
                .compact();
    }

    String authToken(String audience, Jwk cnf, List<String> scope, Duration lifetime) {
        return ps.authToken(
                        Dwk.PERSON,
                        audience,
                        AGENT,
                        cnf,
                        Actor.of(AGENT),
                        "user-1",
                        scope,
                        null,
                        lifetime,
                        Long.MAX_VALUE,
                        Map.of())
                .compact();
    }

    AuthToken verifiedAuthToken(List<String> scope, Duration lifetime) {
        return verifier.verifyAuthTokenResponse(
                authToken(RESOURCE, key.publicJwk(), scope, lifetime),
                PS,
                RESOURCE,
                key.publicJwk(),
                AGENT);
    }
}
