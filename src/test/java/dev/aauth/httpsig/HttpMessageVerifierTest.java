package dev.aauth.httpsig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.digest.ContentDigest;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Signing and verifying round trips, and every tampering the signature must catch. */
class HttpMessageVerifierTest {

    private static final List<ComponentIdentifier> AAUTH_COMPONENTS =
            List.of(
                    ComponentIdentifier.METHOD,
                    ComponentIdentifier.AUTHORITY,
                    ComponentIdentifier.PATH,
                    ComponentIdentifier.of("signature-key"),
                    ComponentIdentifier.of("content-digest"));
    private static final byte[] BODY = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);

    private static MessageSigner signer;
    private static MessageVerifier verifier;

    @BeforeAll
    static void keys() {
        Map<String, Object> jwk = Rfc9421Examples.load().jwk("Example Ed25519 Test Key");
        signer = TestCrypto.ed25519Signer(jwk);
        verifier = TestCrypto.ed25519Verifier(jwk);
    }

    private static HttpFields unsignedFields() {
        return HttpFields.builder()
                .add("Content-Type", "application/json")
                .add("Content-Digest", ContentDigest.create(BODY))
                .add(
                        "Signature-Key",
                        "sig=hwk;kty=\"OKP\";crv=\"Ed25519\";x=\"JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs\"")
                .build();
    }

    private static HttpRequestMessage unsigned() {
        return HttpRequestMessage.of(
                "POST", "https://resource.example/api/items?x=1", unsignedFields());
    }

    /** A request signed under label {@code sig} over the AAuth components plus content-digest. */
    private static HttpRequestMessage signed() {
        HttpRequestMessage request = unsigned();
        SignatureHeaders h =
                HttpMessageSigner.sign(
                        request,
                        "sig",
                        AAUTH_COMPONENTS,
                        SignatureParameters.builder()
                                .created(Instant.ofEpochSecond(1730217600L))
                                .build(),
                        signer);
        return request.withFields(
                unsignedFields().toBuilder()
                        .add("Signature-Input", h.signatureInput())
                        .add("Signature", h.signature())
                        .build());
    }

    private static HttpRequestMessage withFields(HttpRequestMessage r, HttpFields fields) {
        return r.withFields(fields);
    }

    private static void assertInvalid(Executable call) {
        AAuthException e = assertThrows(AAuthException.class, call);
        assertEquals(AAuthError.INVALID_SIGNATURE, e.error(), e.detail());
    }

    @Test
    void signThenVerifyRoundTrip() {
        HttpRequestMessage request = signed();
        ReceivedSignature sig = HttpMessageVerifier.verify(request, "sig", verifier);
        assertEquals(AAUTH_COMPONENTS, sig.input().coveredComponents());
        assertEquals(1730217600L, sig.input().created().orElseThrow());
        assertEquals(
                "sig=(\"@method\" \"@authority\" \"@path\" \"signature-key\" \"content-digest\");created=1730217600",
                request.fields().lines("signature-input").get(0));
        ContentDigest.verify(BODY, request.fields().lines("content-digest"));
    }

    @Test
    @DisplayName(
            "a profile can inspect the parameters first, then verify the same ReceivedSignature")
    void inspectThenVerify() {
        HttpRequestMessage request = signed();
        ReceivedSignature sig = SignatureSet.from(request.fields()).get("sig");
        assertTrue(sig.input().covers(ComponentIdentifier.of("signature-key")));
        HttpMessageVerifier.verify(request, sig, verifier);
    }

    @Test
    void tamperedMethodFails() {
        HttpRequestMessage s = signed();
        assertInvalid(
                () ->
                        HttpMessageVerifier.verify(
                                HttpRequestMessage.of(
                                        "PUT",
                                        "https://resource.example/api/items?x=1",
                                        s.fields()),
                                "sig",
                                verifier));
    }

    @Test
    void tamperedPathFails() {
        HttpRequestMessage s = signed();
        assertInvalid(
                () ->
                        HttpMessageVerifier.verify(
                                HttpRequestMessage.of(
                                        "POST",
                                        "https://resource.example/api/other?x=1",
                                        s.fields()),
                                "sig",
                                verifier));
    }

    @Test
    void tamperedAuthorityFails() {
        HttpRequestMessage s = signed();
        assertInvalid(
                () ->
                        HttpMessageVerifier.verify(
                                HttpRequestMessage.of(
                                        "POST", "https://evil.example/api/items?x=1", s.fields()),
                                "sig",
                                verifier));
    }

    @Test
    @DisplayName("transformations that do not change the target URI keep the signature valid")
    void equivalentAuthorityStillVerifies() {
        HttpRequestMessage s = signed();
        HttpMessageVerifier.verify(
                HttpRequestMessage.of(
                        "POST", "HTTPS://Resource.Example:443/api/items?x=2", s.fields()),
                "sig",
                verifier);
    }

    @Test
    void tamperedCoveredHeaderFails() {
        HttpRequestMessage s = signed();
        HttpFields swappedKey =
                ((HttpFields) s.fields())
                        .toBuilder()
                                .set(
                                        "Signature-Key",
                                        "sig=hwk;kty=\"OKP\";crv=\"Ed25519\";x=\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"")
                                .build();
        assertInvalid(() -> HttpMessageVerifier.verify(withFields(s, swappedKey), "sig", verifier));
        HttpFields otherDigest =
                ((HttpFields) s.fields())
                        .toBuilder()
                                .set(
                                        "Content-Digest",
                                        ContentDigest.create("{}".getBytes(StandardCharsets.UTF_8)))
                                .build();
        assertInvalid(
                () -> HttpMessageVerifier.verify(withFields(s, otherDigest), "sig", verifier));
        HttpFields extraLine =
                ((HttpFields) s.fields())
                        .toBuilder().add("Content-Digest", "sha-512=:AAAA:").build();
        assertInvalid(() -> HttpMessageVerifier.verify(withFields(s, extraLine), "sig", verifier));
    }

    @Test
    void removedCoveredHeaderFails() {
        HttpRequestMessage s = signed();
        assertInvalid(
                () ->
                        HttpMessageVerifier.verify(
                                withFields(
                                        s,
                                        ((HttpFields) s.fields())
                                                .toBuilder().remove("Signature-Key").build()),
                                "sig",
                                verifier));
    }

    @Test
    @DisplayName("the signature covers its own parameters: changing created breaks it")
    void tamperedSignatureParametersFail() {
        HttpRequestMessage s = signed();
        String input =
                s.fields().lines("signature-input").get(0).replace("1730217600", "1730217601");
        assertInvalid(
                () ->
                        HttpMessageVerifier.verify(
                                withFields(
                                        s,
                                        ((HttpFields) s.fields())
                                                .toBuilder().set("Signature-Input", input).build()),
                                "sig",
                                verifier));
        String fewer =
                s.fields().lines("signature-input").get(0).replace(" \"content-digest\"", "");
        assertInvalid(
                () ->
                        HttpMessageVerifier.verify(
                                withFields(
                                        s,
                                        ((HttpFields) s.fields())
                                                .toBuilder().set("Signature-Input", fewer).build()),
                                "sig",
                                verifier));
    }

    @Test
    void tamperedSignatureBytesFail() {
        HttpRequestMessage s = signed();
        String sig = s.fields().lines("signature").get(0);
        char c = sig.charAt(10);
        String flipped = sig.substring(0, 10) + (c == 'A' ? 'B' : 'A') + sig.substring(11);
        assertInvalid(
                () ->
                        HttpMessageVerifier.verify(
                                withFields(
                                        s,
                                        ((HttpFields) s.fields())
                                                .toBuilder().set("Signature", flipped).build()),
                                "sig",
                                verifier));
    }

    @Test
    void missingLabelFails() {
        assertInvalid(() -> HttpMessageVerifier.verify(signed(), "other", verifier));
    }

    @Test
    void unsignedMessageFails() {
        assertInvalid(() -> HttpMessageVerifier.verify(unsigned(), "sig", verifier));
    }

    @Test
    @DisplayName(
            "3.2 step 6.4: If the algorithm is specified in more than one location ... the resolved algorithms MUST be the same")
    void algorithmsFromTwoLocationsMustBeTheSame() {
        HttpRequestMessage request = unsigned();
        SignatureInput claimsEcdsa =
                SignatureInput.of(
                        List.of(ComponentIdentifier.METHOD),
                        SignatureParameters.builder().created(1L).alg("ecdsa-p256-sha256").build());
        assertInvalid(() -> HttpMessageSigner.sign(request, "sig", claimsEcdsa, signer));
        // a signer that does not state its algorithm lets the caller's alg through; the verifier
        // then refuses
        MessageSigner anonymous = signer::sign;
        SignatureHeaders h = HttpMessageSigner.sign(request, "sig", claimsEcdsa, anonymous);
        HttpRequestMessage s =
                request.withFields(
                        unsignedFields().toBuilder()
                                .add("Signature-Input", h.signatureInput())
                                .add("Signature", h.signature())
                                .build());
        assertInvalid(() -> HttpMessageVerifier.verify(s, "sig", verifier));
        HttpMessageVerifier.verify(s, "sig", verifier::verify);
        SignatureInput claimsEd25519 =
                SignatureInput.of(
                        List.of(ComponentIdentifier.METHOD),
                        SignatureParameters.builder().created(1L).alg("ed25519").build());
        HttpMessageSigner.sign(request, "sig", claimsEd25519, signer);
    }

    @Test
    @DisplayName(
            "a MessageVerifier that throws is reported as invalid_signature; its own AAuthException passes through")
    void verifierExceptionsAreMapped() {
        HttpRequestMessage s = signed();
        assertInvalid(
                () ->
                        HttpMessageVerifier.verify(
                                s,
                                "sig",
                                (base, sig) -> {
                                    throw new IllegalArgumentException("bad key");
                                }));
        AAuthException own = new AAuthException(AAuthError.INVALID_KEY, "no such key");
        AAuthException thrown =
                assertThrows(
                        AAuthException.class,
                        () ->
                                HttpMessageVerifier.verify(
                                        s,
                                        "sig",
                                        (base, sig) -> {
                                            throw own;
                                        }));
        assertSame(own, thrown);
    }

    @Test
    void signingFailsWhenACoveredComponentIsMissing() {
        HttpRequestMessage request =
                HttpRequestMessage.of("GET", "https://resource.example/", HttpFields.EMPTY);
        assertInvalid(
                () ->
                        HttpMessageSigner.sign(
                                request,
                                "sig",
                                AAUTH_COMPONENTS,
                                SignatureParameters.EMPTY,
                                signer));
    }

    @Test
    void labelMustBeADictionaryKey() {
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        HttpMessageSigner.sign(
                                unsigned(),
                                "Sig",
                                List.of(ComponentIdentifier.METHOD),
                                SignatureParameters.EMPTY,
                                signer));
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        HttpMessageSigner.sign(
                                unsigned(),
                                "",
                                List.of(ComponentIdentifier.METHOD),
                                SignatureParameters.EMPTY,
                                signer));
    }

    @Test
    @DisplayName("4.3: a second signature can be added and each verifies on its own")
    void twoSignaturesOnOneMessage() {
        HttpRequestMessage first = signed();
        Map<String, Object> ec = Rfc9421Examples.load().jwk("Example ECC P-256 Test Key");
        SignatureHeaders second =
                HttpMessageSigner.sign(
                        first,
                        "proxy",
                        List.of(
                                ComponentIdentifier.of("signature").withKey("sig"),
                                ComponentIdentifier.AUTHORITY),
                        SignatureParameters.builder()
                                .created(1730217601L)
                                .alg("ecdsa-p256-sha256")
                                .keyid("proxy-key")
                                .build(),
                        TestCrypto.ecdsaP256Signer(ec));
        HttpRequestMessage both =
                first.withFields(
                        ((HttpFields) first.fields())
                                .toBuilder()
                                        .add("Signature-Input", second.signatureInput())
                                        .add("Signature", second.signature())
                                        .build());
        HttpMessageVerifier.verify(both, "sig", verifier);
        HttpMessageVerifier.verify(both, "proxy", TestCrypto.ecdsaP256Verifier(ec));
        assertEquals(
                List.of("sig", "proxy"), List.copyOf(SignatureSet.from(both.fields()).labels()));
    }

    @Test
    void responseSignatureBindsTheRequest() {
        HttpRequestMessage request = signed();
        HttpFields fields = HttpFields.of("Content-Type", "application/json");
        HttpResponseMessage response = HttpResponseMessage.of(200, fields, request);
        List<ComponentIdentifier> covered =
                List.of(
                        ComponentIdentifier.STATUS,
                        ComponentIdentifier.of("content-type"),
                        ComponentIdentifier.METHOD.withReq(),
                        ComponentIdentifier.of("signature").withKey("sig").withReq());
        SignatureHeaders h =
                HttpMessageSigner.sign(
                        response,
                        "res",
                        covered,
                        SignatureParameters.builder().created(1730217602L).build(),
                        signer);
        HttpFields signedFields =
                fields.toBuilder()
                        .add("Signature-Input", h.signatureInput())
                        .add("Signature", h.signature())
                        .build();
        HttpMessageVerifier.verify(
                HttpResponseMessage.of(200, signedFields, request), "res", verifier);
        HttpRequestMessage otherRequest =
                HttpRequestMessage.of(
                        "PUT", "https://resource.example/api/items?x=1", request.fields());
        assertInvalid(
                () ->
                        HttpMessageVerifier.verify(
                                HttpResponseMessage.of(200, signedFields, otherRequest),
                                "res",
                                verifier));
        assertInvalid(
                () ->
                        HttpMessageVerifier.verify(
                                HttpResponseMessage.of(201, signedFields, request),
                                "res",
                                verifier));
    }
}
