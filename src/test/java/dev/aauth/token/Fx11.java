package dev.aauth.token;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.Jws;
import dev.aauth.jose.SigningKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The draft-11 deployment of the token tests: {@link Fx}'s parties, issuers and verifier speaking
 * -11 (fully specified {@code alg}, {@code cnf.jwk.alg}, person tokens), plus the PS's retained
 * person-token records.
 */
final class Fx11 {

    static final String SUB = "8f14e45fceea167a5a36dedd4bea2543";
    static final String MISSION = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    final Fx fx = new Fx();
    final LocalKeyResolver local =
            LocalKeyResolver.builder()
                    .add(Fx.AGENT_PROVIDER, Dwk.AGENT, Fx.AGENT_KEYS)
                    .add(Fx.RESOURCE, Dwk.RESOURCE, Fx.RESOURCE_KEYS)
                    .add(Fx.PS, Dwk.PERSON, Fx.PS_KEYS)
                    .add(Fx.AS, Dwk.ACCESS, Fx.AS_KEYS)
                    .profile(AAuthProfile.DRAFT_11)
                    .build();

    final TokenIssuer agentProvider =
            new TokenIssuer(Fx.AGENT_PROVIDER, Fx.AGENT_KEYS, fx.clock, AAuthProfile.DRAFT_11);
    final TokenIssuer resource =
            new TokenIssuer(Fx.RESOURCE, Fx.RESOURCE_KEYS, fx.clock, AAuthProfile.DRAFT_11);
    final TokenIssuer ps = new TokenIssuer(Fx.PS, Fx.PS_KEYS, fx.clock, AAuthProfile.DRAFT_11);
    final TokenIssuer as = new TokenIssuer(Fx.AS, Fx.AS_KEYS, fx.clock, AAuthProfile.DRAFT_11);

    /** The PS's retained person-token records, filled by {@link #personToken}. */
    final Map<String, PersonTokenRecord> records = new LinkedHashMap<>();

    final PersonTokenRecords psRecords = jti -> Optional.ofNullable(records.get(jti));

    TokenVerifier verifier() {
        return new TokenVerifier(
                local,
                fx.clock,
                SecurityMode.STRICT,
                VerifiedTokenCache.disabled(fx.clock),
                TokenVerifier.DEFAULT_IAT_LEEWAY,
                AAuthProfile.DRAFT_11);
    }

    String agentToken() {
        return agentProvider
                .agentToken(Fx.AGENT, Fx.AGENT_JWK, Fx.PS, Duration.ofHours(1), Map.of())
                .compact();
    }

    /** A person token for {@link Fx#RESOURCE}, recorded as the PS retains it. */
    String personToken(String mission) {
        MintedToken t =
                ps.personToken(
                        Fx.RESOURCE, SUB, Fx.AGENT_JWK, mission, null, Duration.ofHours(1), 0);
        records.put(
                t.jti(), new PersonTokenRecord(t.jti(), Fx.PS, SUB, mission, null, t.expiresAt()));
        return t.compact();
    }

    PersonToken verifiedPersonToken(String mission) {
        return verifier().verifyPersonToken(personToken(mission), Fx.RESOURCE);
    }

    String resourceToken(PersonToken person, String audience) {
        return resource.resourceToken(
                        audience,
                        PersonContext.of(person),
                        Fx.AGENT_JKT,
                        List.of("data.read"),
                        null,
                        Duration.ofMinutes(5))
                .compact();
    }

    Draft11ResourceToken verifiedResourceToken(String mission) {
        return verifier()
                .verifyDraft11ResourceToken(
                        resourceToken(verifiedPersonToken(mission), Fx.PS),
                        Fx.PS,
                        Fx.AGENT_JKT,
                        psRecords,
                        null);
    }

    String authToken(String mission) {
        return ps.authToken(
                        verifiedResourceToken(mission),
                        Dwk.PERSON,
                        Fx.AGENT_JWK,
                        List.of("data.read"),
                        Duration.ofHours(1),
                        0,
                        Map.of())
                .compact();
    }

    // ------------------------------------------------------------ raw -11 claims

    static Map<String, Object> cnf() {
        return Map.of("jwk", AAuthProfile.DRAFT_11.published(Fx.AGENT_JWK).toMap());
    }

    static Map<String, Object> personClaims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", Fx.PS);
        c.put("dwk", Dwk.PERSON);
        c.put("aud", Fx.RESOURCE);
        c.put("sub", SUB);
        c.put("cnf", cnf());
        c.put("jti", "pt-1");
        c.put("iat", Fx.T);
        c.put("exp", Fx.T + 3600);
        return c;
    }

    static Map<String, Object> resourceClaims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", Fx.RESOURCE);
        c.put("dwk", Dwk.RESOURCE);
        c.put("aud", Fx.PS);
        c.put("jti", "rt-1");
        c.put("ps", Fx.PS);
        c.put("sub", SUB);
        c.put("presented_jti", "pt-1");
        c.put("agent_jkt", Fx.AGENT_JKT);
        c.put("iat", Fx.T);
        c.put("exp", Fx.T + 300);
        c.put("scope", "data.read");
        return c;
    }

    static Map<String, Object> authClaims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", Fx.PS);
        c.put("dwk", Dwk.PERSON);
        c.put("aud", Fx.RESOURCE);
        c.put("jti", "at-1");
        c.put("ps", Fx.PS);
        c.put("sub", SUB);
        c.put("cnf", cnf());
        c.put("iat", Fx.T);
        c.put("exp", Fx.T + 3600);
        c.put("scope", "data.read");
        return c;
    }

    /** Signs with the fully specified alg of {@code key} (Ed25519 or ES256). */
    static String sign(String typ, Map<String, ?> claims, SigningKey key) {
        return sign(typ, AAuthProfile.DRAFT_11.jwsAlg(key.algorithm()), claims, key);
    }

    static String sign(String typ, String alg, Map<String, ?> claims, SigningKey key) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg);
        header.put("typ", typ);
        header.put("kid", key.kid().orElseThrow());
        return Jws.sign(header, claims, key);
    }

    static String signPerson(Map<String, ?> claims) {
        return sign(TokenType.PERSON.typ(), claims, Fx.PS_KEYS.current());
    }

    static String signResource(Map<String, ?> claims) {
        return sign(TokenType.RESOURCE.typ(), claims, Fx.RESOURCE_KEYS.current());
    }

    static String signAuth(Map<String, ?> claims) {
        return sign(TokenType.AUTH.typ(), claims, Fx.PS_KEYS.current());
    }

    static Jwk withoutAlg(Jwk k) {
        return k.withAlg(null);
    }
}
