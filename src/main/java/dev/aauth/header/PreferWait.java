package dev.aauth.header;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code wait} preference of the {@code Prefer} request header (RFC 7240, Section 4.3), as
 * AAuth uses it on polls: "The Prefer: wait=N header ([RFC7240]) MAY be included on polling
 * requests to signal the agent's willingness to wait for a long-poll response."
 *
 * <p>RFC 7240's grammar: {@code Prefer = 1#preference}, {@code preference = token [ BWS "=" BWS
 * word ] *( OWS ";" [ OWS parameter ] )}, preference names compared case-insensitively, {@code
 * wait} taking {@code delta-seconds}. Lenient as the RFC asks ("a server MUST ignore ... any
 * preference it does not understand" and it is "free to ignore" a preference): other preferences,
 * parameters and malformed values are ignored; of several {@code wait} preferences the first counts
 * ("the first occurrence ... is used"). The server's own bound caps the value: a server "that is
 * unable or unwilling to honor" the full wait answers sooner.
 */
public final class PreferWait {

    public static final String NAME = "Prefer";

    private PreferWait() {}

    /**
     * The wait the agent asks for, capped at {@code max}; empty when no valid {@code wait}
     * preference is present (or it is 0).
     *
     * @param fieldLines the {@code Prefer} field lines (null or empty when absent)
     */
    public static Optional<Duration> of(List<String> fieldLines, Duration max) {
        if (fieldLines == null) {
            return Optional.empty();
        }
        for (String line : fieldLines) {
            if (line == null) {
                continue;
            }
            for (String preference : line.split(",")) {
                String first = preference.split(";", 2)[0];
                int eq = first.indexOf('=');
                if (eq < 0
                        || !first.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("wait")) {
                    continue;
                }
                String value = first.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return seconds(value)
                        .map(s -> s.compareTo(max) > 0 ? max : s)
                        .filter(s -> !s.isZero());
            }
        }
        return Optional.empty();
    }

    /** {@code delta-seconds = 1*DIGIT}; values too large for a {@code long} saturate. */
    private static Optional<Duration> seconds(String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(
                Duration.ofSeconds(value.length() > 12 ? 999_999_999_999L : Long.parseLong(value)));
    }
}
