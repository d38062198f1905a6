package dev.aauth.httpsig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Parsing Signature-Input and Signature (RFC 9421 Sections 4.1, 4.2, 3.2 step 1), strictly and
 * cheaply.
 */
class SignatureSetTest {

    private static final String INPUT =
            "sig1=(\"@method\" \"@authority\");created=1618884473;keyid=\"k\"";
    private static final String SIG = "sig1=:AAECAw==:";

    private static void assertInvalid(Executable call) {
        AAuthException e = assertThrows(AAuthException.class, call);
        assertEquals(AAuthError.INVALID_SIGNATURE, e.error(), e.detail());
    }

    private static SignatureSet set(String input, String signature) {
        return SignatureSet.parse(
                input == null ? null : List.of(input),
                signature == null ? null : List.of(signature));
    }

    @Test
    void parsesALabelledSignature() {
        ReceivedSignature sig = set(INPUT, SIG).get("sig1");
        assertEquals("sig1", sig.label());
        assertEquals(
                List.of(ComponentIdentifier.METHOD, ComponentIdentifier.AUTHORITY),
                sig.input().coveredComponents());
        assertEquals(1618884473L, sig.input().created().orElseThrow());
        assertEquals("k", sig.input().keyid().orElseThrow());
        assertTrue(sig.input().alg().isEmpty());
        assertTrue(sig.input().expires().isEmpty());
        assertArrayEquals(new byte[] {0, 1, 2, 3}, sig.signature());
    }

    @Test
    @DisplayName("4.3: several signatures, several labels, across several field lines")
    void multipleLabelsAcrossFieldLines() {
        SignatureSet s =
                SignatureSet.parse(
                        List.of(
                                INPUT,
                                "proxy=(\"@path\");created=1618884480;alg=\"ed25519\";expires=1618884540;nonce=\"n\";tag=\"t\""),
                        List.of("sig1=:AAECAw==:, proxy=:BAUG:"));
        assertEquals(List.of("sig1", "proxy"), List.copyOf(s.labels()));
        ReceivedSignature proxy = s.get("proxy");
        assertEquals("ed25519", proxy.input().alg().orElseThrow());
        assertEquals(1618884540L, proxy.input().expires().orElseThrow());
        assertEquals("n", proxy.input().nonce().orElseThrow());
        assertEquals("t", proxy.input().tag().orElseThrow());
        assertEquals(
                "(\"@path\");created=1618884480;alg=\"ed25519\";expires=1618884540;nonce=\"n\";tag=\"t\"",
                proxy.input().serialize(),
                "parameters keep their received order");
    }

    @Test
    @DisplayName(
            "the signature-params value is re-serialized, so optional whitespace in Signature-Input does not matter")
    void whitespaceInSignatureInputIsNormalized() {
        ReceivedSignature sig =
                set("sig=(\"@method\"   \"@path\"); created=1732210000", "sig=:AAAA:").get("sig");
        assertEquals("(\"@method\" \"@path\");created=1732210000", sig.input().serialize());
    }

    @Test
    @DisplayName(
            "3.2: If the chosen Signature value does not have a corresponding Signature-Input value, produce an error")
    void labelInOnlyOneFieldIsAnErrorForThatLabel() {
        SignatureSet s =
                SignatureSet.parse(
                        List.of(INPUT, "only=(\"@path\")"), List.of(SIG + ", other=:AAAA:"));
        assertInvalid(() -> s.get("only"));
        assertInvalid(() -> s.get("other"));
        assertEquals("sig1", s.get("sig1").label(), "the matched label is still usable");
    }

    @Test
    void missingLabelIsAnError() {
        assertInvalid(() -> set(INPUT, SIG).get("sig2"));
    }

    @Test
    void missingFieldsAreAnError() {
        assertInvalid(() -> set(null, SIG));
        assertInvalid(() -> set(INPUT, null));
        assertInvalid(() -> SignatureSet.parse(List.of(), List.of(SIG)));
        assertInvalid(() -> set("", SIG));
        assertInvalid(() -> SignatureSet.from(HttpFields.EMPTY));
    }

    @Test
    void malformedStructuredFieldsAreAnError() {
        assertInvalid(() -> set("sig1=(\"@method\"", SIG));
        assertInvalid(() -> set("Sig1=(\"@method\")", SIG));
        assertInvalid(() -> set(INPUT, "sig1=:AAECAw==:,"));
    }

    @Test
    @DisplayName(
            "4.2: the Signature member value must be a Byte Sequence; garbage base64 is rejected")
    void garbageBase64IsRejected() {
        assertInvalid(() -> set(INPUT, "sig1=:!!not-base64!!:"));
        assertInvalid(() -> set(INPUT, "sig1=:AAECAw==").get("sig1"));
        assertInvalid(() -> set(INPUT, "sig1=\"AAECAw==\"").get("sig1"));
        assertInvalid(() -> set(INPUT, "sig1=AAECAw").get("sig1"));
        assertInvalid(() -> set(INPUT, "sig1=(:AAECAw==:)").get("sig1"));
        assertInvalid(() -> set(INPUT, "sig1=::").get("sig1"));
    }

    @Test
    @DisplayName("4.1: a Signature-Input member must be an Inner List of Strings")
    void signatureInputMemberMustBeAnInnerList() {
        assertInvalid(() -> set("sig1=\"@method\"", SIG).get("sig1"));
        assertInvalid(() -> set("sig1=:AAAA:", SIG).get("sig1"));
        assertInvalid(() -> set("sig1=(@method)", SIG).get("sig1"));
    }

    @Test
    @DisplayName(
            "2.3: created and expires are Integer UNIX timestamps; nonce, alg, keyid and tag are Strings")
    void signatureParameterTypesAreChecked() {
        assertInvalid(() -> set("sig1=();created=\"1618884473\"", SIG).get("sig1"));
        assertInvalid(() -> set("sig1=();created=1618884473.5", SIG).get("sig1"));
        assertInvalid(() -> set("sig1=();created=-1", SIG).get("sig1"));
        assertInvalid(() -> set("sig1=();expires=?1", SIG).get("sig1"));
        assertInvalid(() -> set("sig1=();keyid=k", SIG).get("sig1"));
        assertInvalid(() -> set("sig1=();alg=ed25519", SIG).get("sig1"));
        assertInvalid(() -> set("sig1=();nonce=1", SIG).get("sig1"));
        assertInvalid(() -> set("sig1=();tag=:AAAA:", SIG).get("sig1"));
    }

    @Test
    void unknownSignatureParametersAreRejected() {
        assertInvalid(() -> set("sig1=();created=1;foo=\"bar\"", SIG).get("sig1"));
    }

    @Test
    @DisplayName("a Signature-Input or Signature longer than 8 KiB is rejected before parsing")
    void oversizedFieldIsRejected() {
        String big = INPUT + ", " + "x".repeat(SignatureSet.MAX_FIELD_LENGTH) + "=()";
        assertInvalid(() -> set(big, SIG));
        String bigSig = SIG + ", pad=:" + "A".repeat(SignatureSet.MAX_FIELD_LENGTH) + ":";
        assertInvalid(() -> set(INPUT, bigSig));
        List<String> manyLines = java.util.Collections.nCopies(2000, "a=:AAAA:");
        assertInvalid(() -> SignatureSet.parse(List.of(INPUT), manyLines));
    }

    @Test
    @DisplayName("more than 8 labels are rejected")
    void tooManyLabelsAreRejected() {
        StringBuilder inputs = new StringBuilder(INPUT);
        for (int i = 0; i < SignatureSet.MAX_LABELS; i++) {
            inputs.append(", s").append(i).append("=()");
        }
        assertInvalid(() -> set(inputs.toString(), SIG));
    }

    @Test
    void tooManyCoveredComponentsAreRejected() {
        StringBuilder list = new StringBuilder("sig1=(");
        for (int i = 0; i <= SignatureInput.MAX_COVERED_COMPONENTS; i++) {
            list.append("\"x-h").append(i).append("\" ");
        }
        list.append(')');
        assertInvalid(() -> set(list.toString(), SIG).get("sig1"));
    }

    @Test
    @DisplayName("a malformed foreign signature does not spoil the one being verified")
    void badMemberOfAnotherLabelDoesNotAffectTheChosenLabel() {
        SignatureSet s = set(INPUT + ", other=(\"@status\";req);x=1", SIG + ", other=:AAAA:");
        assertEquals("sig1", s.get("sig1").label());
        assertInvalid(() -> s.get("other"));
    }
}
