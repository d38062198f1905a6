package dev.aauth.jakarta.store;

/** What the Person Server decided about a token request. */
public enum DecisionOutcome {
    /** Direct grant: a token without asking anyone (remembered consent, policy). */
    GRANTED,
    /** Sent to the person: a pending request with interaction. */
    DEFERRED,
    /** The person approved a pending request. */
    APPROVED,
    /** Refused: by the person, or by an explicit deny rule. */
    DENIED;

    @jakarta.persistence.Converter
    public static class ColumnConverter
            implements jakarta.persistence.AttributeConverter<DecisionOutcome, String> {
        @Override
        public String convertToDatabaseColumn(DecisionOutcome value) {
            return EnumColumns.toColumn(value);
        }

        @Override
        public DecisionOutcome convertToEntityAttribute(String column) {
            return EnumColumns.fromColumn(DecisionOutcome.class, column);
        }
    }
}
