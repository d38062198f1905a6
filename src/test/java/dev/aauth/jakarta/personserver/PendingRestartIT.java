package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.it.EnrolledDeferred.send;
import static dev.aauth.jakarta.it.EnrolledDeferred.waiting;
import static dev.aauth.jakarta.it.TokenRequests.assertTokenError;
import static dev.aauth.jakarta.it.TokenRequests.granted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.jakarta.it.EnrolledDeferred;
import dev.aauth.jakarta.it.ItServer;
import dev.aauth.jakarta.store.Person;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
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

    static EnrolledDeferred deferWith(SigningKey key) throws Exception {
        return EnrolledDeferred.defer(EnrolledAgent.enroll("backend", key));
    }

    /**
     * After the restart: the same key, a fresh agent token from the restarted EnrolledAgent
     * Provider.
     */
    static EnrolledDeferred reenrolled(EnrolledDeferred d) throws Exception {
        SigningKey key = d.agent().key();
        return d.by(EnrolledAgent.enroll("backend", key));
    }

    @Test
    @DisplayName(
            "A restart in the middle of a consent loses nothing: the poll after restart gets the right answer")
    void aRestartInTheMiddleOfAConsentLosesNothing() throws Exception {
        EnrolledDeferred toCancel =
                deferWith(SigningKey.generate(SignatureAlgorithm.ED25519, null));
        EnrolledDeferred toApprove =
                deferWith(SigningKey.generate(SignatureAlgorithm.ED25519, null));

        ItServer.restart();

        EnrolledDeferred cancelled = reenrolled(toCancel);
        EnrolledDeferred approved = reenrolled(toApprove);
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
}
