package dev.aauth.jakarta.agentprovider;

import dev.aauth.jose.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Builds {@code jkt-jwt} delegations and loads the demo's long-lived enrollment keys (test
 * resources).
 */
public final class JktJwts {

    private JktJwts() {}

    /**
     * A {@code jkt-s256+jwt} by which {@code longLived} delegates to {@code shortLived} for {@code
     * seconds}.
     */
    public static String delegation(
            SigningKey longLived, SigningKey shortLived, Clock clock, long seconds) {
        return dev.aauth.agent.Delegation.jktJwt(longLived, shortLived, clock, seconds);
    }

    /** Where the public demo keys live (read at run time by the demo server too). */
    public static final Path DEMO_KEYS = Path.of("src/main/liberty/config/demo-keys");

    /**
     * The demo's long-lived key for agent {@code local} ({@code backend}, {@code supply-chain}),
     * trusted in server.xml.
     */
    public static SigningKey demoLongLivedKey(String local) {
        try {
            return SigningKey.fromJwkJson(
                    Files.readString(
                            DEMO_KEYS.resolve(local + ".longlived.private.jwk.json"),
                            StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
