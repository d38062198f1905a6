package dev.aauth.personserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.token.PersonTokenRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link IssuedPersonTokens}, the PS's retained person-token records (-11 "Person Token Endpoint":
 * "A PS MUST retain a record of each person token it issues — jti, ps, sub, mission_s256, tenant,
 * and exp ... retained beyond the person token's exp by at least the longest resource token
 * lifetime the PS accepts").
 */
public abstract class IssuedPersonTokensContract extends PortContract {

    /** The implementation under test, opened by {@link #open}. */
    protected abstract IssuedPersonTokens tokens();

    long now() {
        return clock.instant().getEpochSecond();
    }

    PersonTokenRecord record(String mission, String tenant, long exp) {
        return new PersonTokenRecord(
                "pt-" + UUID.randomUUID(),
                "https://ps.example",
                "sub-" + UUID.randomUUID(),
                mission,
                tenant,
                exp);
    }

    @Test
    @DisplayName("-11: the record keeps jti, ps, sub, mission_s256, tenant and exp exactly")
    void theRecordKeepsEveryMember() {
        PersonTokenRecord full = record("m-s256", "acme", now() + 3600);
        PersonTokenRecord bare = record(null, null, now() + 60);
        tokens().record(full);
        tokens().record(bare);
        assertEquals(Optional.of(full), tokens().find(full.jti()));
        assertEquals(Optional.of(bare), tokens().find(bare.jti()));
    }

    @Test
    @DisplayName(
            "concurrent records (their commits shared in the database) are all kept; a jti recorded before is refused, and only that record fails")
    void concurrentRecordsAllKeptAndAReusedJtiFailsAlone() throws Exception {
        PersonTokenRecord first = record(null, null, now() + 60);
        tokens().record(first);
        java.util.List<PersonTokenRecord> fresh =
                java.util.stream.Stream.generate(() -> record(null, null, now() + 60))
                        .limit(15)
                        .toList();
        java.util.List<Boolean> kept =
                dev.aauth.testing.Races.race(
                        16,
                        i ->
                                () -> {
                                    try {
                                        tokens().record(i == 15 ? first : fresh.get(i));
                                        return true;
                                    } catch (RuntimeException e) {
                                        return false;
                                    }
                                });
        assertEquals(false, kept.get(15), "the reused jti is refused");
        assertEquals(15, kept.subList(0, 15).stream().filter(b -> b).count(), kept.toString());
        for (PersonTokenRecord r : fresh) {
            assertEquals(Optional.of(r), tokens().find(r.jti()));
        }
        assertEquals(Optional.of(first), tokens().find(first.jti()));
    }

    @Test
    @DisplayName("-11: a jti this PS never issued has no record (unknown_person_token)")
    void anUnknownJtiHasNoRecord() {
        tokens().record(record(null, null, now() + 60));
        assertTrue(tokens().find("pt-never-issued").isEmpty());
    }

    @Test
    @DisplayName(
            "-11: a record is retained beyond exp by at least the longest resource token lifetime")
    void retainedBeyondExpByTheResourceTokenLifetime() {
        PersonTokenRecord r = record(null, null, now() + 60);
        tokens().record(r);
        clock.advance(Duration.ofSeconds(60).plus(IssuedPersonTokens.RETENTION));
        assertEquals(0, tokens().purgeExpired(now()));
        assertEquals(Optional.of(r), tokens().find(r.jti()));
    }

    @Test
    @DisplayName("records past exp plus the retention are purged, younger ones kept")
    void purgeDeletesOnlyRecordsPastTheirRetention() {
        PersonTokenRecord old = record(null, null, now() + 10);
        PersonTokenRecord young = record(null, null, now() + 3600);
        tokens().record(old);
        tokens().record(young);
        clock.advance(Duration.ofSeconds(11).plus(IssuedPersonTokens.RETENTION));
        assertEquals(1, tokens().purgeExpired(now()));
        assertTrue(tokens().find(old.jti()).isEmpty());
        assertEquals(Optional.of(young), tokens().find(young.jti()));
    }
}
