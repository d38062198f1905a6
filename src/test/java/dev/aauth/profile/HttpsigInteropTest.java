package dev.aauth.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.digest.ContentDigest;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.ServerKeySet;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.JktJwtVerifier;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.token.Dwk;
import dev.aauth.token.LocalKeyResolver;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Draft -11 HTTP message signatures against the other implementation: {@code @hellocoop/httpsig}
 * 2.x on Node (Signature-Key -08), pinned by {@code src/test/node/package-lock.json} and installed
 * by {@code bin/test} ({@code npm ci}). Node runs as a subprocess speaking JSON on stdin/stdout
 * ({@code src/test/node/interop.cjs}); no port, no network. Real clocks on both sides (httpsig
 * checks {@code created} and the JWT {@code exp} against its own).
 *
 * <p>Without {@code node_modules} the tests are skipped, except under CI ({@code CI} set), where
 * they fail: CI runs {@code bin/test}, which installs them.
 */
class HttpsigInteropTest {

    static final Path NODE_DIR = Path.of("src/test/node");
    static final String AP = "https://agent.example";
    static final String RESOURCE = "https://resource.example";
    static final String PS = "https://ps.example";
    static final String AGENT = "aauth:assistant@agent.example";

    static final Clock CLOCK = Clock.systemUTC();
    static final ServerKeySet AP_KEYS =
            new ServerKeySet(SigningKey.generate(SignatureAlgorithm.ED25519, "ap-1"));
    static final TokenIssuer AP_ISSUER = new TokenIssuer(AP, AP_KEYS, CLOCK, AAuthProfile.DRAFT_11);

    @BeforeAll
    static void nodeInstalled() {
        boolean installed = Files.isDirectory(NODE_DIR.resolve("node_modules/@hellocoop/httpsig"));
        if (!installed && System.getenv("CI") != null) {
            throw new AssertionError(
                    "src/test/node/node_modules missing: bin/test runs npm ci --prefix src/test/node");
        }
        Assumptions.assumeTrue(installed, "run: npm ci --prefix src/test/node");
    }

    // ------------------------------------------------------------ the Node side

    static Map<String, Object> node(String command, Map<String, ?> request) {
        try {
            Process p =
                    new ProcessBuilder("node", "interop.cjs", command)
                            .directory(NODE_DIR.toFile())
                            .start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(JsonUtil.toJson(request).getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = readAll(p.getInputStream());
            byte[] err = readAll(p.getErrorStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("node did not finish in 60 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("node failed: " + new String(err, StandardCharsets.UTF_8));
            }
            return JsonUtil.parseJson(new String(out, StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException | org.jose4j.lang.JoseException e) {
            throw new AssertionError("running node: " + e, e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toByteArray();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> nodeKey(String alg) {
        return (Map<String, Object>) node("keygen", Map.of("alg", alg)).get("privateJwk");
    }

    /** The public part of a private JWK from Node (kty, crv, x, y, alg). */
    static Jwk publicOf(Map<String, Object> privateJwk) {
        Map<String, Object> pub = new LinkedHashMap<>();
        for (String m : List.of("kty", "crv", "x", "y", "alg")) {
            if (privateJwk.get(m) != null) {
                pub.put(m, privateJwk.get(m));
            }
        }
        return Jwk.parse(pub);
    }

    // ------------------------------------------------------------ our side

    static AAuthRequestVerifier verifier11(Set<String> schemes, List<String> extra) {
        TokenVerifier tokens =
                new TokenVerifier(
                        LocalKeyResolver.builder()
                                .add(AP, Dwk.AGENT, AP_KEYS)
                                .profile(AAuthProfile.DRAFT_11)
                                .build(),
                        CLOCK,
                        SecurityMode.STRICT,
                        VerifiedTokenCache.disabled(CLOCK),
                        TokenVerifier.DEFAULT_IAT_LEEWAY,
                        AAuthProfile.DRAFT_11);
        SignatureKeyResolver keys =
                new SignatureKeyResolver(
                        tokens,
                        (iss, dwk, kid) -> null,
                        new JktJwtVerifier(CLOCK),
                        SecurityMode.STRICT);
        return new AAuthRequestVerifier(
                VerificationPolicy.forDraft11Resource(RESOURCE)
                        .withSchemes(schemes)
                        .withExtraComponents(extra),
                keys,
                CLOCK);
    }

    static String agentToken(Jwk agentKey) {
        return AP_ISSUER
                .agentToken(AGENT, agentKey, PS, Duration.ofMinutes(10), Map.of())
                .compact();
    }

    @SuppressWarnings("unchecked")
    static HttpRequestMessage received(String method, String url, Map<String, Object> answer) {
        Map<String, Object> headers = (Map<String, Object>) answer.get("headers");
        return HttpRequestMessage.of(
                method,
                url,
                name -> headers.get(name) == null ? null : List.of((String) headers.get(name)));
    }

    // ------------------------------------------------------------ Node signs, we verify

    @Test
    @DisplayName(
            "A Node-signed -11 GET (Ed25519, Signature-Key jwt with our -11 agent token) verifies at our -11 verifier")
    void nodeSignedGetVerifies() {
        Map<String, Object> priv = nodeKey("Ed25519");
        Jwk pub = publicOf(priv);
        String url = RESOURCE + "/api/inventory?sku=42";
        Map<String, Object> signed =
                node(
                        "sign",
                        Map.of(
                                "url",
                                url,
                                "method",
                                "GET",
                                "privateJwk",
                                priv,
                                "signatureKey",
                                Map.of("type", "jwt", "jwt", agentToken(pub))));
        VerifiedRequest r =
                verifier11(Set.of("jwt"), List.of()).verify(received("GET", url, signed));
        assertEquals(AGENT, r.identity());
        assertEquals(AAuthProfile.DRAFT_11, r.profile());
        assertEquals(pub.thumbprint(), r.key().thumbprint());
        assertFalse(
                ((String) ((Map<?, ?>) signed.get("headers")).get("signature-input"))
                        .contains("alg="),
                "-11: Agents MUST NOT include the alg signature parameter");
    }

    @Test
    @DisplayName(
            "A Node-signed -11 POST with a body (ES256; content-type and content-digest covered) verifies, digest included")
    void nodeSignedPostVerifies() {
        Map<String, Object> priv = nodeKey("ES256");
        Jwk pub = publicOf(priv);
        String url = RESOURCE + "/api/orders";
        String body = "{\"sku\":\"42\",\"qty\":3}";
        Map<String, Object> signed =
                node(
                        "sign",
                        Map.of(
                                "url",
                                url,
                                "method",
                                "POST",
                                "privateJwk",
                                priv,
                                "body",
                                body,
                                "headers",
                                Map.of("content-type", "application/json"),
                                "signatureKey",
                                Map.of("type", "jwt", "jwt", agentToken(pub))));
        HttpRequestMessage m = received("POST", url, signed);
        VerifiedRequest r =
                verifier11(Set.of("jwt"), List.of("content-type", "content-digest")).verify(m);
        assertEquals(SignatureAlgorithm.ECDSA_P256_SHA256, r.algorithm());
        ContentDigest.verify(
                body.getBytes(StandardCharsets.UTF_8), m.fields().lines("content-digest"));
    }

    @Test
    @DisplayName(
            "A Node-signed hwk (with alg, Signature-Key -08) verifies under -11 and is refused under -01's hwk rule")
    void nodeHwkVerifiesUnderDraft11Only() {
        Map<String, Object> priv = nodeKey("Ed25519");
        String url = RESOURCE + "/api/inventory";
        Map<String, Object> signed =
                node(
                        "sign",
                        Map.of(
                                "url",
                                url,
                                "method",
                                "GET",
                                "privateJwk",
                                priv,
                                "signatureKey",
                                Map.of("type", "hwk")));
        HttpRequestMessage m = received("GET", url, signed);
        VerifiedRequest r = verifier11(Set.of("jwt", "hwk"), List.of()).verify(m);
        assertEquals("hwk", r.signer().scheme());
        assertEquals(publicOf(priv).thumbprintUri(), r.identity());
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                dev.aauth.sigkey.SignatureKeyHeader.parse(
                                                (String)
                                                        ((Map<?, ?>) signed.get("headers"))
                                                                .get("signature-key"))
                                        .keyFor("sig"));
        assertEquals(AAuthError.INVALID_KEY, e.error());
        // -11 profile: "Agents MUST use scheme=jwt": hwk is unsupported_scheme where only jwt is
        // accepted
        AAuthException e11 =
                assertThrows(
                        AAuthException.class, () -> verifier11(Set.of("jwt"), List.of()).verify(m));
        assertEquals(AAuthError.UNSUPPORTED_SCHEME, e11.error());
    }

    @Test
    @DisplayName(
            "A Node-signed request whose path was changed in transit is invalid_signature here")
    void tamperedNodeRequestFails() {
        Map<String, Object> priv = nodeKey("Ed25519");
        Map<String, Object> signed =
                node(
                        "sign",
                        Map.of(
                                "url",
                                RESOURCE + "/api/inventory",
                                "method",
                                "GET",
                                "privateJwk",
                                priv,
                                "signatureKey",
                                Map.of("type", "jwt", "jwt", agentToken(publicOf(priv)))));
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                verifier11(Set.of("jwt"), List.of())
                                        .verify(received("GET", RESOURCE + "/api/orders", signed)));
        assertEquals(AAuthError.INVALID_SIGNATURE, e.error());
    }

    // ------------------------------------------------------------ we sign, Node verifies

    private static Map<String, Object> nodeVerify(
            String method, String path, SignedHeaders h, Map<String, String> extra, String body) {
        Map<String, Object> headers = new LinkedHashMap<>(extra);
        headers.put("signature-key", h.signatureKey());
        headers.put("signature-input", h.signatureInput());
        headers.put("signature", h.signature());
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("method", method);
        req.put("authority", "resource.example");
        req.put("path", path);
        req.put("headers", headers);
        if (body != null) {
            req.put("body", body);
            req.put("requireContentDigest", true);
        }
        return node("verify", req);
    }

    @Test
    @DisplayName(
            "Our -11 signed GET (Signature-Key jwt, -11 agent token) is verified by httpsig 2.x")
    void ourSignedGetVerifiesAtNode() {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        Jwk pub = AAuthProfile.DRAFT_11.published(key.publicJwk());
        SignedHeaders h =
                new AAuthRequestSigner(key, CLOCK)
                        .sign(
                                "GET",
                                RESOURCE + "/api/inventory",
                                name -> null,
                                new SignatureKey.Jwt(agentToken(pub)),
                                List.of());
        Map<String, Object> r = nodeVerify("GET", "/api/inventory", h, Map.of(), null);
        assertEquals(Boolean.TRUE, r.get("verified"), () -> "node: " + r);
        assertEquals("jwt", r.get("keyType"));
        assertEquals(pub.thumbprint(), r.get("thumbprint"));
    }

    @Test
    @DisplayName(
            "Our -11 signed POST (ES256, content-type and content-digest covered) is verified by httpsig 2.x with requireContentDigest")
    void ourSignedPostVerifiesAtNode() {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256, null);
        String body = "{\"resource_token\":\"x\"}";
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("content-type", "application/json");
        fields.put("content-digest", ContentDigest.create(body.getBytes(StandardCharsets.UTF_8)));
        SignedHeaders h =
                new AAuthRequestSigner(key, CLOCK)
                        .sign(
                                "POST",
                                RESOURCE + "/aauth/token",
                                name -> fields.get(name) == null ? null : List.of(fields.get(name)),
                                new SignatureKey.Jwt(agentToken(key.publicJwk())),
                                List.of("content-type", "content-digest"));
        Map<String, Object> r = nodeVerify("POST", "/aauth/token", h, fields, body);
        assertEquals(Boolean.TRUE, r.get("verified"), () -> "node: " + r);
    }

    @Test
    @DisplayName(
            "Our -11 hwk (alg first, no kid) is verified by httpsig 2.x; our -01 hwk (no alg) is refused there with invalid_key")
    void ourHwkAtNode() {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        AAuthRequestSigner signer = new AAuthRequestSigner(key, CLOCK);
        SignedHeaders h11 =
                signer.sign(
                        "GET",
                        RESOURCE + "/api/inventory",
                        name -> null,
                        new SignatureKey.Hwk(key.publicJwk(), "Ed25519"),
                        List.of());
        assertTrue(
                h11.signatureKey().startsWith("sig=hwk;alg=\"Ed25519\";kty=\"OKP\""),
                h11.signatureKey());
        Map<String, Object> r = nodeVerify("GET", "/api/inventory", h11, Map.of(), null);
        assertEquals(Boolean.TRUE, r.get("verified"), () -> "node: " + r);

        SignedHeaders h01 =
                signer.sign(
                        "GET",
                        RESOURCE + "/api/inventory",
                        name -> null,
                        new SignatureKey.Hwk(key.publicJwk()),
                        List.of());
        Map<String, Object> r01 = nodeVerify("GET", "/api/inventory", h01, Map.of(), null);
        assertEquals(Boolean.FALSE, r01.get("verified"));
        assertEquals("invalid_key", ((Map<?, ?>) r01.get("signatureError")).get("error"));
    }

    @Test
    @DisplayName("The interop partner is @hellocoop/httpsig 2.2.0 (package-lock.json)")
    void version() {
        assertEquals("2.2.0", node("version", Map.of()).get("version"));
    }
}
