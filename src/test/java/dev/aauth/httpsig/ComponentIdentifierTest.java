package dev.aauth.httpsig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Component identifiers and component values: the MUSTs of RFC 9421 Sections 2 to 2.5, each with
 * its failure.
 */
class ComponentIdentifierTest {

    private static final HttpRequestMessage REQUEST =
            HttpRequestMessage.of(
                    "POST",
                    "https://example.com/foo?param=Value&Pet=dog&a=1&a=2",
                    HttpFields.builder()
                            .add("Host", "example.com")
                            .add("Date", "Tue, 20 Apr 2021 02:07:55 GMT")
                            .add("Content-Type", "application/json")
                            .add("X-Custom", "a=1, b=2")
                            .add("Example-Dict", "a=1, b=2;x=1, c=(a b)")
                            .add(
                                    "Content-Digest",
                                    "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:")
                            .build());
    private static final HttpResponseMessage RESPONSE =
            HttpResponseMessage.of(200, HttpFields.of("Content-Type", "application/json"), REQUEST);

    private static void assertInvalid(Executable call) {
        AAuthException e = assertThrows(AAuthException.class, call);
        assertEquals(AAuthError.INVALID_SIGNATURE, e.error(), e.detail());
    }

    private static String base(HttpMessage message, String... ids) {
        ComponentIdentifier[] parsed = new ComponentIdentifier[ids.length];
        for (int i = 0; i < ids.length; i++) {
            parsed[i] = ComponentIdentifier.parse(ids[i]);
        }
        return SignatureBase.createString(
                message, SignatureInput.of(List.of(parsed), SignatureParameters.EMPTY));
    }

    // ------------------------------------------------------------------ Section 2: identifiers

    @Test
    @DisplayName(
            "2: Within a single list of covered components, each component identifier MUST occur only once")
    void eachComponentIdentifierMustOccurOnlyOnce() {
        assertInvalid(() -> SignatureInput.parse("(\"@method\" \"@path\" \"@method\")"));
        assertInvalid(
                () ->
                        SignatureInput.of(
                                List.of(
                                        ComponentIdentifier.METHOD,
                                        ComponentIdentifier.of("@method")),
                                SignatureParameters.EMPTY));
    }

    @Test
    @DisplayName(
            "2: the order of parameters is not significant when comparing component identifiers")
    void identifiersDifferingOnlyInParameterOrderAreDuplicates() {
        ComponentIdentifier a = ComponentIdentifier.parse("\"example-dict\";req;key=\"a\"");
        ComponentIdentifier b = ComponentIdentifier.parse("\"example-dict\";key=\"a\";req");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(
                "\"example-dict\";req;key=\"a\"",
                a.serialize(),
                "the given order is kept for serialization");
        assertInvalid(
                () ->
                        SignatureInput.parse(
                                "(\"example-dict\";req;key=\"a\" \"example-dict\";key=\"a\";req)"));
    }

    @Test
    @DisplayName(
            "2: Multiple component identifiers having the same component name MAY be included if they have parameters that make them distinct")
    void sameNameWithDistinctParametersIsAllowed() {
        SignatureInput input =
                SignatureInput.parse(
                        "(\"content-type\" \"content-type\";req \"example-dict\";key=\"a\" \"example-dict\";key=\"b\")");
        assertEquals(4, input.coveredComponents().size());
    }

    @Test
    @DisplayName("2.1: implementations MUST use lowercased field names")
    void fieldNamesMustBeLowercased() {
        assertInvalid(() -> ComponentIdentifier.of("Content-Type"));
        assertInvalid(() -> SignatureInput.parse("(\"Date\")"));
        assertInvalid(() -> ComponentIdentifier.of("bad name"));
    }

    @Test
    @DisplayName(
            "2.5: If the component identifier has a parameter that is not understood, produce an error")
    void unknownParameterMustProduceAnError() {
        assertInvalid(() -> ComponentIdentifier.parse("\"date\";foo"));
        assertInvalid(() -> ComponentIdentifier.parse("\"@method\";sf"));
        assertInvalid(() -> ComponentIdentifier.parse("\"@method\";name=\"x\""));
        assertInvalid(() -> ComponentIdentifier.parse("\"date\";name=\"x\""));
    }

    @Test
    @DisplayName(
            "2.5: If the component identifier has several incompatible parameters, such as bs and sf, produce an error")
    void bsIsIncompatibleWithSfAndKey() {
        assertInvalid(() -> ComponentIdentifier.parse("\"example-dict\";bs;sf"));
        assertInvalid(() -> ComponentIdentifier.parse("\"example-dict\";key=\"a\";bs"));
        assertInvalid(() -> ComponentIdentifier.of("example-dict").withSf().withBs());
    }

    @Test
    void flagParametersMustBeTrue() {
        assertInvalid(() -> ComponentIdentifier.parse("\"date\";sf=?0"));
        assertInvalid(() -> ComponentIdentifier.parse("\"date\";req=1"));
        assertInvalid(() -> ComponentIdentifier.parse("\"example-dict\";key=a"));
    }

    @Test
    void trailerFieldsAreNotSupported() {
        assertInvalid(() -> ComponentIdentifier.parse("\"expires\";tr"));
    }

    @Test
    @DisplayName("2.5: The signer or verifier does not understand the derived component name")
    void unknownDerivedComponentMustProduceAnError() {
        assertInvalid(() -> ComponentIdentifier.of("@foo"));
        assertInvalid(() -> SignatureInput.parse("(\"@method\" \"@bar\")"));
    }

    @Test
    @DisplayName(
            "2.3: the @signature-params component identifier MUST NOT be enumerated within the set of covered components")
    void signatureParamsMustNotBeCovered() {
        assertInvalid(() -> SignatureInput.parse("(\"@signature-params\")"));
    }

    @Test
    void componentIdentifiersMustBeStrings() {
        assertInvalid(() -> SignatureInput.parse("(date)"));
        assertInvalid(() -> SignatureInput.parse("(1)"));
        assertInvalid(() -> ComponentIdentifier.parse("\"date"));
    }

    // ------------------------------------------------------------------ Section 2.1: fields

    @Test
    @DisplayName("2.5: The component name identifies a field that is not present in the message")
    void missingFieldMustProduceAnError() {
        assertInvalid(() -> base(REQUEST, "\"authorization\""));
    }

    @Test
    @DisplayName("2: Component values MUST NOT contain newline (\\n) characters")
    void componentValuesMustNotContainNewlines() {
        HttpRequestMessage r = REQUEST.withFields(HttpFields.of("X-Evil", "a\n\"@method\": GET"));
        assertInvalid(() -> base(r, "\"x-evil\""));
        HttpRequestMessage cr = REQUEST.withFields(HttpFields.of("X-Evil", "a\rb"));
        assertInvalid(() -> base(cr, "\"x-evil\""));
        HttpRequestMessage nul = REQUEST.withFields(HttpFields.of("X-Evil", "a\u0000b"));
        assertInvalid(() -> base(nul, "\"x-evil\""));
    }

    @Test
    @DisplayName("2.1: obsolete line folding is replaced by a single space")
    void obsoleteLineFoldingBecomesOneSpace() {
        HttpRequestMessage r =
                REQUEST.withFields(HttpFields.of("X-Fold", "one\r\n \t two\n three"));
        assertEquals(
                "\"x-fold\": one two three\n\"@signature-params\": (\"x-fold\")",
                base(r, "\"x-fold\""));
    }

    @Test
    @DisplayName(
            "2.5: sf on a field ... the type of structured field is not known to the implementation")
    void sfOnFieldOfUnknownTypeMustProduceAnError() {
        assertInvalid(() -> base(REQUEST, "\"x-custom\";sf"));
        assertInvalid(() -> base(REQUEST, "\"date\";sf"));
        StructuredFieldTypes types =
                StructuredFieldTypes.DEFAULT.with("x-custom", StructuredFieldTypes.Type.DICTIONARY);
        assertEquals(
                "\"x-custom\";sf: a=1, b=2\n\"@signature-params\": (\"x-custom\";sf)",
                SignatureBase.createString(
                        REQUEST, SignatureInput.parse("(\"x-custom\";sf)"), types));
    }

    @Test
    void sfOnKnownStructuredFieldReserializes() {
        HttpRequestMessage r =
                REQUEST.withFields(
                        HttpFields.of("Signature-Key", "sig=hwk;kty=\"OKP\";  crv=\"Ed25519\""));
        assertEquals(
                "\"signature-key\";sf: sig=hwk;kty=\"OKP\";crv=\"Ed25519\"\n\"@signature-params\": (\"signature-key\";sf)",
                base(r, "\"signature-key\";sf"));
    }

    @Test
    @DisplayName("2.5: a field whose value is malformed for its structured type fails")
    void sfOnMalformedStructuredFieldMustProduceAnError() {
        HttpRequestMessage r =
                REQUEST.withFields(HttpFields.of("Content-Digest", "sha-256=:not base64!:"));
        assertInvalid(() -> base(r, "\"content-digest\";sf"));
    }

    @Test
    @DisplayName(
            "2.1.2: If a Dictionary key is named as a covered component but it does not occur in the Dictionary, this MUST cause an error")
    void dictionaryKeyNotInDictionaryMustCauseAnError() {
        assertInvalid(() -> base(REQUEST, "\"example-dict\";key=\"z\""));
        assertEquals(
                "\"example-dict\";key=\"c\": (a b)\n\"@signature-params\": (\"example-dict\";key=\"c\")",
                base(REQUEST, "\"example-dict\";key=\"c\""));
    }

    @Test
    @DisplayName(
            "2.5: a dictionary member identifier that references a field that ... is not a Dictionary Structured Field")
    void keyOnAFieldThatIsNotADictionaryMustCauseAnError() {
        assertInvalid(() -> base(REQUEST, "\"date\";key=\"tue\""));
    }

    // ------------------------------------------------------------------ Section 2.2: derived

    @Test
    @DisplayName("2.2.9: The @status component identifier MUST NOT be used in a request message")
    void statusMustNotBeUsedInARequest() {
        assertInvalid(() -> base(REQUEST, "\"@status\""));
        assertInvalid(() -> ComponentIdentifier.parse("\"@status\";req"));
    }

    @Test
    @DisplayName(
            "2.4: The req parameter MUST NOT be used for any component in a signature that targets a request message")
    void reqMustNotBeUsedInASignatureThatTargetsARequest() {
        assertInvalid(() -> base(REQUEST, "\"@method\";req"));
        assertInvalid(() -> base(REQUEST, "\"date\";req"));
    }

    @Test
    void reqNeedsTheRelatedRequest() {
        HttpResponseMessage alone = HttpResponseMessage.of(200, HttpFields.EMPTY);
        assertInvalid(() -> base(alone, "\"@method\";req"));
        assertEquals(
                "\"@method\";req: POST\n\"date\";req: Tue, 20 Apr 2021 02:07:55 GMT\n\"@status\": 200\n"
                        + "\"@signature-params\": (\"@method\";req \"date\";req \"@status\")",
                base(RESPONSE, "\"@method\";req", "\"date\";req", "\"@status\""));
    }

    @Test
    void requestDerivedComponentOnAResponseNeedsReq() {
        assertInvalid(() -> base(RESPONSE, "\"@method\""));
    }

    @Test
    @DisplayName(
            "2.2.8: If a query parameter is named as a component but it does not occur in the target URI, ... MUST fail")
    void queryParamNotInTheQueryMustFail() {
        assertInvalid(() -> base(REQUEST, "\"@query-param\";name=\"missing\""));
        HttpRequestMessage noQuery =
                HttpRequestMessage.of("GET", "https://example.com/", HttpFields.EMPTY);
        assertInvalid(() -> base(noQuery, "\"@query-param\";name=\"a\""));
    }

    @Test
    @DisplayName(
            "2.2.8: If a parameter name occurs multiple times in a request, the named query parameter MUST NOT be included")
    void repeatedQueryParamMustNotBeIncluded() {
        assertInvalid(() -> base(REQUEST, "\"@query-param\";name=\"a\""));
    }

    @Test
    @DisplayName("2.2.8: The REQUIRED name parameter")
    void queryParamRequiresName() {
        assertInvalid(() -> ComponentIdentifier.of("@query-param"));
        assertInvalid(() -> ComponentIdentifier.parse("\"@query-param\";name=1"));
    }

    @Test
    void queryParamNamesAreCaseSensitive() {
        assertEquals(
                "\"@query-param\";name=\"Pet\": dog\n\"@signature-params\": (\"@query-param\";name=\"Pet\")",
                base(REQUEST, "\"@query-param\";name=\"Pet\""));
        assertInvalid(() -> base(REQUEST, "\"@query-param\";name=\"pet\""));
    }

    @Test
    @DisplayName(
            "2.2: Derived component values MUST be limited to printable characters and spaces and MUST NOT start or end with whitespace")
    void derivedValuesMustBePrintableWithoutSurroundingWhitespace() {
        HttpRequestMessage trailing =
                HttpRequestMessage.of(
                        "GET", "https", "example.com", "/foo ", null, HttpFields.EMPTY);
        assertInvalid(() -> base(trailing, "\"@path\""));
        HttpRequestMessage nonAscii =
                HttpRequestMessage.of(
                        "GET", "https", "example.com", "/caf\u00e9", null, HttpFields.EMPTY);
        assertInvalid(() -> base(nonAscii, "\"@path\""));
    }

    @Test
    void builderMethodsProduceTheSameIdentifiersAsParsing() {
        assertEquals(
                ComponentIdentifier.parse("\"example-dict\";key=\"a\";req"),
                ComponentIdentifier.of("example-dict").withKey("a").withReq());
        assertEquals(ComponentIdentifier.parse("\"x\";bs"), ComponentIdentifier.of("x").withBs());
        assertEquals(
                ComponentIdentifier.parse("\"content-digest\";sf"),
                ComponentIdentifier.of("content-digest").withSf());
        ComponentIdentifier q = ComponentIdentifier.queryParam("a b");
        assertEquals("\"@query-param\";name=\"a%20b\"", q.serialize());
        assertTrue(q.isDerived());
        assertFalse(ComponentIdentifier.of("date").isDerived());
    }
}
