package dev.aauth.jakarta.personserver;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.personserver.PendingUpdate;
import dev.aauth.personserver.TokenRequest;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import dev.aauth.testing.FuzzWorld;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: the JSON bodies the Person Server parses from agents: the "Agent Token Request"
 * ({@link TokenRequest#parse}, the token endpoint) and the post to a pending URL ({@link
 * PendingUpdate#parse}: a clarification response or an updated request). Input: the request body,
 * up to its limit ({@link TokenRequest#MAX_BODY_BYTES}) and one byte over.
 */
public final class TokenRequestFuzzTest {

    public static final FuzzTarget TARGET =
            new FuzzTarget(
                    "token request JSON",
                    TokenRequestFuzzTest.class,
                    "tokenRequest",
                    TokenRequestFuzzTest::fuzz,
                    TokenRequestFuzzTest::seeds);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void tokenRequest(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] body = Fuzz.expand(data, TokenRequest.MAX_BODY_BYTES + 1);
        Fuzz.check(body, () -> TokenRequest.parse(body));
        Fuzz.check(body, () -> PendingUpdate.parse(body));
    }

    static Stream<byte[]> seeds() {
        String rt = new FuzzWorld().resourceToken(null);
        return Stream.of(
                        "{\"resource_token\":\"" + rt + "\"}",
                        "{\"resource_token\":\""
                                + rt
                                + "\",\"upstream_token\":\"a.b.c\","
                                + "\"justification\":\"# Why\\n\\nBecause.\",\"login_hint\":"
                                + "\"alice\",\"tenant\":\"t\",\"domain_hint\":\"example.com\","
                                + "\"platform\":\"linux\",\"device\":\"Alice's \\u00e9 laptop\"}",
                        "{\"clarification_response\":\"Yes,\\tplease.\"}",
                        "{\"resource_token\":\"" + rt + "\",\"justification\":\"again\"}",
                        "{\"resource_token\":1e999,\"device\":\"\\ud800\"}",
                        "[1, 2.5, -0, true, null, \"x\"]")
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
    }
}
