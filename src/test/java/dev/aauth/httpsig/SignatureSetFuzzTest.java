package dev.aauth.httpsig;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import dev.aauth.testing.FuzzWorld;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: {@code Signature-Input} and {@code Signature} (RFC 9421 Sections 4.1, 4.2) and what
 * a received signature drives: the covered components and their parameters, the signature base of
 * a request and of a response with its related request, and the verification.
 *
 * <p>Input: line 1 is the {@code Signature-Input} value, line 2 the {@code Signature} value, every
 * further line a header field {@code name: value} of the message (so {@code sf}, {@code key},
 * {@code bs} and {@code req} have fields to work on). The request is {@code POST
 * https://example.com/foo?param=Value&Pet=dog&Pet=cat&x%20y=%2F} (a repeated name for {@code
 * @query-param}). Seeded with the messages of RFC 9421 Appendix B and the AAuth profile's own
 * signatures.
 */
public final class SignatureSetFuzzTest {

    static final int MAX_LENGTH = 32 * 1024;

    public static final FuzzTarget TARGET =
            new FuzzTarget(
                    "Signature-Input / Signature",
                    SignatureSetFuzzTest.class,
                    "signatures",
                    SignatureSetFuzzTest::fuzz,
                    SignatureSetFuzzTest::seeds);

    private static final MessageVerifier ED25519 =
            new MessageVerifier() {
                @Override
                public boolean verify(byte[] base, byte[] signature) {
                    return FuzzWorld.AGENT_KEY
                            .publicJwk()
                            .verificationKey()
                            .verify(base, signature);
                }

                @Override
                public String algorithm() {
                    return SignatureAlgorithm.ED25519.httpName();
                }
            };

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void signatures(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] input = Fuzz.expand(data, MAX_LENGTH);
        List<String> lines = Fuzz.lines(Fuzz.latin1(input));
        HttpFields.Builder b = HttpFields.builder();
        b.add("signature-input", lines.get(0));
        b.add("signature", lines.size() > 1 ? lines.get(1) : "");
        for (int i = 2; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon <= 0 || !Fuzz.isToken(line.substring(0, colon))) {
                continue; // not a field line a server would have accepted
            }
            b.add(line.substring(0, colon), line.substring(colon + 1));
        }
        HttpFields fields = b.build();
        HttpRequestMessage request =
                HttpRequestMessage.of(
                        "POST",
                        "https",
                        "example.com",
                        "/foo",
                        "param=Value&Pet=dog&Pet=cat&x%20y=%2F",
                        fields);
        HttpResponseMessage response = HttpResponseMessage.of(200, fields, request);
        Fuzz.check(
                input,
                () -> {
                    SignatureSet set = SignatureSet.from(fields);
                    for (String label : set.labels()) {
                        Fuzz.check(input, () -> signature(set, label, request, response));
                    }
                });
        Fuzz.check(input, () -> SignatureInput.parse(lines.get(0)));
        Fuzz.check(input, () -> ComponentIdentifier.parse(lines.get(0)));
    }

    private static void signature(
            SignatureSet set,
            String label,
            HttpRequestMessage request,
            HttpResponseMessage response) {
        ReceivedSignature signature = set.get(label);
        Fuzz.check(new byte[0], () -> SignatureBase.create(response, signature.input()));
        SignatureBase.create(request, signature.input());
        HttpMessageVerifier.verify(request, signature, ED25519);
    }

    /** The signed messages of RFC 9421 Appendix B, then signatures as AAuth agents make them. */
    static Stream<byte[]> seeds() {
        List<byte[]> seeds = new ArrayList<>();
        for (Rfc9421Examples.Block block : Rfc9421Examples.load().allBlocks()) {
            if (!block.info().startsWith("http-message")) {
                continue;
            }
            HttpFields fields = Rfc9421Examples.message(block.text()).fields();
            if (fields.lines("signature-input").isEmpty()) {
                continue;
            }
            seeds.add(Fuzz.bytes(seed(fields)));
        }
        FuzzWorld world = new FuzzWorld();
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("content-digest", "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:");
        extra.put("example-dict", "a=1, b=2;x=1;y=2, c=(a b c)");
        HttpFields.Builder fields = HttpFields.builder();
        var signed =
                world.sign(
                        FuzzWorld.AGENT_KEY,
                        "POST",
                        "https://example.com/foo?param=Value&Pet=dog",
                        extra,
                        new SignatureKey.Hwk(FuzzWorld.AGENT_KEY.publicJwk()),
                        List.of("content-digest"));
        fields.add("signature-input", signed.signatureInput());
        fields.add("signature", signed.signature());
        fields.add("signature-key", signed.signatureKey());
        extra.forEach(fields::add);
        seeds.add(Fuzz.bytes(seed(fields.build())));
        seeds.add(
                Fuzz.bytes(
                        "sig=(\"example-dict\";key=\"b\" \"example-dict\";sf \"x\";bs"
                                + " \"@query-param\";name=\"Pet\" \"@query-param\";name=\"x%20y\""
                                + " \"@status\" \"@method\";req \"x\";req \"@target-uri\""
                                + " \"@request-target\" \"@scheme\" \"@query\");created=1;"
                                + "expires=2;nonce=\"n\";alg=\"ed25519\";keyid=\"k\";tag=\"t\"\n"
                                + "sig=:AAAA:\nexample-dict: a=1, b=2;x=1;y=2, c=(a b c)\n"
                                + "x: one\nx: two\r\n  folded"));
        seeds.add(Fuzz.amplified("sig=(", "\"a\" ", 6, ")"));
        seeds.add(Fuzz.amplified("sig=(\"x\";bs);created=1\nsig=:AAAA:\n", "x: a\n", 10, ""));
        return seeds.stream();
    }

    private static String seed(HttpFields fields) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(", ", fields.lines("signature-input"))).append('\n');
        sb.append(String.join(", ", fields.lines("signature")));
        for (String name : fields.names()) {
            if (name.equals("signature-input") || name.equals("signature")) {
                continue;
            }
            for (String line : fields.lines(name)) {
                sb.append('\n').append(name.toLowerCase(Locale.ROOT)).append(':').append(line);
            }
        }
        return sb.toString();
    }
}
