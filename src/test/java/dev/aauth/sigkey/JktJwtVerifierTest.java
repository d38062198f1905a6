package dev.aauth.sigkey;

import static dev.aauth.sigkey.SignatureKeyHeaderTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.jose.Base64Url;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.Jws;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signature-Key draft, "JKT JWT Self-Issued Key Delegation (jkt-jwt)", verification procedure steps
 * 1-10. Failures are {@code invalid_jwt}, or {@code expired_jwt} for a past {@code exp}.
 */
class JktJwtVerifierTest {

    static final long T = 1_732_210_000L;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(T), ZoneOffset.UTC);

    /**
     * As in the draft's example: a P-256 "enclave" identity key delegating to an Ed25519 ephemeral
     * key.
     */
    static final SigningKey ENCLAVE =
            SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256, null);

    static final SigningKey EPHEMERAL = SigningKey.generate(SignatureAlgorithm.ED25519, null);

    private final JktJwtVerifier verifier = new JktJwtVerifier(CLOCK);

    static Map<String, Object> header(String typ, SigningKey identity) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("typ", typ);
        h.put("jwk", identity.publicJwk().withoutMetadata().toMap());
        return h;
    }

    static Map<String, Object> claims(String iss, long iat, long exp, Jwk delegated) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", iss);
        c.put("iat", iat);
        c.put("exp", exp);
        c.put("cnf", Map.of("jwk", delegated.withoutMetadata().toMap()));
        return c;
    }

    /** A valid jkt-s256+jwt by {@code identity} delegating to {@code delegated}. */
    static String delegation(SigningKey identity, Jwk delegated, long iat, long exp) {
        return Jws.sign(
                header("jkt-s256+jwt", identity),
                claims(identity.publicJwk().thumbprintUri("sha-256"), iat, exp, delegated),
                identity);
    }

    static String valid() {
        return delegation(ENCLAVE, EPHEMERAL.publicJwk(), T, T + 86_400);
    }

    @Test
    @DisplayName(
            "A valid delegation yields the ephemeral key and the identity urn:jkt:sha-256:<thumbprint of the enclave key>")
    void validDelegation() {
        JktJwtVerifier.Delegation d = verifier.verify(valid());
        assertEquals("urn:jkt:sha-256:" + ENCLAVE.publicJwk().thumbprint(), d.identity());
        assertTrue(d.delegatedKey().sameKeyAs(EPHEMERAL.publicJwk()));
        assertEquals(T + 86_400, d.expiresAt());
    }

    @Test
    @DisplayName("jkt-s512+jwt: \"SHA-512, urn:jkt:sha-512:\"")
    void sha512Variant() {
        String jwt =
                Jws.sign(
                        header("jkt-s512+jwt", ENCLAVE),
                        claims(
                                ENCLAVE.publicJwk().thumbprintUri("sha-512"),
                                T,
                                T + 60,
                                EPHEMERAL.publicJwk()),
                        ENCLAVE);
        JktJwtVerifier.Delegation d = verifier.verify(jwt);
        assertTrue(d.identity().startsWith("urn:jkt:sha-512:"));
        assertEquals(86, d.identity().length() - "urn:jkt:sha-512:".length());
    }

    @Test
    @DisplayName(
            "\"The typ and iss prefix MUST be consistent\": an s512 typ with a sha-256 iss (or the reverse) is invalid_jwt")
    void typAndIssPrefixMustAgree() {
        String s512WithSha256 =
                Jws.sign(
                        header("jkt-s512+jwt", ENCLAVE),
                        claims(
                                ENCLAVE.publicJwk().thumbprintUri("sha-256"),
                                T,
                                T + 60,
                                EPHEMERAL.publicJwk()),
                        ENCLAVE);
        assertError(AAuthError.INVALID_JWT, () -> verifier.verify(s512WithSha256));
        String s256WithSha512 =
                Jws.sign(
                        header("jkt-s256+jwt", ENCLAVE),
                        claims(
                                ENCLAVE.publicJwk().thumbprintUri("sha-512"),
                                T,
                                T + 60,
                                EPHEMERAL.publicJwk()),
                        ENCLAVE);
        assertError(AAuthError.INVALID_JWT, () -> verifier.verify(s256WithSha512));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "jkt-s384+jwt", "jkt+jwt", "JKT-S256+JWT", "aa-agent+jwt", ""})
    @DisplayName(
            "Step 2: \"Check the typ header ... Reject if the type is not supported\" (invalid_jwt)")
    void wrongTyp(String typ) {
        String jwt =
                Jws.sign(
                        header(typ, ENCLAVE),
                        claims(
                                ENCLAVE.publicJwk().thumbprintUri(),
                                T,
                                T + 60,
                                EPHEMERAL.publicJwk()),
                        ENCLAVE);
        assertError(AAuthError.INVALID_JWT, () -> verifier.verify(jwt));
    }

    @Test
    @DisplayName(
            "\"never trust the iss value alone\": an iss naming another key than the header jwk is invalid_jwt")
    void issMustBeTheHeaderKeysThumbprint() {
        SigningKey victim = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256, null);
        // the attacker claims the victim's identity but signs with its own enclave key
        String claimsVictim =
                Jws.sign(
                        header("jkt-s256+jwt", ENCLAVE),
                        claims(
                                victim.publicJwk().thumbprintUri(),
                                T,
                                T + 60,
                                EPHEMERAL.publicJwk()),
                        ENCLAVE);
        assertError(AAuthError.INVALID_JWT, () -> verifier.verify(claimsVictim));
        for (Object badIss :
                new Object[] {
                    null,
                    "",
                    ENCLAVE.publicJwk().thumbprint(),
                    "urn:jkt:sha-256:" + "A".repeat(43),
                    ENCLAVE.publicJwk().thumbprintUri().toUpperCase(),
                    7
                }) {
            Map<String, Object> c = claims("x", T, T + 60, EPHEMERAL.publicJwk());
            c.put("iss", badIss);
            assertError(
                    AAuthError.INVALID_JWT,
                    () -> verifier.verify(Jws.sign(header("jkt-s256+jwt", ENCLAVE), c, ENCLAVE)));
        }
    }

    @Test
    @DisplayName(
            "Step 8: \"Verify the JWT signature using the header jwk\": the victim's jwk in the header with the attacker's signature is invalid_jwt")
    void signatureMustBeByTheHeaderKey() {
        SigningKey victim = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256, null);
        String forged =
                Jws.sign(
                        header("jkt-s256+jwt", victim),
                        claims(
                                victim.publicJwk().thumbprintUri(),
                                T,
                                T + 60,
                                EPHEMERAL.publicJwk()),
                        ENCLAVE);
        assertError(AAuthError.INVALID_JWT, () -> verifier.verify(forged));
    }

    @Test
    @DisplayName(
            "Bad signature: a delegation whose cnf.jwk was swapped after signing is invalid_jwt")
    void tamperedDelegation() {
        String jwt = valid();
        SigningKey attacker = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        String payload =
                Base64Url.encode(
                        JsonUtil.toJson(
                                        claims(
                                                ENCLAVE.publicJwk().thumbprintUri(),
                                                T,
                                                T + 86_400,
                                                attacker.publicJwk()))
                                .getBytes(StandardCharsets.UTF_8));
        String[] p = jwt.split("\\.");
        assertError(
                AAuthError.INVALID_JWT, () -> verifier.verify(p[0] + "." + payload + "." + p[2]));
    }

    @Test
    @DisplayName(
            "Step 9: \"Validate exp and iat\": a past exp is expired_jwt; an iat beyond the leeway is invalid_jwt; both are REQUIRED")
    void times() {
        assertError(
                AAuthError.EXPIRED_JWT,
                () -> verifier.verify(delegation(ENCLAVE, EPHEMERAL.publicJwk(), T - 120, T - 60)));
        assertError(
                AAuthError.EXPIRED_JWT,
                () -> verifier.verify(delegation(ENCLAVE, EPHEMERAL.publicJwk(), T - 120, T)));
        assertError(
                AAuthError.INVALID_JWT,
                () -> verifier.verify(delegation(ENCLAVE, EPHEMERAL.publicJwk(), T + 6, T + 60)));
        verifier.verify(delegation(ENCLAVE, EPHEMERAL.publicJwk(), T + 5, T + 60));
        for (String missing : new String[] {"exp", "iat"}) {
            Map<String, Object> c =
                    claims(ENCLAVE.publicJwk().thumbprintUri(), T, T + 60, EPHEMERAL.publicJwk());
            c.remove(missing);
            assertError(
                    AAuthError.INVALID_JWT,
                    () -> verifier.verify(Jws.sign(header("jkt-s256+jwt", ENCLAVE), c, ENCLAVE)));
            c.put(missing, "1732210000");
            assertError(
                    AAuthError.INVALID_JWT,
                    () -> verifier.verify(Jws.sign(header("jkt-s256+jwt", ENCLAVE), c, ENCLAVE)));
        }
    }

    @Test
    @DisplayName("Steps 4 and 10: the header jwk and cnf.jwk are REQUIRED public keys")
    void requiredKeys() {
        Map<String, Object> noJwk = new LinkedHashMap<>(header("jkt-s256+jwt", ENCLAVE));
        noJwk.remove("jwk");
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verify(
                                Jws.sign(
                                        noJwk,
                                        claims(
                                                ENCLAVE.publicJwk().thumbprintUri(),
                                                T,
                                                T + 60,
                                                EPHEMERAL.publicJwk()),
                                        ENCLAVE)));
        Map<String, Object> privateJwk = new LinkedHashMap<>(header("jkt-s256+jwt", ENCLAVE));
        privateJwk.put("jwk", ENCLAVE.toPrivateJwkMap());
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verify(
                                Jws.sign(
                                        privateJwk,
                                        claims(
                                                ENCLAVE.publicJwk().thumbprintUri(),
                                                T,
                                                T + 60,
                                                EPHEMERAL.publicJwk()),
                                        ENCLAVE)));
        Map<String, Object> noCnf =
                claims(ENCLAVE.publicJwk().thumbprintUri(), T, T + 60, EPHEMERAL.publicJwk());
        noCnf.remove("cnf");
        assertError(
                AAuthError.INVALID_JWT,
                () -> verifier.verify(Jws.sign(header("jkt-s256+jwt", ENCLAVE), noCnf, ENCLAVE)));
        Map<String, Object> privateCnf =
                claims(ENCLAVE.publicJwk().thumbprintUri(), T, T + 60, EPHEMERAL.publicJwk());
        privateCnf.put("cnf", Map.of("jwk", EPHEMERAL.toPrivateJwkMap()));
        assertError(
                AAuthError.INVALID_JWT,
                () ->
                        verifier.verify(
                                Jws.sign(header("jkt-s256+jwt", ENCLAVE), privateCnf, ENCLAVE)));
    }

    @Test
    @DisplayName("alg none and alg/key confusion inside a jkt-jwt are invalid_jwt")
    void algorithmAttacks() {
        String jwt = valid();
        String[] p = jwt.split("\\.");
        Map<String, Object> h = new LinkedHashMap<>(header("jkt-s256+jwt", ENCLAVE));
        h.put("alg", "none");
        String none = Base64Url.encode(JsonUtil.toJson(h).getBytes(StandardCharsets.UTF_8));
        assertError(AAuthError.INVALID_JWT, () -> verifier.verify(none + "." + p[1] + "."));
        h.put("alg", "EdDSA");
        String confused = Base64Url.encode(JsonUtil.toJson(h).getBytes(StandardCharsets.UTF_8));
        assertError(
                AAuthError.INVALID_JWT, () -> verifier.verify(confused + "." + p[1] + "." + p[2]));
    }

    @Test
    @DisplayName("Garbage, null and oversized input are invalid_jwt")
    void garbage() {
        for (String bad :
                new String[] {null, "", "a.b.c", "x".repeat(Jws.MAX_COMPACT_LENGTH + 1)}) {
            assertError(AAuthError.INVALID_JWT, () -> verifier.verify(bad));
        }
    }

    @Test
    @DisplayName(
            "\"jkt-jwt: Cache embedded keys until JWT expiration\": a cached delegation still expires; the cache is bounded")
    void cache() {
        JktJwtVerifier bounded = new JktJwtVerifier(CLOCK, 1);
        String a = valid();
        String b = delegation(ENCLAVE, EPHEMERAL.publicJwk(), T, T + 100);
        bounded.verify(a);
        bounded.verify(a);
        bounded.verify(b);
        assertEquals(1, bounded.cacheSize());
        JktJwtVerifier later =
                new JktJwtVerifier(Clock.offset(CLOCK, java.time.Duration.ofSeconds(200)), 10);
        later.verify(a);
        assertEquals(1, later.cacheSize());
        JktJwtVerifier disabled = new JktJwtVerifier(CLOCK, 0);
        disabled.verify(a);
        assertEquals(0, disabled.cacheSize());
    }

    @Test
    @DisplayName(
            "The draft's own example header (RFC 7515 A.3 P-256 key) signed with that key verifies once iss is its real thumbprint")
    void draftExampleKey() {
        SigningKey rfc7515 =
                SigningKey.fromJwk(
                        Map.of(
                                "kty",
                                "EC",
                                "crv",
                                "P-256",
                                "x",
                                SignatureKeyHeaderTest.DRAFT_P256_X,
                                "y",
                                SignatureKeyHeaderTest.DRAFT_P256_Y,
                                "d",
                                "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"));
        Jwk draftEphemeral =
                Jwk.parse(
                        Map.of(
                                "kty",
                                "OKP",
                                "crv",
                                "Ed25519",
                                "x",
                                SignatureKeyHeaderTest.DRAFT_ED25519_X));
        // the example's iss is the RFC 7638 RSA thumbprint, not its header key's: refused as
        // written
        String asWritten =
                Jws.sign(
                        header("jkt-s256+jwt", rfc7515),
                        claims(
                                "urn:jkt:sha-256:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs",
                                1732210000L,
                                1732296400L,
                                draftEphemeral),
                        rfc7515);
        assertError(AAuthError.INVALID_JWT, () -> verifier.verify(asWritten));
        String corrected = delegation(rfc7515, draftEphemeral, 1732210000L, 1732296400L);
        assertEquals(draftEphemeral, verifier.verify(corrected).delegatedKey());
    }
}
