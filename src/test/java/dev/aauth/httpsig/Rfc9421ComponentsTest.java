package dev.aauth.httpsig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aauth.digest.ContentDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of RFC 9421 Sections 2 to 3, which are in the RFC's main text and not in the
 * Appendix B vector file; their messages and expected lines are quoted here, section by section.
 * Section 2.4 and 3.2 carry signatures, which are verified with the Appendix B.1 keys from the
 * file.
 */
class Rfc9421ComponentsTest {

    private static final StructuredFieldTypes EXAMPLE_TYPES =
            StructuredFieldTypes.DEFAULT.with("example-dict", StructuredFieldTypes.Type.DICTIONARY);

    /** The component lines of the base, without the final {@code @signature-params} line. */
    private static String lines(
            HttpMessage message, StructuredFieldTypes types, ComponentIdentifier... ids) {
        String base =
                SignatureBase.createString(
                        message, SignatureInput.of(List.of(ids), SignatureParameters.EMPTY), types);
        return base.substring(0, base.lastIndexOf("\"@signature-params\": "));
    }

    private static String lines(HttpMessage message, ComponentIdentifier... ids) {
        return lines(message, StructuredFieldTypes.DEFAULT, ids);
    }

    private static ComponentIdentifier id(String serialized) {
        return ComponentIdentifier.parse(serialized);
    }

    private static HttpRequestMessage request(String scheme, String target, HttpFields fields) {
        return HttpRequestMessage.of("POST", scheme + "://www.example.com" + target, fields);
    }

    // ------------------------------------------------------------------ 2.1

    @Test
    @DisplayName(
            "2.1: field values are trimmed, obs-fold replaced by a space, several lines combined with \", \"")
    void s_2_1_httpFields() {
        HttpFields fields =
                HttpFields.builder()
                        .add("Host", "www.example.com")
                        .add("Date", "Tue, 20 Apr 2021 02:07:56 GMT")
                        .add("X-OWS-Header", "   Leading and trailing whitespace.   ")
                        .add("X-Obs-Fold-Header", "Obsolete\r\n    line folding.")
                        .add("Cache-Control", "max-age=60")
                        .add("Cache-Control", "   must-revalidate")
                        .add("Example-Dict", " a=1,    b=2;x=1;y=2,   c=(a   b   c)")
                        .build();
        assertEquals(
                """
                "host": www.example.com
                "date": Tue, 20 Apr 2021 02:07:56 GMT
                "x-ows-header": Leading and trailing whitespace.
                "x-obs-fold-header": Obsolete line folding.
                "cache-control": max-age=60, must-revalidate
                "example-dict": a=1,    b=2;x=1;y=2,   c=(a   b   c)
                """,
                lines(
                        request("https", "/", fields),
                        id("\"host\""),
                        id("\"date\""),
                        id("\"x-ows-header\""),
                        id("\"x-obs-fold-header\""),
                        id("\"cache-control\""),
                        id("\"example-dict\"")));
    }

    @Test
    @DisplayName("2.1: an empty field is signed with an empty value after the colon and space")
    void s_2_1_emptyField() {
        HttpFields fields = HttpFields.of("X-Empty-Header", " ");
        assertEquals(
                "\"x-empty-header\": \n",
                lines(request("https", "/", fields), id("\"x-empty-header\"")));
    }

    @Test
    @DisplayName("2.1.1: with sf the Dictionary is re-serialized strictly")
    void s_2_1_1_strictSerializationOfStructuredFields() {
        HttpFields fields = HttpFields.of("Example-Dict", "  a=1,    b=2;x=1;y=2,   c=(a   b   c)");
        assertEquals(
                "\"example-dict\";sf: a=1, b=2;x=1;y=2, c=(a b c)\n",
                lines(request("https", "/", fields), EXAMPLE_TYPES, id("\"example-dict\";sf")));
    }

    @Test
    @DisplayName(
            "2.1.2: a Dictionary member is selected with key and serialized as an Item or Inner List")
    void s_2_1_2_dictionaryStructuredFieldMembers() {
        HttpFields fields = HttpFields.of("Example-Dict", "  a=1, b=2;x=1;y=2, c=(a   b    c), d");
        assertEquals(
                """
                "example-dict";key="a": 1
                "example-dict";key="d": ?1
                "example-dict";key="b": 2;x=1;y=2
                "example-dict";key="c": (a b c)
                """,
                lines(
                        request("https", "/", fields),
                        id("\"example-dict\";key=\"a\""),
                        id("\"example-dict\";key=\"d\""),
                        id("\"example-dict\";key=\"b\""),
                        id("\"example-dict\";key=\"c\"")));
    }

    @Test
    @DisplayName(
            "2.1.3: bs wraps each field line as a Byte Sequence, so split and joined values differ")
    void s_2_1_3_binaryWrappedHttpFields() {
        HttpRequestMessage two =
                request(
                        "https",
                        "/",
                        HttpFields.builder()
                                .add("Example-Header", "value, with, lots")
                                .add("Example-Header", "of, commas")
                                .build());
        HttpRequestMessage one =
                request(
                        "https",
                        "/",
                        HttpFields.of("Example-Header", "value, with, lots, of, commas"));
        ComponentIdentifier plain = id("\"example-header\"");
        ComponentIdentifier bs = id("\"example-header\";bs");
        assertEquals("\"example-header\": value, with, lots, of, commas\n", lines(two, plain));
        assertEquals("\"example-header\": value, with, lots, of, commas\n", lines(one, plain));
        assertEquals(
                "\"example-header\";bs: :dmFsdWUsIHdpdGgsIGxvdHM=:, :b2YsIGNvbW1hcw==:\n",
                lines(two, bs));
        assertEquals(
                "\"example-header\";bs: :dmFsdWUsIHdpdGgsIGxvdHMsIG9mLCBjb21tYXM=:\n",
                lines(one, bs));
    }

    // ------------------------------------------------------------------ 2.2

    @Test
    @DisplayName(
            "2.2.1 to 2.2.6: @method, @target-uri, @authority, @scheme, @request-target, @path")
    void s_2_2_derivedComponents() {
        HttpRequestMessage https =
                request("https", "/path?param=value", HttpFields.of("Host", "www.example.com"));
        assertEquals(
                """
                "@method": POST
                "@target-uri": https://www.example.com/path?param=value
                "@authority": www.example.com
                "@scheme": https
                "@request-target": /path?param=value
                "@path": /path
                """,
                lines(
                        https,
                        ComponentIdentifier.METHOD,
                        ComponentIdentifier.TARGET_URI,
                        ComponentIdentifier.AUTHORITY,
                        ComponentIdentifier.SCHEME,
                        ComponentIdentifier.REQUEST_TARGET,
                        ComponentIdentifier.PATH));
        HttpRequestMessage http = request("http", "/path?param=value", HttpFields.EMPTY);
        assertEquals("\"@scheme\": http\n", lines(http, ComponentIdentifier.SCHEME));
    }

    @Test
    @DisplayName("2.2.7: @query keeps percent-encoding; an absent query is the leading ? alone")
    void s_2_2_7_query() {
        assertEquals(
                "\"@query\": ?param=value&foo=bar&baz=bat%2Dman\n",
                lines(
                        request(
                                "https",
                                "/path?param=value&foo=bar&baz=bat%2Dman",
                                HttpFields.EMPTY),
                        ComponentIdentifier.QUERY));
        assertEquals(
                "\"@query\": ?queryString\n",
                lines(
                        request("https", "/path?queryString", HttpFields.EMPTY),
                        ComponentIdentifier.QUERY));
        assertEquals(
                "\"@query\": ?\n",
                lines(request("https", "/path", HttpFields.EMPTY), ComponentIdentifier.QUERY));
    }

    @Test
    @DisplayName("2.2.8: @query-param values, including an empty value")
    void s_2_2_8_queryParameters() {
        HttpRequestMessage r =
                request("https", "/path?param=value&foo=bar&baz=batman&qux=", HttpFields.EMPTY);
        assertEquals(
                """
                "@query-param";name="baz": batman
                "@query-param";name="qux":\s
                "@query-param";name="param": value
                """,
                lines(
                        r,
                        ComponentIdentifier.queryParam("baz"),
                        ComponentIdentifier.queryParam("qux"),
                        ComponentIdentifier.queryParam("param")));
    }

    @Test
    @DisplayName(
            "2.2.8: names and values are decoded, then re-encoded with percent-encode after encoding")
    void s_2_2_8_queryParametersAreReEncoded() {
        HttpRequestMessage r =
                HttpRequestMessage.of(
                        "GET",
                        "https://www.example.com/parameters?var=this%20is%20a%20big%0Avalue&bar=with+plus+whitespace"
                                + "&fa%C3%A7ade%22%3A%20=something",
                        HttpFields.EMPTY);
        assertEquals(
                """
                "@query-param";name="var": this%20is%20a%20big%0Avalue
                "@query-param";name="bar": with%20plus%20whitespace
                "@query-param";name="fa%C3%A7ade%22%3A%20": something
                """,
                lines(
                        r,
                        id("\"@query-param\";name=\"var\""),
                        id("\"@query-param\";name=\"bar\""),
                        id("\"@query-param\";name=\"fa%C3%A7ade%22%3A%20\"")));
        assertEquals(
                id("\"@query-param\";name=\"fa%C3%A7ade%22%3A%20\""),
                ComponentIdentifier.queryParam("fa\u00e7ade\": "));
    }

    @Test
    void s_2_2_9_status() {
        assertEquals(
                "\"@status\": 200\n",
                lines(
                        HttpResponseMessage.of(
                                200, HttpFields.of("Date", "Fri, 26 Mar 2010 00:05:00 GMT")),
                        ComponentIdentifier.STATUS));
    }

    // ------------------------------------------------------------------ 2.3

    @Test
    @DisplayName(
            "2.3: the signature parameters serialize as an Inner List, parameters in the chosen order")
    void s_2_3_signatureParameters() {
        SignatureInput input =
                SignatureInput.of(
                        List.of(
                                ComponentIdentifier.TARGET_URI,
                                ComponentIdentifier.AUTHORITY,
                                id("\"date\""),
                                id("\"cache-control\"")),
                        SignatureParameters.builder()
                                .keyid("test-key-rsa-pss")
                                .alg("rsa-pss-sha512")
                                .created(1618884475L)
                                .expires(1618884775L)
                                .build());
        assertEquals(
                "(\"@target-uri\" \"@authority\" \"date\" \"cache-control\");keyid=\"test-key-rsa-pss\""
                        + ";alg=\"rsa-pss-sha512\";created=1618884475;expires=1618884775",
                input.serialize());
        assertEquals(input, SignatureInput.parse(input.serialize()));
    }

    // ------------------------------------------------------------------ 2.4

    @Test
    @DisplayName(
            "2.4: a response signature covers request components with req; base and ECDSA signature")
    void s_2_4_requestResponseSignatureBinding() {
        Rfc9421Examples ex = Rfc9421Examples.load();
        HttpRequestMessage request = ex.message("Test Cases", 0).request("https");
        String body = "{\"busy\": true, \"message\": \"Your call is very important to us\"}";
        String digest =
                "sha-512=:0Y6iCBzGg5rZtoXS95Ijz03mslf6KAMCloESHObfwnHJDbkkWWQz6PhhU9kxsTbARtY2PTBOzq24uJFpHsMuAg==:";
        assertEquals(
                digest,
                ContentDigest.create(
                        body.getBytes(StandardCharsets.UTF_8), ContentDigest.Algorithm.SHA_512));
        HttpFields fields =
                HttpFields.builder()
                        .add("Date", "Tue, 20 Apr 2021 02:07:56 GMT")
                        .add("Content-Type", "application/json")
                        .add("Content-Length", "62")
                        .add("Content-Digest", digest)
                        .add(
                                "Signature-Input",
                                "reqres=(\"@status\" \"content-digest\" \"content-type\" \"@authority\";req"
                                        + " \"@method\";req \"@path\";req \"content-digest\";req);created=1618884479;keyid=\"test-key-ecc-p256\"")
                        .add(
                                "Signature",
                                "reqres=:dMT/A/76ehrdBTD/2Xx8QuKV6FoyzEP/I9hdzKN8LQJLNgzU4W767HK05rx1i8meNQQgQPgQp8wq2ive3tV5Ag==:")
                        .build();
        HttpResponseMessage response = HttpResponseMessage.of(503, fields, request);
        ReceivedSignature sig = SignatureSet.from(fields).get("reqres");
        assertEquals(
                """
                "@status": 503
                "content-digest": sha-512=:0Y6iCBzGg5rZtoXS95Ijz03mslf6KAMCloESHObfwnHJDbkkWWQz6PhhU9kxsTbARtY2PTBOzq24uJFpHsMuAg==:
                "content-type": application/json
                "@authority";req: example.com
                "@method";req: POST
                "@path";req: /foo
                "content-digest";req: sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:
                "@signature-params": ("@status" "content-digest" "content-type" "@authority";req "@method";req \
                "@path";req "content-digest";req);created=1618884479;keyid="test-key-ecc-p256\"""",
                SignatureBase.createString(response, sig.input()));
        HttpMessageVerifier.verify(
                response,
                "reqres",
                TestCrypto.ecdsaP256Verifier(ex.jwk("Example ECC P-256 Test Key")));
    }

    // ------------------------------------------------------------------ 3.2

    @Test
    @DisplayName("3.1 and 3.2: the sig1 example over test-request verifies with test-key-rsa-pss")
    void s_3_2_verifyingASignature() {
        Rfc9421Examples ex = Rfc9421Examples.load();
        HttpRequestMessage request = ex.message("Test Cases", 0).request("https");
        HttpFields fields =
                Rfc9421Examples.plus(
                        (HttpFields) request.fields(),
                        HttpFields.builder()
                                .add(
                                        "Signature-Input",
                                        "sig1=(\"@method\" \"@authority\" \"@path\" \"content-digest\" \"content-length\""
                                                + " \"content-type\");created=1618884473;keyid=\"test-key-rsa-pss\"")
                                .add(
                                        "Signature",
                                        "sig1=:HIbjHC5rS0BYaa9v4QfD4193TORw7u9edguPh0AW3dMq9WImrlFrCGUDih47vAxi4L2YRZ3XMJc1uOKk"
                                                + "/J0ZmZ+wcta4nKIgBkKq0rM9hs3CQyxXGxHLMCy8uqK488o+9jrptQ+xFPHK7a9sRL1IXNaagCNN3ZxJsYapFj+JXbmaI5rt"
                                                + "AdSfSvzPuBCh+ARHBmWuNo1UzVVdHXrl8ePL4cccqlazIJdC4QEjrF+Sn4IxBQzTZsL9y9TP5FsZYzHvDqbInkTNigBcE9cK"
                                                + "OYNFCn4D/WM7F6TNuZO9EgtzepLWcjTymlHzK7aXq6Am6sfOrpIC49yXjj3ae6HRalVc/g==:")
                                .build());
        HttpMessageVerifier.verify(
                request.withFields(fields),
                "sig1",
                TestCrypto.rsaPssSha512Verifier(ex.jwk("Example RSA PSS Key")));
    }
}
