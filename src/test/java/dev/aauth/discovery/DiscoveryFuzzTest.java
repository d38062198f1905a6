package dev.aauth.discovery;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.JwkSet;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import dev.aauth.testing.FuzzWorld;
import dev.aauth.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: discovery, from the bytes on the socket up: the HTTP/1.1 response reader (status
 * line, fields, Content-Length, chunked and read-to-end bodies, 1xx responses), the cache lifetime
 * from {@code Cache-Control}, {@code Age}, {@code Expires} and {@code Date}, the metadata document
 * ("Metadata Documents": issuer match, URL rules, member types) and the JWK Set it points at, all
 * through {@link JwksCache#findKey} and {@link JwksCache#metadata} with a fetcher that answers from
 * the input instead of the network.
 *
 * <p>Input: the metadata response followed by the JWKS response, raw as a server would send them.
 * The reader's own contract is {@code IOException} (which {@link SafeHttpFetcher} turns into an
 * {@link AAuthException}); nothing else may escape it.
 */
public final class DiscoveryFuzzTest {

    /** The fetcher's head and body limits, {@link SafeHttpFetcher}'s defaults. */
    static final int MAX_HEAD = 16 * 1024;

    static final int MAX_BODY = 256 * 1024;

    public static final FuzzTarget TARGET =
            new FuzzTarget(
                    "discovery (HTTP response, metadata, JWKS)",
                    DiscoveryFuzzTest.class,
                    "discovery",
                    DiscoveryFuzzTest::fuzz,
                    DiscoveryFuzzTest::seeds);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void discovery(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] input = Fuzz.expand(data, 2 * (MAX_HEAD + MAX_BODY));
        List<FetchResult> responses = new ArrayList<>();
        Fuzz.check(
                input,
                () -> {
                    InputStream in = new ByteArrayInputStream(input);
                    for (int i = 0; i < 2; i++) {
                        Http11ResponseReader reader =
                                new Http11ResponseReader(in, MAX_HEAD, MAX_BODY);
                        Http11ResponseReader.Head head = reader.readHead();
                        responses.add(
                                new FetchResult(
                                        head.status(), head.headers(), reader.readBody(head)));
                    }
                },
                IOException.class);
        Fuzz.check(
                input,
                () -> {
                    MutableClock clock = new MutableClock(FuzzWorld.NOW);
                    int[] calls = {0};
                    HttpFetcher fetcher =
                            (url, code) -> {
                                int i = calls[0]++;
                                if (i >= responses.size()) {
                                    throw new AAuthException(code, "no further response");
                                }
                                // the JWKS is asked for again on an unknown kid
                                return responses.get(Math.min(i, responses.size() - 1));
                            };
                    JwksCache cache =
                            JwksCache.builder(fetcher, SecurityMode.STRICT).clock(clock).build();
                    Fuzz.check(
                            input,
                            () -> {
                                MetadataDocument doc =
                                        cache.metadata(FuzzWorld.AP, "aauth-agent.json");
                                doc.scopeDescriptions();
                                doc.signatureWindow();
                                doc.additionalSignatureComponents();
                                doc.scopesSupported();
                                doc.claimsSupported();
                                doc.localhostCallbackAllowed();
                            });
                    cache.findKey(FuzzWorld.AP, "aauth-agent.json", "ap-1", AAuthError.INVALID_JWT);
                });
    }

    static Stream<byte[]> seeds() {
        String metadata =
                "{\"issuer\":\"https://agents.example\",\"jwks_uri\":\"https://agents.example/jwks\","
                        + "\"client_name\":\"Agents\",\"token_endpoint\":\"https://agents.example/t\","
                        + "\"scope_descriptions\":{\"read\":\"**Read**\"},\"signature_window\":30,"
                        + "\"localhost_callback_allowed\":false,"
                        + "\"additional_signature_components\":[\"content-digest\"],"
                        + "\"scopes_supported\":[\"read\"],\"claims_supported\":[\"email\"]}";
        String jwks =
                JwkSet.of(List.of(FuzzWorld.AP_KEY.publicJwk(), FuzzWorld.AP_EC_KEY.publicJwk()))
                        .toJson();
        List<String> seeds = new ArrayList<>();
        seeds.add(fixed(metadata, "Cache-Control: max-age=300\r\nAge: 20\r\n") + chunked(jwks));
        seeds.add(
                "HTTP/1.1 100 Continue\r\n\r\n"
                        + fixed(
                                metadata,
                                "Expires: Mon, 23 Nov 2026 13:00:00 GMT\r\n"
                                        + "Date: Mon, 23 Nov 2026 12:00:00 GMT\r\n")
                        + fixed(jwks, "Cache-Control: no-store\r\n"));
        seeds.add(fixed(metadata, "") + "HTTP/1.0 200 OK\r\n\r\n" + jwks);
        seeds.add(fixed("{\"issuer\":\"https://evil.example\"}", "") + fixed("[]", ""));
        return seeds.stream().map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    private static String fixed(String body, String headers) {
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + headers
                + "Content-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n"
                + body;
    }

    private static String chunked(String body) {
        int half = body.length() / 2;
        return "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(half)
                + ";ext=1\r\n"
                + body.substring(0, half)
                + "\r\n"
                + Integer.toHexString(body.length() - half)
                + "\r\n"
                + body.substring(half)
                + "\r\n0\r\nTrailer: x\r\n\r\n";
    }
}
