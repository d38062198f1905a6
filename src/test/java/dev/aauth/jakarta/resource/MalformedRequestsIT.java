package dev.aauth.jakarta.resource;

import static dev.aauth.jakarta.it.Origins.MARKET;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aauth.sigkey.SignatureError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, "oversized or malformed headers answered 400/431 over HTTP, never 500", against the
 * aauth-it server over a plain socket ({@link RawHttp}: the bytes go on the wire as written, NUL
 * and CR included). Every endpoint kind is asked: the Person Server's token endpoint, the Agent
 * Provider's agent-token endpoint, resource endpoints protected by annotation and by configuration,
 * a resource's authorization and revocation endpoints, and a public metadata document.
 *
 * <ul>
 *   <li>What the container refuses before the application sees it (a field over its 32 KiB limit,
 *       such as a 64 KiB {@code Signature-Input}; more than 500 fields; NUL in a field name; a bare
 *       CR): {@code 400} or {@code 431} everywhere.
 *   <li>What reaches the application malformed ({@code Signature-Key} that is no structured field,
 *       NUL in a field value, a {@code Signature-Input} under the container's limit but over the
 *       verifier's, unparsable {@code Content-Type}/{@code Accept}, a broken chunked body): a
 *       {@code 4xx}, never a {@code 5xx}. Signature headers that do not parse are signature errors
 *       at endpoints that verify ("Any failure MUST result in a 401 response with the appropriate
 *       Signature-Error header"); a body the container cannot de-chunk is {@code 400
 *       invalid_request} (was {@code 500} at every endpoint taking a {@code byte[]} body).
 * </ul>
 */
class MalformedRequestsIT {

    record Endpoint(String origin, String method, String path) {
        @Override
        public String toString() {
            return method + " " + origin + path;
        }
    }

    static final List<Endpoint> ENDPOINTS =
            List.of(
                    new Endpoint(PERSON, "POST", "/aauth/token"),
                    new Endpoint(PERSON, "POST", "/aauth/agent-token"),
                    new Endpoint(PERSON, "GET", "/.well-known/aauth-person.json"),
                    new Endpoint(SUPPLY, "GET", "/api/inventory"),
                    new Endpoint(SUPPLY, "POST", "/api/optimize"),
                    new Endpoint(SUPPLY, "POST", "/aauth/authorize"),
                    new Endpoint(MARKET, "GET", "/api/market/status"),
                    new Endpoint(MARKET, "POST", "/aauth/revoke"));

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String repeat(String s, int totalLength) {
        StringBuilder b = new StringBuilder(totalLength + s.length());
        while (b.length() < totalLength) {
            b.append(s);
        }
        return b.substring(0, totalLength);
    }

    static final String SIGNED =
            "Signature-Input: sig=(\"@method\" \"@authority\" \"@path\" \"signature-key\");created=1\r\n"
                    + "Signature: sig=:AAAA:\r\n";

    /** Oversized: refused by the container before the application. */
    static Map<String, byte[]> oversized() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(
                "64 KiB Signature-Input",
                bytes(
                        "Signature-Input: sig=("
                                + repeat("\"x-h\" ", 65536)
                                + ");created=1\r\nSignature: sig=:AAAA:\r\n"
                                + "Signature-Key: sig=jwt;jwt=\"a.b.c\"\r\n"));
        m.put(
                "64 KiB Signature-Key",
                bytes(SIGNED + "Signature-Key: sig=jwt;jwt=\"" + repeat("a", 65536) + "\"\r\n"));
        m.put("128 KiB field", bytes("X-Big: " + repeat("a", 131072) + "\r\n"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            many.append("X-F").append(i).append(": v\r\n");
        }
        m.put("600 fields", bytes(many.toString()));
        m.put("NUL in a field name", bytes("X-A\u0000b: 1\r\n"));
        m.put("bare CR in a field value", bytes("X-A: a\rb\r\n"));
        return m;
    }

    /** Malformed: reaches the application, or not; a 4xx either way. */
    static Map<String, byte[]> malformed() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(
                "30 KiB Signature-Input (under the container's limit)",
                bytes(
                        "Signature-Input: sig=("
                                + repeat("\"x-h\" ", 30000)
                                + ");created=1\r\nSignature: sig=:AAAA:\r\n"
                                + "Signature-Key: sig=jwt;jwt=\"a.b.c\"\r\n"));
        m.put(
                "Signature-Key not a structured field",
                bytes(SIGNED + "Signature-Key: sig=jwt;jwt=((((\r\n"));
        m.put(
                "Signature-Key with NUL",
                bytes(SIGNED + "Signature-Key: sig=jwt;jwt=\"a\u0000b\"\r\n"));
        m.put(
                "Signature-Key with Latin-1",
                bytes(SIGNED + "Signature-Key: sig=jwt;jwt=\"\u00e9\"\r\n"));
        m.put(
                "Signature-Input garbage",
                bytes("Signature-Input: ((((\r\nSignature: ::\r\nSignature-Key: x\r\n"));
        m.put(
                "Signature with NUL",
                bytes(
                        "Signature-Input: sig=();created=1\r\nSignature: sig=:\u0000:\r\nSignature-Key: sig=hwk\r\n"));
        m.put("Content-Type unparsable", bytes("Content-Type: ///\r\n"));
        m.put("Accept unparsable", bytes("Accept: ;;;;\r\n"));
        m.put("Accept q not a number", bytes("Accept: application/json;q=abc\r\n"));
        m.put("Accept-Language q not a number", bytes("Accept-Language: ;;;q=x\r\n"));
        m.put("Content-Digest garbage", bytes("Content-Digest: sha-256=:((((:\r\n"));
        m.put("Prefer garbage", bytes("Prefer: wait=;;;\r\n"));
        m.put("AAuth-Mission garbage", bytes("AAuth-Mission: (((\r\n"));
        return m;
    }

    static String describe(RawHttp.Answer a) {
        return a.toString().replace("\n", " ");
    }

    @Test
    @DisplayName(
            "oversized or malformed at the container (64 KiB Signature-Input, 64 KiB Signature-Key, 128 KiB field, 600 fields, NUL in a name, bare CR): 400 or 431 at every endpoint")
    void oversizedHeadersAre400Or431() {
        List<String> bad = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            for (Map.Entry<String, byte[]> c : oversized().entrySet()) {
                RawHttp.Answer a =
                        RawHttp.send(e.origin(), e.method(), e.path(), c.getValue(), new byte[0]);
                if (a.status() != 400 && a.status() != 431) {
                    bad.add(e + " " + c.getKey() + ": " + describe(a));
                }
            }
        }
        if (!bad.isEmpty()) {
            fail(String.join("\n", bad));
        }
    }

    @Test
    @DisplayName(
            "malformed Signature-Key, Signature-Input, Signature, NUL in a value, unparsable Content-Type/Accept/Prefer/AAuth-Mission: a 4xx at every endpoint, never a 5xx")
    void malformedHeadersAre4xxNever5xx() {
        List<String> bad = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            for (Map.Entry<String, byte[]> c : malformed().entrySet()) {
                byte[] body = e.method().equals("POST") ? bytes("{}") : new byte[0];
                byte[] fields = c.getValue();
                if (e.method().equals("POST")) {
                    ByteArrayOutputStream f = new ByteArrayOutputStream();
                    f.writeBytes(fields);
                    f.writeBytes(bytes("Content-Length: 2\r\n"));
                    if (!c.getKey().startsWith("Content-Type")) {
                        f.writeBytes(bytes("Content-Type: application/json\r\n"));
                    }
                    fields = f.toByteArray();
                }
                RawHttp.Answer a = RawHttp.send(e.origin(), e.method(), e.path(), fields, body);
                boolean publicDocument = e.path().startsWith("/.well-known/");
                boolean ok =
                        (a.status() >= 400 && a.status() < 500)
                                || (publicDocument && a.status() == 200);
                if (!ok) {
                    bad.add(e + " " + c.getKey() + ": " + describe(a));
                }
            }
        }
        if (!bad.isEmpty()) {
            fail(String.join("\n", bad));
        }
    }

    @Test
    @DisplayName(
            "a Signature-Key that does not parse at a protected resource: 401 with Signature-Error invalid_key")
    void malformedSignatureKeyIsASignatureError() {
        for (String key : List.of("sig=jwt;jwt=((((", "sig=jwt;jwt=\"a\u0000b\"")) {
            RawHttp.Answer a =
                    RawHttp.send(
                            SUPPLY,
                            "GET",
                            "/api/inventory",
                            bytes(SIGNED + "Signature-Key: " + key + "\r\n"),
                            new byte[0]);
            assertEquals(401, a.status(), describe(a));
            assertEquals("invalid_key", SignatureError.parse(a.field(SignatureError.NAME)).error());
        }
    }

    @Test
    @DisplayName(
            "a chunked body that cannot be de-chunked: 400 invalid_request at every endpoint that reads a body (was 500)")
    void brokenChunkedBodyIs400() throws Exception {
        Set<Integer> seen = new java.util.TreeSet<>();
        for (Endpoint e : ENDPOINTS) {
            if (!e.method().equals("POST")) {
                continue;
            }
            RawHttp.Answer a =
                    RawHttp.send(
                            e.origin(),
                            "POST",
                            e.path(),
                            bytes(
                                    "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"),
                            bytes("zz\r\n{}\r\n0\r\n\r\n"));
            seen.add(a.status());
            assertTrue(a.status() < 500, e + ": " + describe(a));
            if (a.status() == 400 && a.body().length > 0) {
                assertEquals(
                        "invalid_request",
                        JsonUtil.parseJson(a.text()).get("error"),
                        e + ": " + describe(a));
            }
        }
        assertTrue(seen.contains(400), seen.toString());
    }
}
