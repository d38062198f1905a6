package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.ItRequests.baseUrl;
import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.personserver.PendingClarificationIT.send;
import static dev.aauth.jakarta.personserver.PendingClarificationIT.waiting;
import static dev.aauth.jakarta.personserver.PersonServerIT.alwaysAskChallenge;
import static dev.aauth.jakarta.personserver.PersonServerIT.assertTokenError;
import static dev.aauth.jakarta.personserver.PersonServerIT.granted;
import static dev.aauth.jakarta.personserver.PersonServerIT.pending;
import static dev.aauth.jakarta.personserver.PersonServerIT.tokenRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.agentprovider.AgentProviderIT;
import dev.aauth.jakarta.personserver.PendingClarificationIT.Deferred;
import dev.aauth.jakarta.personserver.PersonServerIT.Agent;
import dev.aauth.jakarta.store.Person;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * "A restart in the middle of a consent loses nothing: the poll after restart gets the right
 * answer." Two requests are made pending over HTTP, the aauth-it Liberty server is stopped and
 * started again ({@code bin/server stop|start aauth-it}), and the polls after the restart find
 * both: one goes on to interacting and is cancelled ({@code 410} afterwards), the other is approved
 * and yields its token.
 *
 * <p>Runs in a Failsafe execution of its own ({@code restart-it}), after every other IT, so the
 * restart disturbs no other test. The IT server keeps no signing key across restarts ({@code
 * aauth.keys.dir} is not set for it), so the agents enroll again after the restart with the same
 * keys: their agent identifier and key thumbprint, to which the requests are bound, stay the same.
 */
class PendingRestartIT {

    static final String PERSON = baseUrl("person");
    static final Duration START_DEADLINE = Duration.ofSeconds(180);

    static Deferred deferWith(SigningKey key) throws Exception {
        Agent backend = new Agent(key, AgentProviderIT.enroll("backend", key));
        HttpResponse<String> r = tokenRequest(backend, alwaysAskChallenge(backend));
        return new Deferred(backend, pending(r), PendingClarificationIT.interactionCode(r));
    }

    /** After the restart: the same key, a fresh agent token from the restarted Agent Provider. */
    static Deferred reenrolled(Deferred d) throws Exception {
        SigningKey key = d.agent().key();
        return new Deferred(
                new Agent(key, AgentProviderIT.enroll("backend", key)), d.location(), d.code());
    }

    @Test
    @DisplayName(
            "A restart in the middle of a consent loses nothing: the poll after restart gets the right answer")
    void aRestartInTheMiddleOfAConsentLosesNothing() throws Exception {
        Deferred toCancel = deferWith(SigningKey.generate(SignatureAlgorithm.ED25519, null));
        Deferred toApprove = deferWith(SigningKey.generate(SignatureAlgorithm.ED25519, null));

        restartItServer();

        Deferred cancelled = reenrolled(toCancel);
        Deferred approved = reenrolled(toApprove);
        // Retry-After (5 s) is long over: the restart took longer
        assertEquals(
                "pending",
                waiting(send("GET", cancelled.location(), cancelled.agent(), null), cancelled)
                        .get("status"));
        Person person =
                ItStore.get().decider(cancelled.location(), "Rita Restart", "rita@example.test");
        assertTrue(
                ItStore.get().redeem(cancelled.code(), person),
                "the interaction code survived the restart");
        assertTrue(ItStore.get().redeem(approved.code(), person));
        assertTrue(
                ItStore.get()
                        .pending
                        .approve(
                                ItStore.get().request(approved.location()).id(),
                                person.id(),
                                "after restart"));

        assertEquals(
                204, send("DELETE", cancelled.location(), cancelled.agent(), null).statusCode());
        assertTokenError(
                send("GET", cancelled.location(), cancelled.agent(), null), 410, "invalid_code");
        String token = granted(send("GET", approved.location(), approved.agent(), null));
        assertEquals(3, token.split("\\.").length);
        assertTokenError(
                send("GET", approved.location(), approved.agent(), null), 410, "invalid_code");
    }

    /**
     * {@code server stop} then {@code server start}, then waits (bounded) until the three origins
     * serve again.
     */
    static void restartItServer() throws Exception {
        String dir = System.getProperty("aauth.it.server.dir");
        assertNotNull(
                dir, "aauth.it.server.dir is not set: run the integration tests with `mvn verify`");
        Path serverDir = Path.of(dir);
        Path script =
                serverDir.getParent().getParent().getParent().resolve("bin").resolve("server");
        String name = serverDir.getFileName().toString();
        run(script, "stop", name);
        run(script, "start", name);
        long end = System.nanoTime() + START_DEADLINE.toNanos();
        for (String origin : List.of("person", "supply", "market")) {
            String url =
                    baseUrl(origin) + (origin.equals("person") ? "/health/ready" : "/aauth/info");
            while (!answers200(url)) {
                if (System.nanoTime() - end > 0) {
                    throw new AssertionError(
                            "the restarted server does not serve "
                                    + url
                                    + " within "
                                    + START_DEADLINE);
                }
                Thread.sleep(250);
            }
        }
    }

    private static boolean answers200(String url) {
        try {
            return get(url).send().statusCode() == 200;
        } catch (RuntimeException e) {
            return false; // not listening yet
        }
    }

    private static void run(Path script, String action, String server)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("aauth-it-" + action, ".log");
        ProcessBuilder pb =
                new ProcessBuilder(script.toString(), action, server)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        if (!p.waitFor(START_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                    "server " + action + " did not finish within " + START_DEADLINE);
        }
        assertEquals(
                0, p.exitValue(), "server " + action + " " + server + ": " + Files.readString(log));
    }
}
