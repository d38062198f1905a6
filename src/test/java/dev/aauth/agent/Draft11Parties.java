package dev.aauth.agent;

import dev.aauth.digest.ContentDigest;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthException;
import dev.aauth.error.ProblemDetails;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.testing.MutableClock;
import dev.aauth.token.Draft11ResourceToken;
import dev.aauth.token.Dwk;
import dev.aauth.token.LocalKeyResolver;
import dev.aauth.token.MintedToken;
import dev.aauth.token.PersonContext;
import dev.aauth.token.PersonToken;
import dev.aauth.token.PersonTokenRecord;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A draft-11 agent with its Agent Provider, Person Server and resources, built in-process from the
 * core classes on a {@link MutableClock}: the AP's -11 agent token, and a Person Server answering
 * as {@link AgentHttp} ({@code POST /aauth/person-token} mints a person token for the {@code
 * resource} asked, retaining its record; {@code POST /aauth/auth-token} verifies the resource token
 * with the PS's own -11 verification, {@code presented_jti} included, and mints the auth token). A
 * scripted answer, when queued, is returned instead of the PS's. Every request is recorded.
 */
final class Draft11Parties implements AgentHttp {

    static final Instant NOW = Instant.ofEpochSecond(1_780_000_000L);
    static final String AP = "https://agents.example";
    static final String PS = "https://ps.example";
    static final String OTHER_PS = "https://other-ps.example";
    static final String RESOURCE = "https://supply.example";
    static final String OTHER_RESOURCE = "https://market.example";
    static final String AGENT = "aauth:backend@agents.example";
    static final String SUB = "8f14e45fceea167a5a36dedd4bea2543";
    static final String PERSON_TOKEN_ENDPOINT = PS + "/aauth/person-token";
    static final String AUTH_TOKEN_ENDPOINT = PS + "/aauth/auth-token";
    static final List<String> SCOPE = List.of("supply-chain:read");

    final MutableClock clock = new MutableClock(NOW);
    final ServerKeySet apKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "ap-1"));
    final ServerKeySet psKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "ps-1"));
    final ServerKeySet otherPsKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "ps-2"));
    final ServerKeySet resourceKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "rs-1"));
    final ServerKeySet otherKeys =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "rs-2"));
    final TokenIssuer ap = new TokenIssuer(AP, apKeys, clock, AAuthProfile.DRAFT_11);
    final TokenIssuer ps = new TokenIssuer(PS, psKeys, clock, AAuthProfile.DRAFT_11);
    final TokenIssuer otherPs =
            new TokenIssuer(OTHER_PS, otherPsKeys, clock, AAuthProfile.DRAFT_11);
    final TokenIssuer resource =
            new TokenIssuer(RESOURCE, resourceKeys, clock, AAuthProfile.DRAFT_11);
    final TokenIssuer otherResource =
            new TokenIssuer(OTHER_RESOURCE, otherKeys, clock, AAuthProfile.DRAFT_11);
    final TokenVerifier verifier = verifier(AAuthProfile.DRAFT_11);
    final TokenVerifier verifier01 = verifier(AAuthProfile.DRAFT_01);
    final SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
    final AgentCredentials agent = credentials(key);

    /** The PS's retained person-token records. */
    final Map<String, PersonTokenRecord> records = new LinkedHashMap<>();

    final Deque<AgentHttp.Response> script = new ArrayDeque<>();
    final List<AgentHttp.Request> requests = new ArrayList<>();

    TokenVerifier verifier(AAuthProfile profile) {
        return new TokenVerifier(
                LocalKeyResolver.builder()
                        .add(AP, Dwk.AGENT, apKeys)
                        .add(PS, Dwk.PERSON, psKeys)
                        .add(OTHER_PS, Dwk.PERSON, otherPsKeys)
                        .add(RESOURCE, Dwk.RESOURCE, resourceKeys)
                        .add(OTHER_RESOURCE, Dwk.RESOURCE, otherKeys)
                        .profile(profile)
                        .build(),
                clock,
                SecurityMode.STRICT,
                VerifiedTokenCache.disabled(clock),
                TokenVerifier.DEFAULT_IAT_LEEWAY,
                profile);
    }

    AgentCredentials credentials(SigningKey k) {
        String token =
                ap.agentToken(AGENT, k.publicJwk(), PS, Duration.ofHours(1), Map.of()).compact();
        return new AgentCredentials(k, token, AGENT, PS, NOW.getEpochSecond() + 3600);
    }

    ChallengeResponder responder(AuthTokenCache cache, PersonTokenCache persons) {
        return new ChallengeResponder(
                Map.of(AAuthProfile.DRAFT_01, verifier01, AAuthProfile.DRAFT_11, verifier),
                this,
                clock,
                cache,
                persons,
                () ->
                        new DeferredPoller(
                                clock, clock::advance, Duration.ofMinutes(5), SecurityMode.STRICT),
                new PersonServerEndpoints() {
                    @Override
                    public String authTokenEndpoint(String personServer, AAuthProfile profile) {
                        return personServer
                                + (profile == AAuthProfile.DRAFT_11
                                        ? "/aauth/auth-token"
                                        : "/aauth/token");
                    }

                    @Override
                    public String personTokenEndpoint(String personServer) {
                        return personServer + "/aauth/person-token";
                    }
                });
    }

    /**
     * A person token of {@code issuer} for {@code audience}, retained when the issuer is the PS.
     */
    String personToken(TokenIssuer issuer, String audience, SigningKey cnf, String sub) {
        MintedToken t =
                issuer.personToken(
                        audience, sub, cnf.publicJwk(), null, null, Duration.ofHours(1), 0);
        if (issuer == ps) {
            records.put(
                    t.jti(), new PersonTokenRecord(t.jti(), PS, sub, null, null, t.expiresAt()));
        }
        return t.compact();
    }

    /** The PS's person token for the agent at {@code audience}, verified as the agent holds it. */
    PersonToken heldPersonToken(String audience) {
        return verifier.verifyPersonToken(personToken(ps, audience, key, SUB), audience);
    }

    /** A -11 resource token of the resource for the person token {@code person}. */
    String resourceToken(PersonToken person, String jkt, Duration lifetime) {
        return resource.resourceToken(PS, PersonContext.of(person), jkt, SCOPE, null, lifetime)
                .compact();
    }

    @Override
    public AgentHttp.Response send(AgentHttp.Request r) {
        requests.add(r);
        AgentHttp.Response scripted = script.poll();
        if (scripted != null) {
            return scripted;
        }
        try {
            if (r.method().equals("POST") && r.url().equals(PERSON_TOKEN_ENDPOINT)) {
                requireSignedBody(r);
                Object aud = body(r).get("resource");
                String pt = personToken(ps, String.valueOf(aud), key, SUB);
                return ok(Map.of("person_token", pt, "expires_in", 3600));
            }
            if (r.method().equals("POST") && r.url().equals(AUTH_TOKEN_ENDPOINT)) {
                requireSignedBody(r);
                Draft11ResourceToken rt =
                        verifier.verifyDraft11ResourceToken(
                                String.valueOf(body(r).get("resource_token")),
                                PS,
                                key.publicJwk().thumbprint(),
                                jti -> Optional.ofNullable(records.get(jti)),
                                null);
                String at =
                        ps.authToken(
                                        rt,
                                        Dwk.PERSON,
                                        key.publicJwk(),
                                        rt.scope(),
                                        Duration.ofHours(1),
                                        0,
                                        Map.of())
                                .compact();
                return ok(Map.of("auth_token", at, "expires_in", 3600));
            }
        } catch (AAuthException e) {
            return problem(e.status(), e.code(), e.detail());
        }
        throw new AssertionError("unexpected request " + r.method() + " " + r.url());
    }

    /** -11: "Every request with a body to a PS or AS MUST sign content-digest and content-type". */
    private static void requireSignedBody(AgentHttp.Request r) {
        String input = r.headers().get("signature-input");
        if (input == null
                || !input.contains("\"content-type\"")
                || !input.contains("\"content-digest\"")
                || !r.headers().get("signature-key").startsWith("sig=jwt;jwt=")
                || !ContentDigest.create(r.body()).equals(r.headers().get("content-digest"))) {
            throw new AssertionError("not signed as -11 asks: " + r.headers());
        }
    }

    static Map<String, Object> body(AgentHttp.Request r) {
        try {
            return JsonUtil.parseJson(new String(r.body(), StandardCharsets.UTF_8));
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    static AgentHttp.Response ok(Map<String, Object> body) {
        return AgentHttp.Response.of(
                200, Map.of("Content-Type", "application/json"), JsonUtil.toJson(body));
    }

    static AgentHttp.Response problem(int status, String error, String detail) {
        return AgentHttp.Response.of(
                status,
                Map.of("Content-Type", ProblemDetails.PROBLEM_JSON),
                new ProblemDetails(error, detail, status).json(true));
    }

    /** A 202 with requirement=interaction and a pending URL on {@code origin}. */
    static AgentHttp.Response deferred(String origin) {
        return AgentHttp.Response.of(
                202,
                Map.of(
                        "Location",
                        "/aauth/pending/p1",
                        "Retry-After",
                        "1",
                        "AAuth-Requirement",
                        "requirement=interaction;url=\""
                                + origin
                                + "/interaction\";code=\"WXYZ-0001\""),
                "{\"status\":\"pending\"}");
    }
}
