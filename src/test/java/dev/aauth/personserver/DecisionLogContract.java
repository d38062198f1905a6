package dev.aauth.personserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link DecisionLog}: every decision the Person Server takes is kept (the audit trail the account
 * page shows), for an agent acting alone or for a person not seen before.
 */
public abstract class DecisionLogContract extends PortContract {

    static final String RESOURCE = "https://resource.example";

    /** The implementation under test, opened by {@link #open}. */
    protected abstract DecisionLog log();

    /** How many decisions the implementation holds about {@code agent} (read behind the port). */
    protected abstract long recordedFor(String agent);

    @Test
    @DisplayName("each decision recorded is kept, two decisions about one agent are two")
    void everyDecisionIsKept() {
        String a = agent();
        long now = clock.instant().getEpochSecond();
        log().record(
                        new DecisionLog.Entry(
                                now,
                                a,
                                RESOURCE,
                                List.of("read"),
                                "grant",
                                "policy",
                                "rt-1",
                                "at-1"));
        log().record(
                        new DecisionLog.Entry(
                                now,
                                a,
                                RESOURCE,
                                List.of("write"),
                                "deny",
                                "policy",
                                "rt-2",
                                null,
                                username()));
        assertEquals(2, recordedFor(a));
        assertEquals(0, recordedFor(agent()));
    }
}
