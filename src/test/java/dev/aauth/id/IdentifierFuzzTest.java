package dev.aauth.id;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.aauth.testing.Fuzz;
import dev.aauth.testing.FuzzTarget;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzz target: the draft's "Identifiers": server identifiers, agent identifiers, endpoint URLs and
 * other URLs, in STRICT and DEVELOPMENT mode, with the accessors a caller uses afterwards ({@code
 * host}, {@code port}, {@code isIssuedBy}). An accepted value is accepted again from its {@code
 * value()}, and {@code isValid} agrees with {@code parse}. Input: one identifier (UTF-8).
 */
public final class IdentifierFuzzTest {

    static final int MAX_LENGTH = 8 * 1024;

    public static final FuzzTarget TARGET =
            new FuzzTarget(
                    "identifiers",
                    IdentifierFuzzTest.class,
                    "identifiers",
                    IdentifierFuzzTest::fuzz,
                    IdentifierFuzzTest::seeds);

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "10s")
    void identifiers(byte[] data) {
        fuzz(data);
    }

    public static void fuzz(byte[] data) {
        byte[] input = Fuzz.expand(data, MAX_LENGTH);
        String value = Fuzz.utf8(input);
        for (SecurityMode mode : SecurityMode.values()) {
            Fuzz.check(
                    input,
                    () -> {
                        boolean valid = ServerIdentifier.isValid(value, mode);
                        ServerIdentifier id = ServerIdentifier.parse(value, mode);
                        assertEquals(true, valid, "isValid agrees with parse");
                        id.host();
                        id.port();
                        id.wellKnown("aauth-agent.json");
                        assertEquals(id, ServerIdentifier.parse(id.value(), mode));
                    });
            Fuzz.check(
                    input,
                    () -> {
                        AgentIdentifier agent = AgentIdentifier.parse(value, mode);
                        assertEquals(true, AgentIdentifier.isValid(value, mode));
                        agent.isIssuedBy(ServerIdentifier.parse("https://agents.example", mode));
                        assertEquals(agent, AgentIdentifier.parse(agent.value(), mode));
                    });
            Fuzz.check(
                    input,
                    () -> {
                        EndpointUrl url = EndpointUrl.parse(value, mode);
                        assertEquals(true, EndpointUrl.isValid(value, mode));
                        url.uri();
                    });
            Fuzz.check(
                    input,
                    () -> {
                        OtherUrl url = OtherUrl.parse(value, mode);
                        assertEquals(true, OtherUrl.isValid(value, mode));
                        url.uri();
                    });
        }
    }

    static Stream<byte[]> seeds() {
        return Stream.of(
                        "https://agent.example",
                        "https://xn--nxasmq6b.example",
                        "http://localhost:9080",
                        "http://[::1]:8080",
                        "https://agent.example:8443",
                        "https://user@agent.example",
                        "https://βόλοσ.example",
                        "aauth:assistant-v2@agent.example",
                        "aauth:demo@localhost:9080",
                        "aauth:a+b.c_d-e@xn--bcher-kva.example",
                        "https://ps.example/token",
                        "https://ps.example/jwks.json?v=1#k",
                        "https://[2001:db8::1]/x",
                        "https://127.0.0.1/x")
                .map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
