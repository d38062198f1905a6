package dev.aauth.jakarta.resource;

import static dev.aauth.jakarta.it.Origins.MARKET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aauth.header.AAuthRequirement;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.StandInIssuers.Agent;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.profile.SignedHeaders;
import dev.aauth.sigkey.SignatureError;
import dev.aauth.sigkey.SignatureKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12, "Protection decided on what actually runs", over real HTTP against the aauth-it server:
 * a corpus of request-target variants of protected paths, sent byte for byte over a socket ({@link
 * RawHttp}), must never reach a method with less protection than the canonical path has.
 *
 * <p>The market-analysis origin's endpoints (demo server.xml) cover the four ways protection is
 * declared: an exact rule ({@code GET /api/market/status=identity}, no annotation), a prefix rule
 * ({@code * /api/market/reports/*=auth-token:...}, no annotation), an annotation ({@code
 * /api/market/laptops}, auth token) and a rule tightening an annotation ({@code
 * /api/market/segments}: annotated identity, the rule asks for an auth token). Each is asked
 * unsigned and signed by an agent (agent token): the canonical path's answer is the oracle, and
 * every variant must answer the same (same status, same {@code Signature-Error} code, same {@code
 * AAuth-Requirement}, same 403 reason), or {@code 400}, or {@code 404}; never a {@code 2xx} the
 * canonical path does not give, never a {@code 5xx}.
 */
class PathVariantsIT {

    static final StandInIssuers ISSUERS = StandInIssuers.get();

    final Agent agent = ISSUERS.agent("path-variants");

    /** The protected endpoints, by canonical path. */
    static final Map<String, String> ENDPOINTS = new LinkedHashMap<>();

    static {
        ENDPOINTS.put("/api/market/status", "exact rule GET /api/market/status=identity");
        ENDPOINTS.put("/api/market/reports/q3", "prefix rule * /api/market/reports/*");
        ENDPOINTS.put("/api/market/laptops", "@AAuthProtected(scopes = market-analysis:read)");
        ENDPOINTS.put(
                "/api/market/segments",
                "@AAuthProtected(level = IDENTITY) tightened by GET /api/market/segments=auth-token");
    }

    // ---------------------------------------------------------------- the corpus

    /**
     * Variants of a canonical path: trailing slash and {@code ;}, matrix parameters and {@code
     * ;jsessionid=} on each segment, {@code //}, {@code /./}, {@code /x/../}, their encodings
     * ({@code %2e}, {@code %2e%2e}), encoded and overlong slashes and dots ({@code %2F}, {@code
     * %5C}, {@code %c0%af}, {@code %e0%80%af}, {@code %c0%ae}), a raw backslash, case changes,
     * percent-encoded and double-encoded letters, encoded {@code ;}, NUL and space, a query.
     */
    static List<String> variants(String canonical) {
        String[] seg = canonical.substring(1).split("/");
        LinkedHashSet<String> v = new LinkedHashSet<>();
        v.add(canonical + "/");
        v.add(canonical + "//");
        v.add(canonical + ";");
        v.add(canonical + "/;");
        v.add(canonical + "/.");
        v.add(canonical + "/..");
        v.add(canonical + "/%2e");
        v.add(canonical + "?x=1");
        v.add("/." + canonical);
        v.add("/" + canonical);
        v.add("/zz/.." + canonical);
        v.add("/zz/%2e%2e" + canonical);
        v.add("/.." + canonical);
        v.add("/%2e%2e" + canonical);
        // every segment with parameters, then each segment alone
        StringBuilder all = new StringBuilder();
        for (String s : seg) {
            all.append('/').append(s).append(";x=1");
        }
        v.add(all.toString());
        for (int i = 0; i < seg.length; i++) {
            v.add(withSegment(seg, i, seg[i] + ";x=1"));
            v.add(withSegment(seg, i, seg[i] + ";jsessionid=0123456789ABCDEF"));
            v.add(withSegment(seg, i, seg[i] + ";"));
            v.add(withSegment(seg, i, seg[i] + ";a=b;c=d/"));
            v.add(withSegment(seg, i, seg[i].toUpperCase(Locale.ROOT)));
            v.add(
                    withSegment(
                            seg, i, Character.toUpperCase(seg[i].charAt(0)) + seg[i].substring(1)));
            v.add(withSegment(seg, i, encodeFirst(seg[i], "%%%02X")));
            v.add(withSegment(seg, i, encodeFirst(seg[i], "%%%02x")));
            v.add(withSegment(seg, i, encodeFirst(seg[i], "%%25%02X")));
            v.add(withSegment(seg, i, seg[i] + "%3B"));
            v.add(withSegment(seg, i, seg[i] + "%3Bx=1"));
            v.add(withSegment(seg, i, seg[i] + "%00"));
            v.add(withSegment(seg, i, seg[i] + "%20"));
            v.add(withSegment(seg, i, seg[i] + "."));
            v.add(withSegment(seg, i, seg[i] + "%2e"));
        }
        // what stands between segment i-1 and segment i (i = 0: the leading slash)
        for (int i = 0; i < seg.length; i++) {
            for (String sep :
                    List.of(
                            "//",
                            "///",
                            "/./",
                            "/%2e/",
                            "/%2E/",
                            "/zz/../",
                            "/zz/%2e%2e/",
                            "/zz/%2E%2E/",
                            "/zz/.%2e/",
                            "/zz/%2e./",
                            "/zz;x=1/../",
                            "%2F",
                            "%2f",
                            "/%2F",
                            "%5C",
                            "%5c",
                            "\\",
                            "/\\",
                            "%c0%af",
                            "%C0%AF",
                            "%e0%80%af",
                            "/%c0%ae/",
                            "/zz/%c0%ae%c0%ae/",
                            "/zz/%e0%80%ae%e0%80%ae/",
                            "/%252e/",
                            "/zz/%252e%252e/",
                            "/;/",
                            "/;x=1/")) {
                if (i == 0 && !sep.startsWith("/")) {
                    continue; // the request target must start with /
                }
                v.add(joinWith(seg, i, sep));
            }
        }
        v.remove(canonical);
        return new ArrayList<>(v);
    }

    private static String withSegment(String[] seg, int i, String replacement) {
        String[] copy = seg.clone();
        copy[i] = replacement;
        return "/" + String.join("/", copy);
    }

    private static String encodeFirst(String segment, String format) {
        return String.format(format, (int) segment.charAt(0)) + segment.substring(1);
    }

    private static String joinWith(String[] seg, int i, String sep) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < seg.length; j++) {
            b.append(j == i ? sep : "/").append(seg[j]);
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- requests and the oracle

    /** Who asks: nobody (unsigned), or the agent signing with its agent token. */
    enum Caller {
        UNSIGNED,
        AGENT
    }

    RawHttp.Answer send(String method, String rawTarget, Caller caller) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (caller == Caller.AGENT) {
            SignedHeaders h;
            try {
                h =
                        new AAuthRequestSigner(agent.key(), Clock.systemUTC())
                                .sign(
                                        method,
                                        MARKET + rawTarget,
                                        name -> null,
                                        new SignatureKey.Jwt(agent.agentToken()),
                                        List.of());
            } catch (RuntimeException e) {
                return null; // a target the signer cannot read (a raw backslash): unsigned only
            }
            fields.put("Signature-Input", h.signatureInput());
            fields.put("Signature", h.signature());
            fields.put("Signature-Key", h.signatureKey());
        }
        return RawHttp.send(MARKET, method, rawTarget, fields);
    }

    /**
     * What an answer says about protection: the status, the {@code Signature-Error} code, the
     * {@code AAuth-Requirement} requirement and, on a {@code 403}, the policy reason.
     */
    static String kind(RawHttp.Answer a) {
        StringBuilder b = new StringBuilder().append(a.status());
        String error = a.field(SignatureError.NAME);
        if (error != null) {
            b.append(" Signature-Error ").append(SignatureError.parse(error).error());
        }
        String requirement = a.field(AAuthRequirement.NAME);
        if (requirement != null) {
            b.append(" AAuth-Requirement ").append(requirement.split(";")[0]);
        }
        if (a.status() == 403 && a.body().length > 0) {
            try {
                b.append(" reason ").append(JsonUtil.parseJson(a.text()).get("reason"));
            } catch (Exception e) {
                b.append(" (no problem+json)");
            }
        }
        return b.toString();
    }

    /** Runs the corpus of one endpoint for one caller; returns the violations. */
    List<String> violations(
            String canonical, Caller caller, String method, Map<String, Integer> seen) {
        RawHttp.Answer oracle = send(method, canonical, caller);
        String expected = kind(oracle);
        List<String> bad = new ArrayList<>();
        List<CompletableFuture<String>> running = new ArrayList<>();
        for (String variant : variants(canonical)) {
            running.add(
                    CompletableFuture.supplyAsync(
                            () -> {
                                RawHttp.Answer a = send(method, variant, caller);
                                if (a == null) {
                                    return null;
                                }
                                synchronized (seen) {
                                    seen.merge(a.status() + "", 1, Integer::sum);
                                }
                                String k = kind(a);
                                boolean ok =
                                        k.equals(expected)
                                                || a.status() == 400
                                                || a.status() == 404;
                                if (a.status() == 400
                                        && a.body().length > 0
                                        && "application/json".equals(contentType(a))) {
                                    // ours: the endpoint error format, invalid_request
                                    ok &= "invalid_request".equals(errorOf(a));
                                }
                                return ok
                                        ? null
                                        : method
                                                + " "
                                                + variant
                                                + " ["
                                                + caller
                                                + "]: "
                                                + k
                                                + ", canonical "
                                                + expected
                                                + " ("
                                                + a
                                                + ")";
                            }));
        }
        for (CompletableFuture<String> f : running) {
            String r = f.join();
            if (r != null) {
                bad.add(r);
            }
        }
        return bad;
    }

    static Object errorOf(RawHttp.Answer a) {
        try {
            return JsonUtil.parseJson(a.text()).get("error");
        } catch (Exception e) {
            return null;
        }
    }

    static String contentType(RawHttp.Answer a) {
        String ct = a.field("Content-Type");
        return ct == null ? null : ct.split(";")[0].strip();
    }

    // ---------------------------------------------------------------- the tests

    @Test
    @DisplayName(
            "the raw client sends the request target byte for byte (no normalization by the client)")
    void theClientSendsTheBytesItIsGiven() throws Exception {
        String target = "/api/market/./x/%2e%2e/status;jsessionid=1/%c0%af\\//";
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<String> received =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try (Socket s = server.accept()) {
                                    InputStream in = s.getInputStream();
                                    StringBuilder line = new StringBuilder();
                                    int c;
                                    while ((c = in.read()) != '\n') {
                                        line.append((char) c);
                                    }
                                    s.getOutputStream()
                                            .write(
                                                    "HTTP/1.1 204 No Content\r\n\r\n"
                                                            .getBytes(StandardCharsets.ISO_8859_1));
                                    return line.toString();
                                } catch (IOException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            RawHttp.Answer a =
                    RawHttp.send(
                            "http://127.0.0.1:" + server.getLocalPort(), "GET", target, Map.of());
            assertEquals(204, a.status());
            assertEquals("GET " + target + " HTTP/1.1\r", received.join());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/api/market/status/",
        "/api/market/status;x=1",
        "/api/market;x=1/status",
        "/api;jsessionid=0123/market/status"
    })
    @DisplayName(
            "issue 12: the variants that answered 200 unsigned now answer the canonical path's 401")
    void theReportedBypassIsClosed(String variant) {
        RawHttp.Answer a = send("GET", variant, Caller.UNSIGNED);
        assertEquals(401, a.status(), a.toString());
        assertEquals(
                "invalid_request",
                SignatureError.parse(a.field(SignatureError.NAME)).error(),
                a.toString());
    }

    @Test
    @DisplayName("HEAD runs the GET method, so it is protected as GET is: 401 unsigned")
    void headIsProtectedLikeGet() {
        for (String target : List.of("/api/market/status", "/api/market/status;x=1/")) {
            assertEquals(401, send("HEAD", target, Caller.UNSIGNED).status(), target);
        }
        assertEquals(200, send("HEAD", "/api/market/status", Caller.AGENT).status());
    }

    @Test
    @DisplayName(
            "a rule tightens an annotation: /api/market/segments is annotated identity, the rule asks for an auth token, so an agent token is not enough")
    void aRuleTightensAnAnnotation() {
        RawHttp.Answer a = send("GET", "/api/market/segments", Caller.AGENT);
        assertNotEquals(200, a.status(), a.toString());
        // an agent of a Person Server this resource does not trust: no resource token for it
        assertEquals("403 reason untrusted_person_server", kind(a), a.toString());
        for (String v : List.of("/api/market/segments/", "/api/market;x=1/segments")) {
            assertEquals(kind(a), kind(send("GET", v, Caller.AGENT)), v);
        }
    }

    @Test
    @DisplayName(
            "the canonical paths answer as configured: identity at the exact rule, never 200 without a signature")
    void theOracleIsWhatTheConfigurationSays() {
        assertEquals(200, send("GET", "/api/market/status", Caller.AGENT).status());
        for (String canonical : ENDPOINTS.keySet()) {
            assertEquals(
                    "401 Signature-Error invalid_request",
                    kind(send("GET", canonical, Caller.UNSIGNED)),
                    canonical);
        }
        for (String canonical :
                List.of("/api/market/reports/q3", "/api/market/laptops", "/api/market/segments")) {
            assertEquals(
                    "403 reason untrusted_person_server",
                    kind(send("GET", canonical, Caller.AGENT)),
                    canonical);
        }
    }

    @Test
    @DisplayName(
            "every variant of every protected path answers as its canonical path does, or 400, or 404: none reaches a method with less protection")
    void noVariantReachesAMethodWithLessProtection() {
        List<String> bad = new ArrayList<>();
        Map<String, Integer> seen = new TreeMap<>();
        int requests = 0;
        for (String canonical : ENDPOINTS.keySet()) {
            for (Caller caller : Caller.values()) {
                bad.addAll(violations(canonical, caller, "GET", seen));
                requests += variants(canonical).size() + 1;
            }
        }
        for (Caller caller : Caller.values()) {
            bad.addAll(violations("/api/market/status", caller, "HEAD", seen));
            requests += variants("/api/market/status").size() + 1;
        }
        System.out.println(
                "PathVariantsIT: "
                        + requests
                        + " requests, statuses "
                        + seen
                        + ", "
                        + bad.size()
                        + " violations");
        if (!bad.isEmpty()) {
            fail(
                    bad.size()
                            + " variants answered unlike their canonical path:\n"
                            + String.join("\n", bad));
        }
        assertTrue(
                seen.getOrDefault("400", 0) > 0 && seen.getOrDefault("401", 0) > 0,
                seen.toString());
    }
}
