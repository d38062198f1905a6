package dev.aauth.token;

import static dev.aauth.token.Fx.AGENT;
import static dev.aauth.token.Fx.AGENT_JKT;
import static dev.aauth.token.Fx.PS;
import static dev.aauth.token.Fx.RESOURCE;
import static dev.aauth.token.Fx.assertError;
import static dev.aauth.token.Fx.b64;

import dev.aauth.error.AAuthError;
import dev.aauth.jose.Base64Url;
import dev.aauth.jose.Jws;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "alg: Signing algorithm. EdDSA is RECOMMENDED. Implementations MUST NOT accept none" — for every
 * token type: alg none, HMAC with the issuer's public key as secret, foreign algorithms, and
 * alg/key confusion (header alg of one family with the issuer's key of the other).
 */
class TokenAlgorithmAttackTest {

    /** One issuer of one token type, with the verifier entry point and failure code for it. */
    enum Kind {
        AGENT_TOKEN(TokenType.AGENT, Fx::agentClaims, Fx.AGENT_KEYS, AAuthError.INVALID_JWT),
        RESOURCE_TOKEN(
                TokenType.RESOURCE,
                Fx::resourceClaims,
                Fx.RESOURCE_KEYS,
                AAuthError.INVALID_RESOURCE_TOKEN),
        PS_AUTH_TOKEN(TokenType.AUTH, Fx::authClaims, Fx.PS_KEYS, AAuthError.INVALID_JWT),
        AS_AUTH_TOKEN(TokenType.AUTH, Kind::asAuthClaims, Fx.AS_KEYS, AAuthError.INVALID_JWT);

        final TokenType type;
        final Supplier<Map<String, Object>> claims;
        final ServerKeySet keys;
        final AAuthError invalid;

        Kind(
                TokenType type,
                Supplier<Map<String, Object>> claims,
                ServerKeySet keys,
                AAuthError invalid) {
            this.type = type;
            this.claims = claims;
            this.keys = keys;
            this.invalid = invalid;
        }

        static Map<String, Object> asAuthClaims() {
            Map<String, Object> c = Fx.authClaims();
            c.put("iss", Fx.AS);
            c.put("dwk", Dwk.ACCESS);
            return c;
        }

        String kid() {
            return keys.current().kid().orElseThrow();
        }

        void verify(TokenVerifier v, String compact) {
            switch (type) {
                case AGENT -> v.verifyAgentToken(compact);
                case RESOURCE -> v.verifyResourceToken(compact, PS, AGENT, AGENT_JKT, null);
                case AUTH -> v.verifyAuthToken(compact, RESOURCE);
            }
        }

        String header(String alg) {
            return "{\"alg\":\""
                    + alg
                    + "\",\"typ\":\""
                    + type.typ()
                    + "\",\"kid\":\""
                    + kid()
                    + "\"}";
        }

        String payload() {
            return b64(JsonUtil.toJson(claims.get()));
        }
    }

    private final Fx fx = new Fx();
    private final TokenVerifier verifier = fx.uncached();

    @ParameterizedTest
    @EnumSource(Kind.class)
    @DisplayName("Control: a genuine token of each kind verifies")
    void genuineTokenVerifies(Kind kind) {
        kind.verify(verifier, Fx.sign(kind.type.typ(), kind.claims.get(), kind.keys.current()));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    @DisplayName(
            "\"Implementations MUST NOT accept none\": alg none, with an empty or a copied signature")
    void algNone(Kind kind) {
        String genuine = Fx.sign(kind.type.typ(), kind.claims.get(), kind.keys.current());
        String copiedSig = genuine.substring(genuine.lastIndexOf('.') + 1);
        for (String alg : new String[] {"none", "None", "NONE"}) {
            assertError(
                    kind.invalid,
                    () ->
                            kind.verify(
                                    verifier, b64(kind.header(alg)) + "." + kind.payload() + "."));
            assertError(
                    kind.invalid,
                    () ->
                            kind.verify(
                                    verifier,
                                    b64(kind.header(alg))
                                            + "."
                                            + kind.payload()
                                            + "."
                                            + copiedSig));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    @DisplayName("HS256 keyed with the issuer's public JWK (classic RS/HS confusion) is refused")
    void hmacWithThePublicKeyAsSecret(Kind kind) throws Exception {
        for (String alg : new String[] {"HS256", "HS512"}) {
            String input = b64(kind.header(alg)) + "." + kind.payload();
            String macAlg = alg.equals("HS256") ? "HmacSHA256" : "HmacSHA512";
            Mac mac = Mac.getInstance(macAlg);
            mac.init(
                    new SecretKeySpec(
                            kind.keys
                                    .current()
                                    .publicJwk()
                                    .toJson()
                                    .getBytes(StandardCharsets.UTF_8),
                            macAlg));
            String sig = Base64Url.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
            assertError(kind.invalid, () -> kind.verify(verifier, input + "." + sig));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    @DisplayName(
            "Algorithms outside EdDSA/Ed25519/ES256 are refused (RS256, PS256, ES384, ES256K, eddsa)")
    void foreignAlgorithms(Kind kind) {
        String sig = Base64Url.encode(new byte[64]);
        for (String alg : new String[] {"RS256", "PS256", "ES384", "ES256K", "eddsa", "ed25519"}) {
            assertError(
                    kind.invalid,
                    () ->
                            kind.verify(
                                    verifier,
                                    b64(kind.header(alg)) + "." + kind.payload() + "." + sig));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    @DisplayName(
            "alg/key confusion: a header alg of the other family than the issuer's key is refused, however signed")
    void algKeyConfusion(Kind kind) {
        boolean issuerIsEd = kind.keys.current().algorithm() == SignatureAlgorithm.ED25519;
        SignatureAlgorithm other =
                issuerIsEd ? SignatureAlgorithm.ECDSA_P256_SHA256 : SignatureAlgorithm.ED25519;
        SigningKey attacker = SigningKey.generate(other, kind.kid());
        // a correct signature by a key of the other family, announcing the issuer's kid
        String confused = Fx.sign(kind.type.typ(), kind.claims.get(), attacker);
        assertError(kind.invalid, () -> kind.verify(verifier, confused));
        // the issuer's own signature with the header alg switched to the other family
        String genuine = Fx.sign(kind.type.typ(), kind.claims.get(), kind.keys.current());
        String switched = Fx.withHeader(genuine, kind.header(other.jwsAlg()));
        assertError(kind.invalid, () -> kind.verify(verifier, switched));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    @DisplayName("A jwk, jku or x5u in the header never supplies the verification key")
    void embeddedKeysAreIgnored(Kind kind) {
        SigningKey attacker = SigningKey.generate(kind.keys.current().algorithm(), kind.kid());
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", kind.type.typ());
        header.put("kid", kind.kid());
        header.put("jwk", attacker.publicJwk().toMap());
        header.put("jku", "https://evil.example/jwks.json");
        header.put("x5u", "https://evil.example/cert.pem");
        assertError(
                kind.invalid,
                () -> kind.verify(verifier, Jws.sign(header, kind.claims.get(), attacker)));
    }

    @ParameterizedTest
    @EnumSource(
            value = Kind.class,
            names = {"AGENT_TOKEN", "RESOURCE_TOKEN", "PS_AUTH_TOKEN"})
    @DisplayName("The fully specified JWS alg Ed25519 is accepted for an Ed25519 issuer key")
    void fullySpecifiedEd25519IsAccepted(Kind kind) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "Ed25519");
        header.put("typ", kind.type.typ());
        header.put("kid", kind.kid());
        kind.verify(verifier, Jws.sign(header, kind.claims.get(), kind.keys.current()));
    }
}
