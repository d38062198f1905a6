package dev.aauth.header;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PreferWaitTest {

    static final Duration MAX = Duration.ofSeconds(30);

    static Optional<Duration> of(String... lines) {
        return PreferWait.of(lines == null ? null : Arrays.asList(lines), MAX);
    }

    @Test
    @DisplayName(
            "Prefer: wait=N (RFC 7240 delta-seconds); the name is case-insensitive; a quoted word is allowed")
    void waitIsDeltaSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(10)), of("wait=10"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), of("WAIT = 5"));
        assertEquals(Optional.of(Duration.ofSeconds(7)), of("wait=\"7\""));
    }

    @Test
    @DisplayName(
            "other preferences and parameters are ignored; the first wait counts, over several field lines")
    void otherPreferencesAreIgnored() {
        assertEquals(
                Optional.of(Duration.ofSeconds(12)), of("respond-async, wait=12;foo=bar, wait=3"));
        assertEquals(Optional.of(Duration.ofSeconds(4)), of("return=minimal", "wait=4"));
    }

    @Test
    @DisplayName(
            "the server's bound caps the wait: a server unwilling to honor the full wait answers sooner")
    void theServersBoundCapsTheWait() {
        assertEquals(Optional.of(MAX), of("wait=45"));
        assertEquals(Optional.of(MAX), of("wait=99999999999999999999999"));
    }

    @Test
    @DisplayName("absent, zero or malformed: no long poll")
    void malformedIsIgnored() {
        assertEquals(Optional.empty(), PreferWait.of(null, MAX));
        assertEquals(Optional.empty(), PreferWait.of(List.of(), MAX));
        for (String bad :
                List.of(
                        "wait=0",
                        "wait=-5",
                        "wait=abc",
                        "wait=",
                        "wait",
                        "wait=1.5",
                        "respond-async")) {
            assertEquals(Optional.empty(), of(bad), bad);
        }
    }
}
