package dev.aauth.jakarta.resource;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.ServedProfiles;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.sigkey.JktJwtVerifier;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.token.Draft11ResourceToken;
import dev.aauth.token.Dwk;
import dev.aauth.token.IssuerKeyResolver;
import dev.aauth.token.MintedToken;
import dev.aauth.token.PersonTokenRecord;
import dev.aauth.token.PersonTokenRecords;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AAuthFixture}'s world speaking draft-11 too: the same parties and keys, their -11 issuers
 * (fully specified {@code alg}, {@code cnf.jwk.alg}), keys published as -11 publishes them, the
 * PS's retained person-token records, and deciders serving either draft or both, each with the
 * core's verifiers and in-process key resolution.
 */
final class Draft11Fixture {

    static final String SUB = "person-8f14e45f";
    static final String MISSION = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    final AAuthFixture f = new AAuthFixture();
    final TokenIssuer ap11 =
            new TokenIssuer(AAuthFixture.AP, f.apKeys, f.clock, AAuthProfile.DRAFT_11);
    final TokenIssuer ps11 =
            new TokenIssuer(AAuthFixture.PS, f.psKeys, f.clock, AAuthProfile.DRAFT_11);
    final TokenIssuer resource11 =
            new TokenIssuer(AAuthFixture.RESOURCE, f.resourceKeys, f.clock, AAuthProfile.DRAFT_11);
    final AccessDeciderTest.TestRevocations revocations = new AccessDeciderTest.TestRevocations();

    /** The PS's retained person-token records. */
    final Map<String, PersonTokenRecord> records = new LinkedHashMap<>();

    final PersonTokenRecords psRecords = jti -> Optional.ofNullable(records.get(jti));

    /** Issuer keys as a -11 server publishes them (with alg). */
    final IssuerKeyResolver keys11 =
            (iss, dwk, kid) -> AAuthProfile.DRAFT_11.published(f.resolver.resolve(iss, dwk, kid));

    TokenVerifier tokens11() {
        return new TokenVerifier(
                keys11,
                f.clock,
                SecurityMode.STRICT,
                VerifiedTokenCache.disabled(f.clock),
                TokenVerifier.DEFAULT_IAT_LEEWAY,
                AAuthProfile.DRAFT_11);
    }

    AAuthRequestVerifier verifier(AAuthProfile profile) {
        if (profile == AAuthProfile.DRAFT_01) {
            return f.verifier(
                    VerificationPolicy.forResource(AAuthFixture.RESOURCE),
                    VerifiedTokenCache.disabled(f.clock));
        }
        SignatureKeyResolver resolver =
                new SignatureKeyResolver(
                        tokens11(), keys11, new JktJwtVerifier(f.clock), SecurityMode.STRICT);
        return new AAuthRequestVerifier(
                VerificationPolicy.forDraft11Resource(AAuthFixture.RESOURCE), resolver, f.clock);
    }

    /** A decider serving {@code served}, the preferred first. */
    AccessDecider decider(ResourceSettings settings, AAuthProfile... served) {
        List<AAuthRequestVerifier> verifiers = new ArrayList<>();
        List<TokenIssuer> issuers = new ArrayList<>();
        for (AAuthProfile p : served) {
            verifiers.add(verifier(p));
            issuers.add(p == AAuthProfile.DRAFT_01 ? f.resource : resource11);
        }
        return new AccessDecider(
                new ServedProfiles(verifiers),
                settings,
                new ResourceTokens(issuers, settings),
                revocations,
                SecurityMode.STRICT,
                new PersonTokenMemory(100, f.clock));
    }

    /** Both drafts, draft-01 preferred (the default {@code aauth.profiles}). */
    AccessDecider both(ResourceSettings settings) {
        return decider(settings, AAuthProfile.DRAFT_01, AAuthProfile.DRAFT_11);
    }

    // ------------------------------------------------------------ tokens

    String agentToken11() {
        return ap11.agentToken(
                        AAuthFixture.AGENT,
                        f.agentKey.publicJwk(),
                        AAuthFixture.PS,
                        Duration.ofHours(1),
                        Map.of())
                .compact();
    }

    /** A person token for the resource bound to the agent key, recorded as the PS retains it. */
    MintedToken personToken(String sub, String mission, String tenant) {
        MintedToken t =
                ps11.personToken(
                        AAuthFixture.RESOURCE,
                        sub,
                        f.agentKey.publicJwk(),
                        mission,
                        tenant,
                        Duration.ofHours(1),
                        0);
        records.put(
                t.jti(),
                new PersonTokenRecord(
                        t.jti(), AAuthFixture.PS, sub, mission, tenant, t.expiresAt()));
        return t;
    }

    /** The resource token of a challenge, verified as the PS verifies it (records included). */
    Draft11ResourceToken atPs(String resourceToken) {
        return tokens11()
                .verifyDraft11ResourceToken(
                        resourceToken,
                        AAuthFixture.PS,
                        f.agentKey.publicJwk().thumbprint(),
                        psRecords,
                        null);
    }

    /** The PS's -11 auth token for a verified resource token. */
    String authToken11(Draft11ResourceToken rt, List<String> scope) {
        return ps11.authToken(
                        rt,
                        Dwk.PERSON,
                        f.agentKey.publicJwk(),
                        scope,
                        Duration.ofMinutes(30),
                        0,
                        Map.of())
                .compact();
    }

    // ------------------------------------------------------------ requests

    AAuthFixture.Request get(String token) {
        return f.signedGet("/api/inventory", new SignatureKey.Jwt(token));
    }

    /** Signed by another key than the token's {@code cnf}. */
    AAuthFixture.Request getSignedByOtherKey(String token) {
        SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519, "other");
        AAuthFixture.Request r = new AAuthFixture.Request("GET", AAuthFixture.RESOURCE + "/x");
        return r.apply(
                new dev.aauth.profile.AAuthRequestSigner(other, f.clock)
                        .sign(
                                r.method,
                                r.target,
                                r.lookup(),
                                new SignatureKey.Jwt(token),
                                List.of()));
    }
}
