package dev.aauth.sigkey;

import static dev.aauth.sigkey.SignatureKeyHeaderTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.sfv.ByteSequence;
import dev.aauth.token.Actor;
import dev.aauth.token.Dwk;
import dev.aauth.token.IssuerKeyResolver;
import dev.aauth.token.LocalKeyResolver;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenType;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * AAuth draft, "Verification (Server)" step 5: "Obtain the public key from the Signature-Key header
 * according to the scheme ... Return invalid_key if the key cannot be parsed, unknown_key if the
 * key is not found at the jwks_uri, invalid_jwt if a JWT scheme fails verification, or expired_jwt
 * if the JWT has expired."
 */
class SignatureKeyResolverTest {

    static final Clock CLOCK = JktJwtVerifierTest.CLOCK;
    static final Set<String> ALL = Set.of("hwk", "jwt", "jwks_uri", "jkt-jwt", "x509");
    static final Set<TokenType> AGENT_OR_AUTH = EnumSet.of(TokenType.AGENT, TokenType.AUTH);

    static final String AGENT_PROVIDER = "https://agent.example";
    static final String PS = "https://ps.example";
    static final String RESOURCE = "https://resource.example";
    static final String AGENT = "aauth:assistant@agent.example";
    static final ServerKeySet AGENT_KEYS =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "a1"));
    static final ServerKeySet PS_KEYS =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "p1"));
    static final ServerKeySet RESOURCE_KEYS =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "r1"));
    static final SigningKey AGENT_KEY = SigningKey.generate(SignatureAlgorithm.ED25519, null);

    private final AtomicInteger jwksUriCalls = new AtomicInteger();
    private final LocalKeyResolver local =
            LocalKeyResolver.builder()
                    .add(AGENT_PROVIDER, Dwk.AGENT, AGENT_KEYS)
                    .add(PS, Dwk.PERSON, PS_KEYS)
                    .add(RESOURCE, Dwk.RESOURCE, RESOURCE_KEYS)
                    .build();
    private final IssuerKeyResolver jwksUri =
            (id, dwk, kid) -> {
                jwksUriCalls.incrementAndGet();
                return local.resolve(id, dwk, kid);
            };

    private SignatureKeyResolver resolver(SecurityMode mode, IssuerKeyResolver jwksUriKeys) {
        TokenVerifier tokens =
                new TokenVerifier(local, CLOCK, mode, new VerifiedTokenCache(100, CLOCK));
        return new SignatureKeyResolver(tokens, jwksUriKeys, new JktJwtVerifier(CLOCK), mode);
    }

    private final SignatureKeyResolver strict = resolver(SecurityMode.STRICT, jwksUri);

    private ResolvedKey resolve(SignatureKey key) {
        return strict.resolve(key, ALL, AGENT_OR_AUTH);
    }

    private static String agentToken(Clock clock) {
        return new TokenIssuer(AGENT_PROVIDER, AGENT_KEYS, clock)
                .agentToken(AGENT, AGENT_KEY.publicJwk(), PS, Duration.ofHours(1), Map.of())
                .compact();
    }

    // ------------------------------------------------------------ policy

    @Test
    @DisplayName(
            "A scheme outside the server's policy is invalid_key (\"does not meet the server's trust requirements\")")
    void schemeNotAllowed() {
        SignatureKey hwk = new SignatureKey.Hwk(AGENT_KEY.publicJwk());
        AAuthException e =
                assertError(
                        AAuthError.INVALID_KEY,
                        () -> strict.resolve(hwk, Set.of("jwt"), AGENT_OR_AUTH));
        assertTrue(e.detail().contains("hwk"));
        assertError(
                AAuthError.INVALID_KEY,
                () ->
                        strict.resolve(
                                new SignatureKey.Jwt(agentToken(CLOCK)),
                                Set.of("hwk"),
                                AGENT_OR_AUTH));
    }

    // ------------------------------------------------------------ hwk

    @Test
    @DisplayName("hwk: the inline key, identified only by its thumbprint (pseudonymous)")
    void hwk() {
        ResolvedKey k = resolve(new SignatureKey.Hwk(AGENT_KEY.publicJwk()));
        assertTrue(k.key().sameKeyAs(AGENT_KEY.publicJwk()));
        assertEquals("urn:jkt:sha-256:" + AGENT_KEY.publicJwk().thumbprint(), k.identity());
        assertTrue(k.isPseudonymous());
        assertNull(k.token());
    }

    @Test
    @DisplayName(
            "Step 4: \"If the algorithm is not supported, return unsupported_algorithm\": an RSA hwk key")
    void hwkWithUnsupportedKeyType() {
        SignatureKey rsa =
                SignatureKeyHeader.parse(
                                "sig=hwk;kty=\"RSA\";n=\""
                                        + SignatureKeyHeaderTest.RFC7517_RSA_N
                                        + "\";e=\"AQAB\"")
                        .keyFor("sig");
        AAuthException e = assertError(AAuthError.UNSUPPORTED_ALGORITHM, () -> resolve(rsa));
        assertEquals(List.of("ed25519", "ecdsa-p256-sha256"), e.supportedAlgorithms());
    }

    // ------------------------------------------------------------ jwt

    @Test
    @DisplayName("jwt with an agent token: the key is cnf.jwk, the signer is the agent")
    void jwtWithAgentToken() {
        ResolvedKey k = resolve(new SignatureKey.Jwt(agentToken(CLOCK)));
        assertTrue(k.key().sameKeyAs(AGENT_KEY.publicJwk()));
        assertEquals(AGENT, k.identity());
        assertEquals(TokenType.AGENT, k.token().type());
        assertFalse(k.isPseudonymous());
    }

    @Test
    @DisplayName("jwt with an auth token: the key is cnf.jwk, the signer is the token's agent")
    void jwtWithAuthToken() {
        String auth =
                new TokenIssuer(PS, PS_KEYS, CLOCK)
                        .authToken(
                                Dwk.PERSON,
                                RESOURCE,
                                AGENT,
                                AGENT_KEY.publicJwk(),
                                Actor.of(AGENT),
                                "user-1",
                                null,
                                null,
                                Duration.ofMinutes(10),
                                0,
                                Map.of())
                        .compact();
        ResolvedKey k = resolve(new SignatureKey.Jwt(auth));
        assertEquals(TokenType.AUTH, k.token().type());
        assertEquals(AGENT, k.identity());
    }

    @Test
    @DisplayName(
            "jwt with an auth token at a resource: \"Verify aud matches the resource's own identifier\" or invalid_jwt")
    void jwtWithAuthTokenForAnotherResource() {
        String auth =
                new TokenIssuer(PS, PS_KEYS, CLOCK)
                        .authToken(
                                Dwk.PERSON,
                                RESOURCE,
                                AGENT,
                                AGENT_KEY.publicJwk(),
                                Actor.of(AGENT),
                                "user-1",
                                null,
                                null,
                                Duration.ofMinutes(10),
                                0,
                                Map.of())
                        .compact();
        SignatureKey key = new SignatureKey.Jwt(auth);
        assertEquals(AGENT, strict.resolve(key, ALL, AGENT_OR_AUTH, RESOURCE).identity());
        assertError(
                AAuthError.INVALID_JWT,
                () -> strict.resolve(key, ALL, AGENT_OR_AUTH, "https://other.example"));
        // agent tokens have no aud: the resource parameter does not apply to them
        assertEquals(
                AGENT,
                strict.resolve(
                                new SignatureKey.Jwt(agentToken(CLOCK)),
                                ALL,
                                AGENT_OR_AUTH,
                                "https://other.example")
                        .identity());
    }

    @Test
    @DisplayName(
            "jwt: \"invalid_jwt if a JWT scheme fails verification\" — forged, resource token, typ outside policy")
    void jwtFailuresAreInvalidJwt() {
        String forged = agentToken(CLOCK);
        String tampered =
                forged.substring(0, forged.length() - 4)
                        + (forged.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertError(AAuthError.INVALID_JWT, () -> resolve(new SignatureKey.Jwt(tampered)));
        String resourceToken =
                new TokenIssuer(RESOURCE, RESOURCE_KEYS, CLOCK)
                        .resourceToken(
                                PS,
                                AGENT,
                                AGENT_KEY.publicJwk().thumbprint(),
                                List.of("a"),
                                null,
                                Duration.ofMinutes(5))
                        .compact();
        assertError(AAuthError.INVALID_JWT, () -> resolve(new SignatureKey.Jwt(resourceToken)));
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        strict.resolve(
                                new SignatureKey.Jwt(agentToken(CLOCK)),
                                ALL,
                                EnumSet.of(TokenType.AUTH)));
        assertError(AAuthError.INVALID_JWT, () -> resolve(new SignatureKey.Jwt("not.a.jwt")));
    }

    @Test
    @DisplayName("jwt: \"expired_jwt if the JWT has expired\"")
    void jwtExpired() {
        String old = agentToken(Clock.offset(CLOCK, Duration.ofHours(-2)));
        assertError(AAuthError.EXPIRED_JWT, () -> resolve(new SignatureKey.Jwt(old)));
    }

    // ------------------------------------------------------------ jwks_uri

    @Test
    @DisplayName("jwks_uri: the key with the kid at {id}/.well-known/{dwk}, the signer is id")
    void jwksUri() {
        ResolvedKey k = resolve(new SignatureKey.JwksUri(PS, Dwk.PERSON, "p1"));
        assertEquals(PS_KEYS.current().publicJwk(), k.key());
        assertEquals(PS, k.identity());
        assertEquals(1, jwksUriCalls.get());
    }

    @Test
    @DisplayName("jwks_uri: \"unknown_key if the key is not found at the jwks_uri\"")
    void jwksUriUnknownKid() {
        assertError(
                AAuthError.UNKNOWN_KEY,
                () -> resolve(new SignatureKey.JwksUri(PS, Dwk.PERSON, "p9")));
        SignatureKeyResolver nullReturning = resolver(SecurityMode.STRICT, (i, d, k) -> null);
        assertError(
                AAuthError.UNKNOWN_KEY,
                () ->
                        nullReturning.resolve(
                                new SignatureKey.JwksUri(PS, Dwk.PERSON, "p1"),
                                ALL,
                                AGENT_OR_AUTH));
    }

    @Test
    @DisplayName(
            "jwks_uri: \"id (REQUIRED, String) - Signer identifier (HTTPS URL)\": http, port, path are invalid_key in STRICT, before any fetch")
    void jwksUriIdMustBeAServerIdentifier() {
        for (String id :
                List.of(
                        "http://ps.example",
                        "https://ps.example:8443",
                        "https://ps.example/jwks",
                        "https://PS.example",
                        "https://127.0.0.1",
                        "file:///etc/passwd")) {
            assertError(
                    AAuthError.INVALID_KEY,
                    () -> resolve(new SignatureKey.JwksUri(id, Dwk.PERSON, "p1")));
        }
        assertEquals(0, jwksUriCalls.get());
    }

    @Test
    @DisplayName("jwks_uri in DEVELOPMENT: an http id with a port is accepted")
    void jwksUriDevelopment() {
        SignatureKeyResolver dev =
                resolver(SecurityMode.DEVELOPMENT, (i, d, k) -> PS_KEYS.current().publicJwk());
        ResolvedKey k =
                dev.resolve(
                        new SignatureKey.JwksUri("http://localhost:9080", Dwk.PERSON, "p1"),
                        ALL,
                        AGENT_OR_AUTH);
        assertEquals("http://localhost:9080", k.identity());
    }

    @Test
    @DisplayName(
            "jwks_uri: dwk must be a plain well-known document name (no path traversal), else invalid_key")
    void jwksUriDwkMustBeAPlainName() {
        for (String dwk : List.of("../admin", "a/b", "..", ".hidden", "x".repeat(200))) {
            assertError(
                    AAuthError.INVALID_KEY, () -> resolve(new SignatureKey.JwksUri(PS, dwk, "p1")));
        }
        assertEquals(0, jwksUriCalls.get());
    }

    @Test
    @DisplayName("jwks_uri: a discovery failure other than an unknown key is invalid_key")
    void jwksUriDiscoveryFailure() {
        SignatureKeyResolver failing =
                resolver(
                        SecurityMode.STRICT,
                        (i, d, k) -> {
                            throw new AAuthException(
                                    AAuthError.INVALID_REQUEST, "metadata issuer mismatch");
                        });
        assertError(
                AAuthError.INVALID_KEY,
                () ->
                        failing.resolve(
                                new SignatureKey.JwksUri(PS, Dwk.PERSON, "p1"),
                                ALL,
                                AGENT_OR_AUTH));
    }

    // ------------------------------------------------------------ jkt-jwt

    @Test
    @DisplayName(
            "jkt-jwt: the delegated ephemeral key, identified by the enclave key's thumbprint URI")
    void jktJwt() {
        ResolvedKey k = resolve(new SignatureKey.JktJwt(JktJwtVerifierTest.valid()));
        assertTrue(k.key().sameKeyAs(JktJwtVerifierTest.EPHEMERAL.publicJwk()));
        assertEquals(JktJwtVerifierTest.ENCLAVE.publicJwk().thumbprintUri(), k.identity());
        assertTrue(k.isPseudonymous());
    }

    @Test
    @DisplayName("jkt-jwt failures are invalid_jwt / expired_jwt")
    void jktJwtFailures() {
        SigningKey e = JktJwtVerifierTest.ENCLAVE;
        Jwk eph = JktJwtVerifierTest.EPHEMERAL.publicJwk();
        assertError(
                AAuthError.EXPIRED_JWT,
                () ->
                        resolve(
                                new SignatureKey.JktJwt(
                                        JktJwtVerifierTest.delegation(
                                                e,
                                                eph,
                                                JktJwtVerifierTest.T - 100,
                                                JktJwtVerifierTest.T - 1))));
        assertError(AAuthError.INVALID_JWT, () -> resolve(new SignatureKey.JktJwt("eyJ.eyJ.sig")));
    }

    // ------------------------------------------------------------ x509

    @Test
    @DisplayName(
            "x509: \"Verifiers MUST NOT skip certificate chain validation\" and there is no trust store: invalid_key with a clear detail")
    void x509IsRefused() {
        SignatureKey x509 =
                new SignatureKey.X509(
                        "https://client.example/.well-known/cert.pem",
                        ByteSequence.of(new byte[32]));
        AAuthException e = assertError(AAuthError.INVALID_KEY, () -> resolve(x509));
        assertTrue(e.detail().contains("x509"), e.detail());
        assertTrue(e.detail().contains("not supported"), e.detail());
    }

    @Test
    void constructorRefusesNulls() {
        assertThrows(
                NullPointerException.class,
                () ->
                        new SignatureKeyResolver(
                                null, jwksUri, new JktJwtVerifier(CLOCK), SecurityMode.STRICT));
    }
}
