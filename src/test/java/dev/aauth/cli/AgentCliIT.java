package dev.aauth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItRequests;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The command-line agent against the IT server over real HTTP: it enrolls at the Agent Provider
 * with the supply-chain demo agent's long-lived key, is challenged by market-analysis, exchanges
 * the resource token at its Person Server (seed 000: autonomous for {@code market-analysis:read}),
 * retries and gets the {@code 200}, printing each step and each token decoded.
 */
class AgentCliIT {

    static final String PERSON = ItRequests.baseUrl("person");
    static final String MARKET = ItRequests.baseUrl("market");
    static final String DEMO_KEY =
            "src/main/liberty/config/demo-keys/supply-chain.longlived.private.jwk.json";

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                AgentCli.run(args, new PrintStream(out), new PrintStream(err), Clock.systemUTC());
        return new Run(
                status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName(
            "Agent Retry: challenged (401 requirement=auth-token), exchanged at the PS, retried once with the auth token: 200, tokens shown decoded")
    void challengedExchangedRetried() {
        Run r =
                run(
                        "--development",
                        "--provider",
                        PERSON,
                        "--name",
                        "supply-chain",
                        "--key",
                        DEMO_KEY,
                        "GET",
                        MARKET + "/api/market/laptops");
        assertEquals(0, r.status(), r.out() + r.err());
        String out = r.out();
        assertTrue(out.contains("agent aauth:supply-chain@"), out);
        assertTrue(out.contains("<<< 401"), out);
        assertTrue(out.contains("AAuth-Requirement: requirement=auth-token"), out);
        assertTrue(out.contains("decoded resource token: {"), out);
        assertTrue(out.contains("decoded auth token: {"), out);
        assertTrue(out.contains("\"scope\":\"market-analysis:read\""), out);
        assertTrue(out.trim().contains("<<< 200"), out);
        assertEquals(
                2,
                out.split(">>> GET " + MARKET + "/api/market/laptops", -1).length - 1,
                "the resource is called twice: once, then the retry");
    }

    @Test
    @DisplayName(
            "strict by default: without --development an http identifier is refused before anything is sent (exit 1)")
    void strictModeRefusesHttp() {
        Run r =
                run(
                        "--provider",
                        PERSON,
                        "--name",
                        "supply-chain",
                        "--key",
                        DEMO_KEY,
                        "GET",
                        MARKET + "/api/market/laptops");
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.err().startsWith("aauth-agent: "), r.err());
        assertTrue(!r.out().contains(">>> GET"), "nothing sent to the resource: " + r.out());
    }

    @Test
    @DisplayName(
            "a key the Agent Provider does not trust gets no agent token: exit 1 with the error code")
    void untrustedKeyIsRefused() throws Exception {
        Path key = Files.createTempFile("cli-key", ".jwk.json");
        Files.writeString(
                key, SigningKey.generate(SignatureAlgorithm.ED25519, null).toPrivateJwkJson());
        Run r =
                run(
                        "--development",
                        "--provider",
                        PERSON,
                        "--name",
                        "supply-chain",
                        "--key",
                        key.toString(),
                        "GET",
                        MARKET + "/api/market/laptops");
        assertEquals(1, r.status(), r.out() + r.err());
        assertTrue(r.err().startsWith("aauth-agent: "), r.err());
        assertTrue(!r.out().contains(">>> GET"), r.out());
    }
}
