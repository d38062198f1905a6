package dev.aauth.agent;

import dev.aauth.jose.Jws;
import dev.aauth.jose.SigningKey;
import java.time.Clock;
import java.util.Map;

/**
 * The Signature-Key draft's {@code jkt-jwt} scheme, the agent's side: "a long-lived key ... signs a
 * JWT ({@code typ} {@code jkt-s256+jwt}) delegating to an ephemeral key in {@code cnf.jwk}"; the
 * ephemeral key then signs the request (remote enrollment at the Agent Provider).
 */
public final class Delegation {

    private Delegation() {}

    /**
     * A {@code jkt-s256+jwt} by which {@code longLived} delegates to {@code shortLived} for {@code
     * seconds}.
     */
    public static String jktJwt(
            SigningKey longLived, SigningKey shortLived, Clock clock, long seconds) {
        long now = clock.instant().getEpochSecond();
        return Jws.sign(
                Map.of(
                        "typ",
                        "jkt-s256+jwt",
                        "jwk",
                        longLived.publicJwk().withoutMetadata().toMap()),
                Map.of(
                        "iss",
                        longLived.publicJwk().thumbprintUri(),
                        "iat",
                        now,
                        "exp",
                        now + seconds,
                        "cnf",
                        Map.of("jwk", shortLived.publicJwk().withoutMetadata().toMap())),
                longLived);
    }
}
