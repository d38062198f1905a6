package dev.aauth.jakarta.store;

/**
 * How an agent came to belong to its person: "bound by an administrator or at first consent, never
 * re-bound silently".
 */
public enum BoundBy {
    ADMIN,
    CONSENT;

    @jakarta.persistence.Converter
    public static class ColumnConverter
            implements jakarta.persistence.AttributeConverter<BoundBy, String> {
        @Override
        public String convertToDatabaseColumn(BoundBy value) {
            return EnumColumns.toColumn(value);
        }

        @Override
        public BoundBy convertToEntityAttribute(String column) {
            return EnumColumns.fromColumn(BoundBy.class, column);
        }
    }
}
