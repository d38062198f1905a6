package dev.aauth.testing;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Base64Url;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.SignedHeaders;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.sigkey.JktJwtVerifier;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.token.Actor;
import dev.aauth.token.Dwk;
import dev.aauth.token.IssuerKeyResolver;
import dev.aauth.token.Mission;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A small AAuth world for the fuzz targets: an agent provider, a person server and a resource with
 * fixed keys (derived from their names, so a saved input verifies the same way on every run), an
 * agent with an Ed25519 and a P-256 key, and a clock that never moves. Every issuer key is resolved
 * in memory: no target touches the network. A fresh world per input keeps the caches of one input
 * from changing the outcome of another.
 */
public final class FuzzWorld {

    public static final String AP = "https://agents.example";
    public static final String PS = "https://ps.example";
    public static final String RESOURCE = "https://resource.example";
    public static final String AGENT = "aauth:backend@agents.example";
    public static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    public static final SigningKey AP_KEY = key(SignatureAlgorithm.ED25519, "ap-1");
    public static final SigningKey AP_EC_KEY = key(SignatureAlgorithm.ECDSA_P256_SHA256, "ap-2");
    public static final SigningKey PS_KEY = key(SignatureAlgorithm.ED25519, "ps-1");
    public static final SigningKey RESOURCE_KEY = key(SignatureAlgorithm.ED25519, "rs-1");
    public static final SigningKey AGENT_KEY = key(SignatureAlgorithm.ED25519, "agent-1");
    public static final SigningKey AGENT_EC_KEY =
            key(SignatureAlgorithm.ECDSA_P256_SHA256, "agent-2");

    public final MutableClock clock = new MutableClock(NOW);
    public final ServerKeySet apKeys = new ServerKeySet(AP_KEY, AP_EC_KEY);
    public final ServerKeySet psKeys = new ServerKeySet(PS_KEY);
    public final ServerKeySet resourceKeys = new ServerKeySet(RESOURCE_KEY);
    public final TokenIssuer ap = new TokenIssuer(AP, apKeys, clock);
    public final TokenIssuer ps = new TokenIssuer(PS, psKeys, clock);
    public final TokenIssuer resource = new TokenIssuer(RESOURCE, resourceKeys, clock);

    /**
     * The issuers' published keys by kid, and for {@code jwks_uri} Signature-Keys the agent's keys
     * as the agent provider publishes them.
     */
    public final IssuerKeyResolver resolver = FuzzWorld::resolve;

    /** A deterministic key: the same name gives the same key on every run. */
    public static SigningKey key(SignatureAlgorithm algorithm, String kid) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(("aauth-fuzz-" + kid).getBytes(StandardCharsets.UTF_8));
            return SigningKey.generate(algorithm, kid, random);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Jwk resolve(String issuer, String dwk, String kid) {
        List<SigningKey> keys =
                switch (issuer == null ? "" : issuer) {
                    case AP -> List.of(AP_KEY, AP_EC_KEY, AGENT_KEY, AGENT_EC_KEY);
                    case PS -> List.of(PS_KEY);
                    case RESOURCE -> List.of(RESOURCE_KEY);
                    default ->
                            throw new AAuthException(
                                    AAuthError.UNKNOWN_KEY, "issuer unknown to the fuzz world");
                };
        for (SigningKey k : keys) {
            if (k.kid().orElse("").equals(kid)) {
                return k.publicJwk();
            }
        }
        throw new AAuthException(AAuthError.UNKNOWN_KEY, "no key with this kid");
    }

    /** The signing key an input names by {@code kid}, else the agent's Ed25519 key. */
    public static SigningKey signerFor(Object kid) {
        for (SigningKey k : List.of(AP_KEY, AP_EC_KEY, PS_KEY, RESOURCE_KEY, AGENT_EC_KEY)) {
            if (k.kid().orElse("").equals(kid)) {
                return k;
            }
        }
        return AGENT_KEY;
    }

    /**
     * The compact JWS an input stands for: the input itself when it has no LF, else {@code <header
     * JSON> LF <payload JSON>} encoded and signed by the key the header's {@code kid} names (so a
     * mutated header or payload still carries a valid signature and the code after the signature
     * check runs too).
     */
    public static String compactJws(String text) {
        int lf = text.indexOf('\n');
        if (lf < 0) {
            return text;
        }
        String header = text.substring(0, lf);
        String payload = text.substring(lf + 1);
        Object kid = null;
        try {
            Map<String, Object> h = JsonUtil.parseJson(header);
            kid = h == null ? null : h.get("kid");
        } catch (JoseException | RuntimeException e) {
            // not a JSON object: the parser under test will say so; sign with the default key
        }
        String input =
                Base64Url.encode(header.getBytes(StandardCharsets.UTF_8))
                        + '.'
                        + Base64Url.encode(payload.getBytes(StandardCharsets.UTF_8));
        byte[] sig = signerFor(kid).sign(input.getBytes(StandardCharsets.US_ASCII));
        return input + '.' + Base64Url.encode(sig);
    }

    /** {@code <header JSON> LF <payload JSON>} of a compact JWS: the seed form of a token. */
    public static String decodedJws(String compact) {
        String[] parts = compact.split("\\.");
        return new String(
                        Base64Url.decode(parts[0], AAuthError.INVALID_JWT, "header"),
                        StandardCharsets.UTF_8)
                + "\n"
                + new String(
                        Base64Url.decode(parts[1], AAuthError.INVALID_JWT, "payload"),
                        StandardCharsets.UTF_8);
    }

    public TokenVerifier tokenVerifier() {
        return new TokenVerifier(
                resolver, clock, SecurityMode.STRICT, new VerifiedTokenCache(16, clock));
    }

    public SignatureKeyResolver signatureKeys() {
        return new SignatureKeyResolver(
                tokenVerifier(), resolver, new JktJwtVerifier(clock), SecurityMode.STRICT);
    }

    /**
     * A resource's verifier accepting every Signature-Key scheme, agent and auth tokens, and also
     * requiring {@code content-digest} when listed.
     */
    public AAuthRequestVerifier verifier(List<String> extraComponents) {
        VerificationPolicy policy =
                VerificationPolicy.forResource(RESOURCE)
                        .withSchemes(VerificationPolicy.ALL_SCHEMES)
                        .withExtraComponents(extraComponents);
        return new AAuthRequestVerifier(policy, signatureKeys(), clock);
    }

    // ---------------------------------------------------------------- valid tokens, for seeds

    public String agentToken(Jwk cnf) {
        return ap.agentToken(AGENT, cnf, PS, Duration.ofHours(1), Map.of()).compact();
    }

    public String resourceToken(Mission mission) {
        return resource.resourceToken(
                        PS,
                        AGENT,
                        AGENT_KEY.publicJwk().thumbprint(),
                        List.of("read", "write"),
                        mission,
                        Duration.ofMinutes(5))
                .compact();
    }

    public String authToken(Actor act) {
        return ps.authToken(
                        Dwk.PERSON,
                        RESOURCE,
                        AGENT,
                        AGENT_KEY.publicJwk(),
                        act,
                        "pairwise-sub-1",
                        List.of("read"),
                        new Mission(PS, Base64Url.encode(new byte[32])),
                        Duration.ofMinutes(30),
                        0,
                        Map.of())
                .compact();
    }

    /** A jkt-jwt: the agent's P-256 key delegated by a self-issued Ed25519 enclave key. */
    public String jktJwt() {
        SigningKey enclave = key(SignatureAlgorithm.ED25519, "enclave");
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "jkt-s256+jwt");
        header.put("jwk", enclave.publicJwk().withoutMetadata().toMap());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", enclave.publicJwk().thumbprintUri());
        claims.put("iat", NOW.getEpochSecond());
        claims.put("exp", NOW.getEpochSecond() + 600);
        claims.put("cnf", Map.of("jwk", AGENT_EC_KEY.publicJwk().withoutMetadata().toMap()));
        return dev.aauth.jose.Jws.sign(header, claims, enclave);
    }

    /** Signs a request with the agent's key as {@link AAuthRequestSigner} does. */
    public SignedHeaders sign(
            SigningKey signer,
            String method,
            String target,
            Map<String, String> fields,
            SignatureKey key,
            List<String> extra) {
        return new AAuthRequestSigner(signer, clock)
                .sign(
                        method,
                        target,
                        name -> fields.containsKey(name) ? List.of(fields.get(name)) : null,
                        key,
                        extra);
    }
}
