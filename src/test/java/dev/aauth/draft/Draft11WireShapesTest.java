package dev.aauth.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.discovery.MetadataDocument;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.error.ProblemDetails;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.header.InteractionCode;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.profile.ErrorResponse;
import dev.aauth.sigkey.AcceptSignatureAlg;
import dev.aauth.sigkey.AcceptSignatureScheme;
import dev.aauth.sigkey.SignatureError;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.sigkey.SignatureKeyHeader;
import dev.aauth.token.Revocation;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Draft -11 wire shapes, parsed and serialized per profile, each named after its clause. */
class Draft11WireShapesTest {

    private static AAuthException fails(AAuthError expected, Runnable r) {
        AAuthException e = assertThrows(AAuthException.class, r::run);
        assertEquals(expected, e.error(), e::detail);
        return e;
    }

    // ---------------------------------------------------------------- errors

    @Test
    @DisplayName(
            "-09: \"Error response bodies use the HTTP problem details format ... error (REQUIRED) ... detail (OPTIONAL)\"")
    void problemDetailsDraft11() {
        AAuthException e =
                new AAuthException(AAuthError.EXPIRED_RESOURCE_TOKEN, "obtain a new one");
        ErrorResponse r = ErrorResponse.of(e, AAuthProfile.DRAFT_11, null);
        assertEquals(400, r.status());
        assertEquals("application/problem+json", r.contentType());
        ProblemDetails p = ProblemDetails.parse(r.body());
        assertEquals("expired_resource_token", p.error());
        assertEquals("obtain a new one", p.detail());
        assertFalse(r.body().contains("error_description"));
        assertEquals("no-store", r.headers().get("Cache-Control"));
    }

    @Test
    @DisplayName("-01 endpoint errors stay {\"error\", \"error_description\"} as application/json")
    void endpointErrorDraft01() {
        ErrorResponse r =
                ErrorResponse.of(
                        new AAuthException(AAuthError.DENIED, "no"), AAuthProfile.DRAFT_01, null);
        assertEquals("application/json", r.contentType());
        assertEquals("{\"error\":\"denied\",\"error_description\":\"no\"}", r.body());
        assertEquals("no", ProblemDetails.parse(r.body()).detail());
    }

    @Test
    @DisplayName(
            "\"A 403 response ... MUST NOT include a Signature-Error, Accept-Signature-Scheme, or Accept-Signature-Alg header\"")
    void forbiddenNeverCarriesSignatureError() {
        for (AAuthError code : List.of(AAuthError.USER_UNREACHABLE, AAuthError.DENIED)) {
            ErrorResponse r =
                    ErrorResponse.of(
                            new AAuthException(code, "x"),
                            AAuthProfile.DRAFT_11,
                            AcceptSignatureScheme.AAUTH);
            assertEquals(403, r.status());
            assertFalse(r.headers().containsKey(SignatureError.NAME));
            assertFalse(r.headers().containsKey(AcceptSignatureAlg.NAME));
        }
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new ErrorResponse(
                                403, Map.of(SignatureError.NAME, "error=invalid_key"), "x", "{}"));
    }

    @Test
    @DisplayName(
            "-11 step 4: \"return unsupported_scheme with an Accept-Signature-Scheme header\"; step 6: unsupported_algorithm with Accept-Signature-Alg")
    void signatureErrorsDraft11() {
        ErrorResponse scheme =
                ErrorResponse.of(
                        new AAuthException(AAuthError.UNSUPPORTED_SCHEME, "hwk"),
                        AAuthProfile.DRAFT_11,
                        AcceptSignatureScheme.AAUTH);
        assertEquals(401, scheme.status());
        assertEquals("error=unsupported_scheme", scheme.headers().get(SignatureError.NAME));
        assertEquals("jwt", scheme.headers().get(AcceptSignatureScheme.NAME));
        ErrorResponse alg =
                ErrorResponse.of(
                        AAuthException.unsupportedAlgorithm("EdDSA", List.of("ed25519")),
                        AAuthProfile.DRAFT_11,
                        null);
        assertEquals("error=unsupported_algorithm", alg.headers().get(SignatureError.NAME));
        assertEquals("Ed25519, ES256", alg.headers().get(AcceptSignatureAlg.NAME));
        assertTrue(alg.body().contains("\"error\":\"unsupported_algorithm\""));
        // -01 keeps supported_algorithms in Signature-Error and sends no Accept-Signature-Alg
        ErrorResponse alg01 =
                ErrorResponse.of(
                        AAuthException.unsupportedAlgorithm("RSA", List.of("ed25519")),
                        AAuthProfile.DRAFT_01,
                        null);
        assertTrue(alg01.headers().get(SignatureError.NAME).contains("supported_algorithms"));
        assertFalse(alg01.headers().containsKey(AcceptSignatureAlg.NAME));
    }

    @Test
    @DisplayName(
            "Accept-Signature-Scheme and Accept-Signature-Alg are Lists of Tokens; unknown tokens kept, other members skipped")
    void acceptSignatureLists() {
        assertEquals(List.of("jwt", "hwk"), AcceptSignatureScheme.parse("jwt, hwk").schemes());
        assertEquals(
                List.of("Ed25519", "ML-DSA-44"),
                AcceptSignatureAlg.parse("Ed25519, \"x\", ML-DSA-44").algs());
        assertEquals(
                List.of("Ed25519", "ES256"), AcceptSignatureAlg.of(AAuthProfile.DRAFT_11).algs());
        fails(AAuthError.SIGNATURE_INVALID_REQUEST, () -> AcceptSignatureAlg.parse("(a b"));
    }

    @Test
    @DisplayName(
            "-02: interaction_required became user_unreachable; -11 adds interaction_unavailable (424), unknown_person_token, invalid_person_token, invalid_account")
    void newCodes() {
        assertEquals(AAuthError.USER_UNREACHABLE, AAuthProfile.DRAFT_11.userUnreachable());
        assertEquals(AAuthError.INTERACTION_REQUIRED, AAuthProfile.DRAFT_01.userUnreachable());
        assertEquals(403, AAuthError.USER_UNREACHABLE.status());
        assertEquals(424, AAuthError.INTERACTION_UNAVAILABLE.status());
        assertEquals(400, AAuthError.UNKNOWN_PERSON_TOKEN.status());
        assertEquals("invalid_person_token", AAuthError.INVALID_PERSON_TOKEN.code());
        assertEquals("invalid_account", AAuthError.INVALID_ACCOUNT.code());
        assertEquals(AAuthError.Family.SIGNATURE, AAuthError.ISSUER_MISMATCH.family());
    }

    // ---------------------------------------------------------------- Signature-Key -08

    @Test
    @DisplayName(
            "Signature-Key -08: an unrecognized scheme is unsupported_scheme (-04: invalid_key)")
    void unknownScheme() {
        fails(
                AAuthError.UNSUPPORTED_SCHEME,
                () ->
                        SignatureKeyHeader.parse(
                                        "sig=self-jwt;jwt=\"a.b.c\"", AAuthProfile.DRAFT_11)
                                .keyFor("sig"));
        fails(
                AAuthError.INVALID_KEY,
                () -> SignatureKeyHeader.parse("sig=self-jwt;jwt=\"a.b.c\"").keyFor("sig"));
    }

    @Test
    @DisplayName(
            "Signature-Key -08: hwk carries alg (REQUIRED) and MUST NOT carry kid; the alg must agree with kty/crv")
    void hwkDraft08() {
        Jwk ed = SigningKey.generate(SignatureAlgorithm.ED25519, null).publicJwk();
        String x = ed.x();
        SignatureKey k =
                SignatureKeyHeader.parse(
                                "sig=hwk;alg=\"Ed25519\";kty=\"OKP\";crv=\"Ed25519\";x=\""
                                        + x
                                        + "\"",
                                AAuthProfile.DRAFT_11)
                        .keyFor("sig");
        assertEquals("Ed25519", ((SignatureKey.Hwk) k).key().alg().orElseThrow());
        fails(
                AAuthError.INVALID_KEY,
                () ->
                        SignatureKeyHeader.parse(
                                        "sig=hwk;kty=\"OKP\";crv=\"Ed25519\";x=\"" + x + "\"",
                                        AAuthProfile.DRAFT_11)
                                .keyFor("sig"));
        fails(
                AAuthError.INVALID_KEY,
                () ->
                        SignatureKeyHeader.parse(
                                        "sig=hwk;alg=\"Ed25519\";kid=\"k\";kty=\"OKP\";crv=\"Ed25519\";x=\""
                                                + x
                                                + "\"",
                                        AAuthProfile.DRAFT_11)
                                .keyFor("sig"));
        fails(
                AAuthError.INVALID_KEY,
                () ->
                        SignatureKeyHeader.parse(
                                        "sig=hwk;alg=\"ES256\";kty=\"OKP\";crv=\"Ed25519\";x=\""
                                                + x
                                                + "\"",
                                        AAuthProfile.DRAFT_11)
                                .keyFor("sig"));
    }

    @Test
    @DisplayName(
            "-11 step 6: \"Return unsupported_algorithm if alg is absent, is a polymorphic identifier, or names an algorithm ... the server does not implement\"; invalid_key when kty/crv disagree")
    void keyAlgorithm() {
        Jwk ed = SigningKey.generate(SignatureAlgorithm.ED25519, null).publicJwk();
        AAuthProfile p = AAuthProfile.DRAFT_11;
        assertEquals(SignatureAlgorithm.ED25519, p.keyAlgorithm(ed.withAlg("Ed25519")));
        fails(AAuthError.UNSUPPORTED_ALGORITHM, () -> p.keyAlgorithm(ed.withAlg(null)));
        AAuthException e =
                fails(AAuthError.UNSUPPORTED_ALGORITHM, () -> p.keyAlgorithm(ed.withAlg("EdDSA")));
        assertEquals(List.of("Ed25519", "ES256"), e.supportedAlgorithms());
        Jwk ec = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256, null).publicJwk();
        assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, p.keyAlgorithm(ec));
        fails(AAuthError.INVALID_KEY, () -> ec.withAlg("Ed25519"));
        // -01 derives from kty/crv and accepts EdDSA or no alg
        assertEquals(
                SignatureAlgorithm.ED25519, AAuthProfile.DRAFT_01.keyAlgorithm(ed.withAlg(null)));
        assertEquals("Ed25519", p.published(ed).alg().orElseThrow());
        assertEquals("EdDSA", AAuthProfile.DRAFT_01.published(ed).alg().orElseThrow());
    }

    // ---------------------------------------------------------------- AAuth-Requirement

    @Test
    @DisplayName(
            "-02/-11: requirement=agent-token and requirement=person-token (\"The header carries no additional parameters\")")
    void newRequirements() {
        assertEquals("requirement=agent-token", AAuthRequirement.agentToken().serialize());
        assertEquals("requirement=person-token", AAuthRequirement.personToken().serialize());
        assertInstanceOf(
                AAuthRequirement.AgentTokenRequired.class,
                AAuthRequirement.parse("requirement=agent-token", SecurityMode.STRICT));
        assertInstanceOf(
                AAuthRequirement.PersonTokenRequired.class,
                AAuthRequirement.parse("requirement=person-token;x=1", SecurityMode.STRICT));
        fails(AAuthError.INVALID_REQUEST, () -> new AAuthRequirement.Other("person-token"));
    }

    // ---------------------------------------------------------------- interaction codes

    @Test
    @DisplayName(
            "Interaction codes: Crockford alphabet, at least 40 bits (8 symbols), hyphens stripped, case-insensitive, I/L -> 1 and O -> 0")
    void interactionCodes() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 200; i++) {
            String c = InteractionCode.generate(random, 8);
            assertTrue(c.matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"), c);
            assertTrue(InteractionCode.isWellFormed(c));
        }
        assertTrue(InteractionCode.matches("A1B2-C3D4", "a1b2c3d4"));
        assertTrue(InteractionCode.matches("0123-4567", "o1z3-4567".replace('z', '2')));
        assertTrue(InteractionCode.matches("1111-0000", "iLl1-oO00"));
        assertFalse(InteractionCode.matches("A1B2-C3D4", "A1B2-C3D5"));
        assertFalse(InteractionCode.isWellFormed("A1B2-C3DU"));
        assertFalse(InteractionCode.isWellFormed("A1B2-C3D"));
        assertNull(InteractionCode.normalize("A1B2 C3D4"));
        assertThrows(IllegalArgumentException.class, () -> InteractionCode.generate(random, 7));
    }

    // ---------------------------------------------------------------- metadata and revocation

    @Test
    @DisplayName(
            "Metadata: auth_token_endpoint and person_token_endpoint are Endpoint URLs; name beside client_name; access_mode (default agent-token); accept_signature_algs")
    void metadataNames() {
        ServerIdentifier ps =
                ServerIdentifier.parse(
                        "https://ps.example", SecurityMode.STRICT, AAuthError.INVALID_REQUEST);
        MetadataDocument d =
                MetadataDocument.parse(
                        Map.of(
                                "issuer", "https://ps.example",
                                "jwks_uri", "https://ps.example/jwks",
                                "token_endpoint", "https://ps.example/token",
                                "auth_token_endpoint", "https://ps.example/v11/token",
                                "person_token_endpoint", "https://ps.example/person",
                                "name", "Example PS",
                                "client_name", "Example PS (old)",
                                "accept_signature_algs", List.of("Ed25519", "ES256")),
                        ps,
                        MetadataDocument.PERSON,
                        SecurityMode.STRICT,
                        AAuthError.INVALID_REQUEST);
        assertEquals(
                "https://ps.example/token",
                d.authTokenEndpoint(AAuthProfile.DRAFT_01).orElseThrow());
        assertEquals(
                "https://ps.example/v11/token",
                d.authTokenEndpoint(AAuthProfile.DRAFT_11).orElseThrow());
        assertEquals("https://ps.example/person", d.personTokenEndpoint().orElseThrow());
        assertEquals("Example PS", d.displayName().orElseThrow());
        assertEquals("agent-token", d.accessMode());
        assertEquals(List.of("Ed25519", "ES256"), d.acceptSignatureAlgs());
        fails(
                AAuthError.INVALID_REQUEST,
                () ->
                        MetadataDocument.parse(
                                Map.of(
                                        "issuer",
                                        "https://ps.example",
                                        "jwks_uri",
                                        "https://ps.example/jwks",
                                        "person_token_endpoint",
                                        "https://ps.example/p?x=1"),
                                ps,
                                MetadataDocument.PERSON,
                                SecurityMode.STRICT,
                                AAuthError.INVALID_REQUEST));
    }

    @Test
    @DisplayName(
            "-10: \"identifying the token to revoke by the pair (iss, jti). Both members are REQUIRED\"")
    void revocation() {
        Revocation r = Revocation.parse("{\"iss\":\"https://ps.example\",\"jti\":\"j1\"}");
        assertEquals(new Revocation("https://ps.example", "j1"), r);
        assertEquals(r, Revocation.parse(r.json()));
        fails(AAuthError.INVALID_REQUEST, () -> Revocation.parse("{\"jti\":\"j1\"}"));
        fails(
                AAuthError.INVALID_REQUEST,
                () -> Revocation.parse("{\"iss\":\"https://ps.example\",\"jti\":\"\"}"));
        fails(AAuthError.INVALID_REQUEST, () -> Revocation.parse("[1]"));
    }
}
