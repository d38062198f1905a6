package dev.aauth.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.TokenType;
import dev.aauth.token.VerifiedTokenCache;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The AAuth draft's "Verification (Server)", one nested class per numbered step. */
class ServerVerificationStepsTest {

    final AAuthFixture f = new AAuthFixture();

    static AAuthException fails(AAuthError expected, Executable e) {
        AAuthException ex = assertThrows(AAuthException.class, e);
        assertEquals(expected, ex.error(), ex.getMessage());
        return ex;
    }

    @Test
    @DisplayName("a request signed with the agent's key and presenting its agent token verifies")
    void validAgentTokenRequestVerifies() {
        var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
        VerifiedRequest v = f.verifier().verify(req.message());
        assertEquals(AAuthFixture.AGENT, v.identity());
        assertEquals(SignatureAlgorithm.ED25519, v.algorithm());
        assertNotNull(v.agentToken());
    }

    @Test
    @DisplayName(
            "a request presenting an auth token for this resource verifies and exposes its scopes")
    void validAuthTokenRequestVerifies() {
        var req =
                f.signedGet(
                        "/api/inventory",
                        new SignatureKey.Jwt(f.authToken(List.of("supply-chain:read"))));
        VerifiedRequest v = f.verifier().verify(req.message());
        assertEquals(List.of("supply-chain:read"), v.authToken().scope());
        assertEquals(AAuthFixture.AGENT, v.identity());
    }

    @Nested
    @DisplayName(
            "1. Extract the Signature, Signature-Input, and Signature-Key headers. If any are missing, return invalid_request.")
    class Step1 {
        @Test
        void missingSignatureKeyIsInvalidRequest() {
            var req =
                    f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()))
                            .remove("signature-key");
            fails(AAuthError.SIGNATURE_INVALID_REQUEST, () -> f.verifier().verify(req.message()));
        }

        @Test
        void missingSignatureIsInvalidRequest() {
            var req =
                    f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()))
                            .remove("signature");
            fails(AAuthError.SIGNATURE_INVALID_REQUEST, () -> f.verifier().verify(req.message()));
        }

        @Test
        void missingSignatureInputIsInvalidRequest() {
            var req =
                    f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()))
                            .remove("signature-input");
            fails(AAuthError.SIGNATURE_INVALID_REQUEST, () -> f.verifier().verify(req.message()));
        }

        @Test
        void unsignedRequestIsInvalidRequest() {
            var req = new AAuthFixture.Request("GET", AAuthFixture.RESOURCE + "/api/inventory");
            AAuthException e =
                    fails(
                            AAuthError.SIGNATURE_INVALID_REQUEST,
                            () -> f.verifier().verify(req.message()));
            assertEquals("invalid_request", e.code());
        }

        @Test
        @DisplayName(
                "label in Signature-Input without a Signature-Key member: verification for that signature MUST fail")
        void labelWithoutSignatureKeyMemberFails() {
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
            req.set(
                    "signature-key",
                    req.fields.get("signature-key").get(0).replaceFirst("^sig=", "other="));
            fails(AAuthError.INVALID_KEY, () -> f.verifier().verify(req.message()));
        }

        @Test
        void malformedSignatureInputIsInvalidSignature() {
            var req =
                    f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()))
                            .set("signature-input", "sig=(\"@method\"");
            fails(AAuthError.INVALID_SIGNATURE, () -> f.verifier().verify(req.message()));
        }

        @Test
        void malformedSignatureKeyIsInvalidKey() {
            var req =
                    f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()))
                            .set("signature-key", "sig=jwt;jwt=");
            fails(AAuthError.INVALID_KEY, () -> f.verifier().verify(req.message()));
        }
    }

    @Nested
    @DisplayName(
            "2. Verify that the Signature-Input covers the required components ... If not, return invalid_input with required_input.")
    class Step2 {
        @Test
        void signatureMustCoverSignatureKey() {
            var req = new AAuthFixture.Request("GET", AAuthFixture.RESOURCE + "/api/inventory");
            String sigKey =
                    dev.aauth.sigkey.SignatureKeyHeader.serialize(
                            "sig", new SignatureKey.Jwt(f.agentToken()));
            req.set("signature-key", sigKey);
            var h =
                    dev.aauth.httpsig.HttpMessageSigner.sign(
                            req.message(),
                            "sig",
                            List.of(
                                    dev.aauth.httpsig.ComponentIdentifier.METHOD,
                                    dev.aauth.httpsig.ComponentIdentifier.AUTHORITY,
                                    dev.aauth.httpsig.ComponentIdentifier.PATH),
                            dev.aauth.httpsig.SignatureParameters.builder()
                                    .created(f.clock.instant())
                                    .build(),
                            base -> f.agentKey.sign(base));
            req.set("signature-input", h.signatureInput()).set("signature", h.signature());
            AAuthException e =
                    fails(AAuthError.INVALID_INPUT, () -> f.verifier().verify(req.message()));
            assertEquals(
                    List.of("@method", "@authority", "@path", "signature-key"), e.requiredInput());
        }

        @Test
        @DisplayName("Servers MAY require additional covered components (e.g., content-digest)")
        void configuredExtraComponentIsRequired() {
            var policy =
                    VerificationPolicy.forResource(AAuthFixture.RESOURCE)
                            .withExtraComponents(List.of("content-digest"));
            var verifier = f.verifier(policy, new VerifiedTokenCache(10, f.clock));
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
            AAuthException e =
                    fails(AAuthError.INVALID_INPUT, () -> verifier.verify(req.message()));
            assertEquals(
                    List.of("@method", "@authority", "@path", "signature-key", "content-digest"),
                    e.requiredInput());

            var body = "{\"x\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            var withDigest =
                    new AAuthFixture.Request("POST", AAuthFixture.RESOURCE + "/api/optimize")
                            .set("content-digest", dev.aauth.digest.ContentDigest.create(body));
            withDigest.apply(
                    f.signer()
                            .sign(
                                    withDigest.method,
                                    withDigest.target,
                                    withDigest.lookup(),
                                    new SignatureKey.Jwt(f.agentToken()),
                                    List.of("content-digest")));
            assertNotNull(verifier.verify(withDigest.message()));
        }
    }

    @Nested
    @DisplayName(
            "3. Verify the created parameter is present and within the server's signature validity window ... Reject with invalid_signature")
    class Step3 {
        @Test
        void createdWithinDefaultSixtySecondWindowIsAccepted() {
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
            f.clock.advance(Duration.ofSeconds(60));
            assertNotNull(f.verifier().verify(req.message()));
        }

        @Test
        @DisplayName(
                "issue 12 scenario 6: a signature of the wrong length is invalid_signature before the key is resolved (no verification, not even of the agent token)")
        void wrongLengthSignatureIsRefusedBeforeAnyVerification() {
            var req =
                    f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()))
                            .set("signature", "sig=:AAAA:");
            long before = dev.aauth.jose.VerificationKey.verificationCount();
            fails(AAuthError.INVALID_SIGNATURE, () -> f.verifier().verify(req.message()));
            assertEquals(0, dev.aauth.jose.VerificationKey.verificationCount() - before);
        }

        @Test
        void staleCreatedIsInvalidSignature() {
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
            f.clock.advance(Duration.ofSeconds(61));
            fails(AAuthError.INVALID_SIGNATURE, () -> f.verifier().verify(req.message()));
        }

        @Test
        void createdInTheFutureBeyondWindowIsInvalidSignature() {
            var token = f.agentToken();
            f.clock.advance(Duration.ofSeconds(61));
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(token));
            f.clock.advance(Duration.ofSeconds(-61));
            fails(AAuthError.INVALID_SIGNATURE, () -> f.verifier().verify(req.message()));
        }

        @Test
        void configuredWindowIsHonoured() {
            var policy =
                    VerificationPolicy.forResource(AAuthFixture.RESOURCE)
                            .withWindow(Duration.ofSeconds(10));
            var verifier = f.verifier(policy, new VerifiedTokenCache(10, f.clock));
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
            f.clock.advance(Duration.ofSeconds(11));
            fails(AAuthError.INVALID_SIGNATURE, () -> verifier.verify(req.message()));
        }

        @Test
        void missingCreatedIsInvalidSignature() {
            var req = new AAuthFixture.Request("GET", AAuthFixture.RESOURCE + "/api/inventory");
            req.set(
                    "signature-key",
                    dev.aauth.sigkey.SignatureKeyHeader.serialize(
                            "sig", new SignatureKey.Jwt(f.agentToken())));
            var covered =
                    VerificationPolicy.BASE_COMPONENTS.stream()
                            .map(dev.aauth.httpsig.ComponentIdentifier::of)
                            .toList();
            var h =
                    dev.aauth.httpsig.HttpMessageSigner.sign(
                            req.message(),
                            "sig",
                            covered,
                            dev.aauth.httpsig.SignatureParameters.EMPTY,
                            base -> f.agentKey.sign(base));
            req.set("signature-input", h.signatureInput()).set("signature", h.signature());
            fails(AAuthError.INVALID_SIGNATURE, () -> f.verifier().verify(req.message()));
        }
    }

    @Nested
    @DisplayName(
            "4. Determine the signature algorithm from the alg parameter in the key. If the algorithm is not supported, return unsupported_algorithm.")
    class Step4 {
        @Test
        void rsaKeyIsUnsupportedAlgorithmWithSupportedList() {
            var policy =
                    VerificationPolicy.forResource(AAuthFixture.RESOURCE)
                            .withSchemes(Set.of("hwk", "jwt"));
            var verifier = f.verifier(policy, new VerifiedTokenCache(10, f.clock));
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
            // the RFC 7638 example RSA key, presented inline
            req.set(
                    "signature-key",
                    "sig=hwk;kty=\"RSA\";e=\"AQAB\";n=\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\"");
            AAuthException e =
                    fails(AAuthError.UNSUPPORTED_ALGORITHM, () -> verifier.verify(req.message()));
            assertEquals(List.of("ed25519", "ecdsa-p256-sha256"), e.supportedAlgorithms());
        }

        @Test
        @DisplayName(
                "If the alg parameter is present in Signature-Input, verifiers MUST verify it is consistent with the key material")
        void algParameterContradictingTheKeyIsRefused() {
            var req = new AAuthFixture.Request("GET", AAuthFixture.RESOURCE + "/api/inventory");
            req.set(
                    "signature-key",
                    dev.aauth.sigkey.SignatureKeyHeader.serialize(
                            "sig", new SignatureKey.Jwt(f.agentToken())));
            var covered =
                    VerificationPolicy.BASE_COMPONENTS.stream()
                            .map(dev.aauth.httpsig.ComponentIdentifier::of)
                            .toList();
            var h =
                    dev.aauth.httpsig.HttpMessageSigner.sign(
                            req.message(),
                            "sig",
                            covered,
                            dev.aauth.httpsig.SignatureParameters.builder()
                                    .created(f.clock.instant())
                                    .alg("ecdsa-p256-sha256")
                                    .build(),
                            base -> f.agentKey.sign(base));
            req.set("signature-input", h.signatureInput()).set("signature", h.signature());
            fails(AAuthError.INVALID_SIGNATURE, () -> f.verifier().verify(req.message()));
        }

        @Test
        void p256AgentKeyIsSupported() {
            SigningKey ec = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256, "ec-1");
            String token = f.agentTokenFor(ec.publicJwk()).compact();
            var req = new AAuthFixture.Request("GET", AAuthFixture.RESOURCE + "/api/inventory");
            req.apply(
                    new AAuthRequestSigner(ec, f.clock)
                            .sign(
                                    "GET",
                                    req.target,
                                    req.lookup(),
                                    new SignatureKey.Jwt(token),
                                    List.of()));
            assertEquals(
                    SignatureAlgorithm.ECDSA_P256_SHA256,
                    f.verifier().verify(req.message()).algorithm());
        }
    }

    @Nested
    @DisplayName("5. Obtain the public key from the Signature-Key header according to the scheme")
    class Step5 {
        @Test
        void schemeNotAllowedIsInvalidKey() {
            var req = f.signedGet("/api/inventory", new SignatureKey.Hwk(f.agentKey.publicJwk()));
            fails(AAuthError.INVALID_KEY, () -> f.verifier().verify(req.message()));
        }

        @Test
        void hwkVerifiesWhenAllowedAndIsPseudonymous() {
            var policy =
                    VerificationPolicy.forResource(AAuthFixture.RESOURCE)
                            .withSchemes(Set.of("hwk"));
            var req = f.signedGet("/api/inventory", new SignatureKey.Hwk(f.agentKey.publicJwk()));
            VerifiedRequest v =
                    f.verifier(policy, new VerifiedTokenCache(10, f.clock)).verify(req.message());
            assertEquals(f.agentKey.publicJwk().thumbprintUri(), v.identity());
        }

        @Test
        void jwksUriSchemeFindsTheKeyByKid() {
            var policy =
                    VerificationPolicy.forResource(AAuthFixture.RESOURCE)
                            .withSchemes(Set.of("jwks_uri"));
            // the "agent" here is the resource server signing with its own published key
            var signer = new AAuthRequestSigner(f.resourceKeys.current(), f.clock);
            var req = new AAuthFixture.Request("GET", AAuthFixture.PS + "/revoke");
            req.apply(
                    signer.sign(
                            "GET",
                            req.target,
                            req.lookup(),
                            new SignatureKey.JwksUri(
                                    AAuthFixture.RESOURCE, "aauth-resource.json", "rs-1"),
                            List.of()));
            var verifier =
                    new AAuthRequestVerifier(
                            policy,
                            new dev.aauth.sigkey.SignatureKeyResolver(
                                    f.tokenVerifier(new VerifiedTokenCache(10, f.clock)),
                                    f.resolver,
                                    new dev.aauth.sigkey.JktJwtVerifier(f.clock),
                                    dev.aauth.id.SecurityMode.STRICT),
                            f.clock);
            assertEquals(AAuthFixture.RESOURCE, verifier.verify(req.message()).identity());
            var unknown = new AAuthFixture.Request("GET", AAuthFixture.PS + "/revoke");
            unknown.apply(
                    signer.sign(
                            "GET",
                            unknown.target,
                            unknown.lookup(),
                            new SignatureKey.JwksUri(
                                    AAuthFixture.RESOURCE, "aauth-resource.json", "rs-404"),
                            List.of()));
            fails(AAuthError.UNKNOWN_KEY, () -> verifier.verify(unknown.message()));
        }

        @Test
        void expiredAgentTokenIsExpiredJwt() {
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
            f.clock.advance(Duration.ofHours(2));
            req =
                    f.signedGet(
                            "/api/inventory",
                            new SignatureKey.Jwt(
                                    req.fields
                                            .get("signature-key")
                                            .get(0)
                                            .replaceAll("^sig=jwt;jwt=\"|\"$", "")));
            final var r = req;
            fails(AAuthError.EXPIRED_JWT, () -> f.verifier().verify(r.message()));
        }

        @Test
        void agentTokenSignedByAnUnknownIssuerKeyIsInvalidJwt() {
            var rogue =
                    new dev.aauth.token.TokenIssuer(
                            AAuthFixture.AP,
                            new dev.aauth.jose.ServerKeySet(
                                    SigningKey.generate(SignatureAlgorithm.ED25519, "ap-1")),
                            f.clock);
            String forged =
                    rogue.agentToken(
                                    AAuthFixture.AGENT,
                                    f.agentKey.publicJwk(),
                                    AAuthFixture.PS,
                                    Duration.ofHours(1),
                                    Map.of())
                            .compact();
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(forged));
            fails(AAuthError.INVALID_JWT, () -> f.verifier().verify(req.message()));
        }

        @Test
        void resourceTokenInSignatureKeyIsInvalidJwt() {
            String rt =
                    f.resource
                            .resourceToken(
                                    AAuthFixture.PS,
                                    AAuthFixture.AGENT,
                                    f.agentKey.publicJwk().thumbprint(),
                                    List.of("supply-chain:read"),
                                    null,
                                    Duration.ofMinutes(5))
                            .compact();
            var policy = VerificationPolicy.forResource(AAuthFixture.RESOURCE);
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(rt));
            fails(
                    AAuthError.INVALID_JWT,
                    () ->
                            f.verifier(policy, new VerifiedTokenCache(10, f.clock))
                                    .verify(req.message()));
        }

        @Test
        void authTokenWhereOnlyAgentTokensAreAcceptedIsInvalidJwt() {
            var policy =
                    VerificationPolicy.forResource(AAuthFixture.RESOURCE)
                            .withJwtTypes(EnumSet.of(TokenType.AGENT));
            var req =
                    f.signedGet("/api/inventory", new SignatureKey.Jwt(f.authToken(List.of("a"))));
            fails(
                    AAuthError.INVALID_JWT,
                    () ->
                            f.verifier(policy, new VerifiedTokenCache(10, f.clock))
                                    .verify(req.message()));
        }

        @Test
        @DisplayName("Auth Token Verification 5: Verify aud matches the resource's own identifier")
        void authTokenForAnotherResourceIsInvalidJwt() {
            var policy = VerificationPolicy.forResource("https://other.example");
            var req =
                    f.signedGet("/api/inventory", new SignatureKey.Jwt(f.authToken(List.of("a"))));
            fails(
                    AAuthError.INVALID_JWT,
                    () ->
                            f.verifier(policy, new VerifiedTokenCache(10, f.clock))
                                    .verify(req.message()));
        }

        @Test
        void x509IsRefusedWithClearInvalidKey() {
            var policy =
                    VerificationPolicy.forResource(AAuthFixture.RESOURCE)
                            .withSchemes(VerificationPolicy.ALL_SCHEMES);
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
            req.set("signature-key", "sig=x509;x5u=\"https://agents.example/cert.pem\";x5t=:AAAA:");
            AAuthException e =
                    fails(
                            AAuthError.INVALID_KEY,
                            () ->
                                    f.verifier(policy, new VerifiedTokenCache(10, f.clock))
                                            .verify(req.message()));
            assertEquals(true, e.getMessage().contains("x509"));
        }
    }

    @Nested
    @DisplayName(
            "6. Verify the HTTP Message Signature using the obtained public key and determined algorithm. Return invalid_signature if verification fails.")
    class Step6 {
        @Test
        void tamperedMethodIsInvalidSignature() {
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
            req.method = "DELETE";
            fails(AAuthError.INVALID_SIGNATURE, () -> f.verifier().verify(req.message()));
        }

        @Test
        void tamperedPathIsInvalidSignature() {
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
            req.target = AAuthFixture.RESOURCE + "/api/orders";
            fails(AAuthError.INVALID_SIGNATURE, () -> f.verifier().verify(req.message()));
        }

        @Test
        void tamperedAuthorityIsInvalidSignature() {
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
            req.target = "https://evil.example/api/inventory";
            fails(AAuthError.INVALID_SIGNATURE, () -> f.verifier().verify(req.message()));
        }

        @Test
        @DisplayName("a request signed by a key other than the token's cnf.jwk fails (forged cnf)")
        void signatureByAKeyOtherThanCnfIsInvalidSignature() {
            SigningKey thief = SigningKey.generate(SignatureAlgorithm.ED25519, "thief");
            var req = new AAuthFixture.Request("GET", AAuthFixture.RESOURCE + "/api/inventory");
            req.apply(
                    new AAuthRequestSigner(thief, f.clock)
                            .sign(
                                    "GET",
                                    req.target,
                                    req.lookup(),
                                    new SignatureKey.Jwt(f.agentToken()),
                                    List.of()));
            fails(AAuthError.INVALID_SIGNATURE, () -> f.verifier().verify(req.message()));
        }

        @Test
        void swappedSignatureKeyAfterSigningIsInvalidSignature() {
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
            Jwk same = f.agentKey.publicJwk();
            // another valid agent token for the same key: covering signature-key makes the swap
            // detectable
            String other = f.agentTokenFor(same).compact();
            req.set(
                    "signature-key",
                    dev.aauth.sigkey.SignatureKeyHeader.serialize(
                            "sig", new SignatureKey.Jwt(other)));
            fails(AAuthError.INVALID_SIGNATURE, () -> f.verifier().verify(req.message()));
        }
    }
}
