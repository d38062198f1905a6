package dev.aauth.profile;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.FieldLookup;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.JktJwtVerifier;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.testing.MutableClock;
import dev.aauth.token.Actor;
import dev.aauth.token.Dwk;
import dev.aauth.token.IssuerKeyResolver;
import dev.aauth.token.MintedToken;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small AAuth world in memory: an agent provider, a person server and a resource, each with its
 * own keys, and an agent with a short-lived Ed25519 key. Used by the profile tests and benchmarks.
 */
public final class AAuthFixture {

    public static final String AP = "https://agents.example";
    public static final String PS = "https://ps.example";
    public static final String RESOURCE = "https://resource.example";
    public static final String AGENT = "aauth:backend@agents.example";

    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T12:00:00Z"));
    public final ServerKeySet apKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "ap-1"));
    public final ServerKeySet psKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "ps-1"));
    public final ServerKeySet resourceKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "rs-1"));
    public final SigningKey agentKey = SigningKey.generate(SignatureAlgorithm.ED25519, "agent-1");
    public final TokenIssuer ap = new TokenIssuer(AP, apKeys, clock);
    public final TokenIssuer ps = new TokenIssuer(PS, psKeys, clock);
    public final TokenIssuer resource = new TokenIssuer(RESOURCE, resourceKeys, clock);
    public int keyLookups;

    /** Resolves the three issuers' keys in memory, counting lookups. */
    public final IssuerKeyResolver resolver =
            (iss, dwk, kid) -> {
                keyLookups++;
                ServerKeySet set =
                        switch (iss) {
                            case AP -> apKeys;
                            case PS -> psKeys;
                            case RESOURCE -> resourceKeys;
                            default -> null;
                        };
                if (set == null) {
                    throw new AAuthException(AAuthError.UNKNOWN_KEY, "unknown issuer " + iss);
                }
                return set.jwks()
                        .byKid(kid)
                        .orElseThrow(
                                () ->
                                        new AAuthException(
                                                AAuthError.UNKNOWN_KEY, "unknown kid " + kid));
            };

    public String agentToken() {
        return agentTokenFor(agentKey.publicJwk()).compact();
    }

    public MintedToken agentTokenFor(Jwk key) {
        return ap.agentToken(AGENT, key, PS, Duration.ofHours(1), Map.of());
    }

    public String authToken(List<String> scope) {
        return ps.authToken(
                        Dwk.PERSON,
                        RESOURCE,
                        AGENT,
                        agentKey.publicJwk(),
                        Actor.of(AGENT),
                        "pairwise-sub-1",
                        scope,
                        null,
                        Duration.ofMinutes(30),
                        0,
                        Map.of())
                .compact();
    }

    public TokenVerifier tokenVerifier(VerifiedTokenCache cache) {
        return new TokenVerifier(resolver, clock, SecurityMode.STRICT, cache);
    }

    public AAuthRequestVerifier verifier(VerificationPolicy policy, VerifiedTokenCache cache) {
        SignatureKeyResolver keys =
                new SignatureKeyResolver(
                        tokenVerifier(cache),
                        resolver,
                        new JktJwtVerifier(clock),
                        SecurityMode.STRICT);
        return new AAuthRequestVerifier(policy, keys, clock);
    }

    public AAuthRequestVerifier verifier() {
        return verifier(
                VerificationPolicy.forResource(RESOURCE), new VerifiedTokenCache(1000, clock));
    }

    public AAuthRequestSigner signer() {
        return new AAuthRequestSigner(agentKey, clock);
    }

    /** A mutable header map that can become a request. */
    public static final class Request {
        public String method;
        public String target;
        public final Map<String, List<String>> fields = new LinkedHashMap<>();

        public Request(String method, String target) {
            this.method = method;
            this.target = target;
        }

        public Request set(String name, String value) {
            fields.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(List.of(value)));
            return this;
        }

        public Request remove(String name) {
            fields.remove(name.toLowerCase(Locale.ROOT));
            return this;
        }

        public FieldLookup lookup() {
            return name -> fields.get(name.toLowerCase(Locale.ROOT));
        }

        public HttpRequestMessage message() {
            return HttpRequestMessage.of(method, target, lookup());
        }

        public Request apply(SignedHeaders h) {
            set("signature-key", h.signatureKey());
            set("signature-input", h.signatureInput());
            set("signature", h.signature());
            return this;
        }
    }

    /** GET {resource}/api/inventory signed with the agent key, presenting {@code key}. */
    public Request signedGet(String path, SignatureKey key, List<String> extra) {
        Request r = new Request("GET", RESOURCE + path);
        return r.apply(signer().sign(r.method, r.target, r.lookup(), key, extra));
    }

    public Request signedGet(String path, SignatureKey key) {
        return signedGet(path, key, List.of());
    }
}
