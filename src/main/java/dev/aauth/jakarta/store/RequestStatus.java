package dev.aauth.jakarta.store;

import java.util.Locale;
import java.util.Set;

/**
 * The lifecycle of a pending request. The draft's body {@code status} is {@code "pending"} "while
 * the request is waiting" and {@code "interacting"} "when the user has arrived at the interaction
 * endpoint"; the others are terminal and map to the draft's polling answers: {@code approved} then
 * {@code redeemed} (200 with the token, once), {@code denied} and {@code abandoned} (403), {@code
 * expired} (408), {@code cancelled} (the agent's DELETE). "Once a terminal response is returned,
 * the pending URL MUST return 410 Gone."
 */
public enum RequestStatus {
    PENDING,
    INTERACTING,
    APPROVED,
    DENIED,
    ABANDONED,
    EXPIRED,
    CANCELLED,
    REDEEMED;

    /** The states a person or the agent can still act on. */
    public static final Set<RequestStatus> OPEN = Set.of(PENDING, INTERACTING);

    public boolean isOpen() {
        return OPEN.contains(this);
    }

    /** The value in the {@code status} column and in the draft's JSON ({@code "pending"}, ...). */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Column value to constant. */
    @jakarta.persistence.Converter
    public static class ColumnConverter
            implements jakarta.persistence.AttributeConverter<RequestStatus, String> {
        @Override
        public String convertToDatabaseColumn(RequestStatus value) {
            return EnumColumns.toColumn(value);
        }

        @Override
        public RequestStatus convertToEntityAttribute(String column) {
            return EnumColumns.fromColumn(RequestStatus.class, column);
        }
    }
}
