package dev.aauth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.id.SecurityMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The command line of the command-line agent: what it accepts, and usage errors (exit 2). */
class AgentCliTest {

    static final String[] IDENTITY = {
        "--provider", "https://ap.example", "--name", "cli", "--key", "k.json"
    };

    static String[] with(String... more) {
        String[] all = new String[IDENTITY.length + more.length];
        System.arraycopy(IDENTITY, 0, all, 0, IDENTITY.length);
        System.arraycopy(more, 0, all, IDENTITY.length, more.length);
        return all;
    }

    @Test
    @DisplayName("strict by default: https identifiers only unless --development is given")
    void strictByDefault() {
        AgentCli.Options o = AgentCli.Options.parse(with("get", "https://r.example/x"));
        assertEquals(SecurityMode.STRICT, o.mode());
        assertEquals("GET", o.method());
        assertEquals(Duration.ofSeconds(300), o.maxWait());
        assertEquals(
                SecurityMode.DEVELOPMENT,
                AgentCli.Options.parse(with("--development", "GET", "http://localhost:9082/x"))
                        .mode());
    }

    @Test
    @DisplayName("a body and its content type, a justification and a wait")
    void bodyAndOptions() {
        AgentCli.Options o =
                AgentCli.Options.parse(
                        with(
                                "--wait",
                                "30",
                                "--justification",
                                "why",
                                "--content-type",
                                "text/plain",
                                "POST",
                                "https://r.example/x",
                                "hello"));
        assertEquals("hello", o.body());
        assertEquals("text/plain", o.contentType());
        assertEquals("why", o.justification());
        assertEquals(Duration.ofSeconds(30), o.maxWait());
    }

    @Test
    @DisplayName(
            "usage errors exit 2 with the usage: missing URL, identity, unknown option, bad wait")
    void usageErrorsExit2() {
        for (String[] bad :
                new String[][] {
                    with("GET"),
                    {"GET", "https://r.example/x"},
                    with("--bogus", "1", "GET", "https://r.example/x"),
                    with("--wait", "soon", "GET", "https://r.example/x"),
                    with("--wait", "0", "GET", "https://r.example/x"),
                    with("GET", "https://r.example/x", "body", "extra"),
                    with("--name")
                }) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status =
                    AgentCli.run(
                            bad,
                            new PrintStream(new ByteArrayOutputStream()),
                            new PrintStream(err),
                            Clock.systemUTC());
            assertEquals(2, status, String.join(" ", bad));
            assertTrue(
                    err.toString(StandardCharsets.UTF_8).contains("usage: bin/aauth-agent"),
                    err.toString(StandardCharsets.UTF_8));
        }
    }
}
