package dev.aauth.sigkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.aauth.sigkey.AcceptSignature.SigKey;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Signature-Key draft, "Accept-Signature sigkey Parameter". */
class AcceptSignatureTest {

    static final List<String> AAUTH_COMPONENTS =
            List.of("@method", "@authority", "@path", "signature-key");

    @Test
    @DisplayName(
            "Serialization: sig=(\"@method\" \"@authority\" \"@path\" \"signature-key\");sigkey=uri")
    void serialize() {
        assertEquals(
                "sig=(\"@method\" \"@authority\" \"@path\" \"signature-key\");sigkey=uri",
                new AcceptSignature("sig", AAUTH_COMPONENTS, SigKey.URI).headerValue());
        assertEquals(
                "sig1=(\"@method\" \"@path\" \"@authority\");sigkey=jkt",
                new AcceptSignature("sig1", List.of("@method", "@path", "@authority"), SigKey.JKT)
                        .headerValue());
    }

    @ParameterizedTest
    @EnumSource(SigKey.class)
    @DisplayName("Round trip for every sigkey value (\"Its value is a Token\")")
    void roundTrip(SigKey sigkey) {
        AcceptSignature a = new AcceptSignature("sig", AAUTH_COMPONENTS, sigkey);
        assertEquals(a, AcceptSignature.parse(a.headerValue()));
        assertEquals(sigkey, SigKey.fromToken(sigkey.token()));
    }

    @Test
    @DisplayName(
            "The draft's examples parse, with alg alongside sigkey (\"The algs and tag parameters remain applicable\")")
    void draftExamplesParse() {
        AcceptSignature jkt =
                AcceptSignature.parse("sig1=(\"@method\" \"@path\" \"@authority\");sigkey=jkt");
        assertEquals(
                new AcceptSignature("sig1", List.of("@method", "@path", "@authority"), SigKey.JKT),
                jkt);
        AcceptSignature uri =
                AcceptSignature.parse(
                        "sig1=(\"@method\" \"@authority\" \"@path\");\n    alg=\"ecdsa-p256-sha256\";sigkey=uri"
                                .replace("\n    ", ""));
        assertEquals(SigKey.URI, uri.sigkey());
        assertEquals("sig1", uri.label());
    }

    @Test
    @DisplayName(
            "Members without a known sigkey are skipped (\"If the sigkey parameter is unsupported, the client MAY ignore it\")")
    void membersWithoutKnownSigkey() {
        assertNull(AcceptSignature.parse("sig1=(\"@method\");alg=\"ed25519\""));
        assertNull(AcceptSignature.parse("sig1=(\"@method\");sigkey=dns"));
        assertNull(AcceptSignature.parse("sig1=(\"@method\");sigkey=\"uri\""));
        assertNull(AcceptSignature.parse(null));
        AcceptSignature second =
                AcceptSignature.parse("a=(\"@method\");sigkey=dns, b=(\"@path\");sigkey=x509");
        assertEquals(new AcceptSignature("b", List.of("@path"), SigKey.X509), second);
    }

    @ParameterizedTest
    @CsvSource({
        "jkt, hwk, true", "jkt, jkt-jwt, true", "jkt, jwks_uri, false", "jkt, jwt, false",
                "jkt, x509, false",
        "uri, hwk, false", "uri, jkt-jwt, false", "uri, jwks_uri, true", "uri, jwt, true",
                "uri, x509, true",
        "x509, hwk, false", "x509, jkt-jwt, false", "x509, jwks_uri, false", "x509, jwt, false",
                "x509, x509, true"
    })
    @DisplayName("The draft's table of \"Acceptable Signature-Key schemes\" per sigkey value")
    void acceptsSchemeTable(String sigkey, String scheme, boolean accepted) {
        assertEquals(accepted, SigKey.fromToken(sigkey).acceptsScheme(scheme));
        assertEquals(false, SigKey.fromToken(sigkey).acceptsScheme("unknown"));
    }

    @ParameterizedTest
    @CsvSource({"hwk, true", "jkt-jwt, true", "jwks_uri, false", "jwt, false", "x509, false"})
    @DisplayName("ResolvedKey.isPseudonymous agrees with sigkey=jkt")
    void pseudonymousAgreesWithJkt(String scheme, boolean pseudonymous) {
        assertEquals(pseudonymous, new ResolvedKey(scheme, null, null, null).isPseudonymous());
        assertEquals(pseudonymous, SigKey.JKT.acceptsScheme(scheme));
    }
}
