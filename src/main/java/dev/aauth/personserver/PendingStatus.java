package dev.aauth.personserver;

import java.util.Locale;

/**
 * The life of a deferred request ("Deferred Responses"): {@code pending} until the person arrives
 * with the interaction code, {@code interacting} while they decide, then one of the outcomes. The
 * first two are the {@code status} values a {@code 202} shows the polling agent.
 */
public enum PendingStatus {
    PENDING,
    INTERACTING,
    APPROVED,
    DENIED,
    ABANDONED,
    EXPIRED,
    CANCELLED,
    REDEEMED;

    /** Still waiting for the person: {@code pending} or {@code interacting}. */
    public boolean isOpen() {
        return this == PENDING || this == INTERACTING;
    }

    /** The lower-case name, as a {@code 202} body's {@code status} shows it. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
