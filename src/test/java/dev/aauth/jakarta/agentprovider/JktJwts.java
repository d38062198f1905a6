package dev.aauth.jakarta.agentprovider;

import dev.aauth.jose.Jws;
import dev.aauth.jose.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/** Builds {@code jkt-jwt} delegations and loads the demo's long-lived enrollment keys (test resources). */
public final class JktJwts {

    private JktJwts() {
    }

    /** A {@code jkt-s256+jwt} by which {@code longLived} delegates to {@code shortLived} for {@code seconds}. */
    public static String delegation(SigningKey longLived, SigningKey shortLived, Clock clock, long seconds) {
        long now = clock.instant().getEpochSecond();
        return Jws.sign(Map.of("typ", "jkt-s256+jwt", "jwk", longLived.publicJwk().withoutMetadata().toMap()),
                Map.of("iss", longLived.publicJwk().thumbprintUri(), "iat", now, "exp", now + seconds,
                        "cnf", Map.of("jwk", shortLived.publicJwk().withoutMetadata().toMap())),
                longLived);
    }

    /** The demo's long-lived key for agent {@code local} ({@code backend}, {@code supply-chain}), trusted in server.xml. */
    public static SigningKey demoLongLivedKey(String local) {
        String name = local + ".longlived.private.jwk.json";
        try (InputStream in = JktJwts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return SigningKey.fromJwkJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
