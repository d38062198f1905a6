package dev.aauth.jakarta.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.resource.DatabaseRevocationStore;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The resource's revocation store on a real database: "revoked auth tokens are refused for the rest
 * of their lifetime, across restarts" (issue 3), and instances sharing a database see each other's
 * revocations within {@link DatabaseRevocationStore#RECHECK}.
 */
abstract class RevocationStoreContract extends StoreTestSupport {

    static final String PS = "https://ps.example";

    @Test
    @DisplayName(
            "a revoked token is refused by a fresh store instance: revocations survive a restart")
    void revocationSurvivesRestart() {
        String jti = unique("jti-");
        new DatabaseRevocationStore(store.revocations, clock)
                .revoke(PS, jti, clock.instant().getEpochSecond() + 600);
        DatabaseRevocationStore afterRestart =
                new DatabaseRevocationStore(store.revocations, clock);
        assertTrue(afterRestart.isRevoked(PS, jti));
        assertFalse(
                afterRestart.isRevoked("https://other.example", jti),
                "jti is unique within its issuer only");
    }

    @Test
    @DisplayName("a revocation through another instance is enforced here within the recheck time")
    void revocationThroughAnotherInstanceIsSeenAfterRecheck() {
        String jti = unique("jti-");
        DatabaseRevocationStore here = new DatabaseRevocationStore(store.revocations, clock);
        DatabaseRevocationStore there = new DatabaseRevocationStore(store.revocations, clock);
        assertFalse(here.isRevoked(PS, jti));
        there.revoke(PS, jti, clock.instant().getEpochSecond() + 600);
        assertTrue(there.isRevoked(PS, jti), "the revoking instance refuses at once");
        clock.advance(DatabaseRevocationStore.RECHECK.plus(Duration.ofMillis(1)));
        assertTrue(here.isRevoked(PS, jti), "the other instance after the recheck time");
    }

    @Test
    void revokingTwiceIsHarmless() {
        String jti = unique("jti-");
        DatabaseRevocationStore s = new DatabaseRevocationStore(store.revocations, clock);
        s.revoke(PS, jti, clock.instant().getEpochSecond() + 600);
        s.revoke(PS, jti, clock.instant().getEpochSecond() + 600);
        assertTrue(s.isRevoked(PS, jti));
    }
}
