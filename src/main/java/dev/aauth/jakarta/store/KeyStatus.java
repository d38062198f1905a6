package dev.aauth.jakarta.store;

/**
 * A signing key's place in rotation: the {@code NEXT} key is published before it signs (so that
 * verifiers' cached JWKS know it); the one {@code CURRENT} key signs; {@code PREVIOUS} keys are
 * still published until the tokens they signed have expired ({@code retire_after}); {@code RETIRED}
 * keys are no longer published.
 */
public enum KeyStatus {
    NEXT,
    CURRENT,
    PREVIOUS,
    RETIRED;

    @jakarta.persistence.Converter
    public static class ColumnConverter
            implements jakarta.persistence.AttributeConverter<KeyStatus, String> {
        @Override
        public String convertToDatabaseColumn(KeyStatus value) {
            return EnumColumns.toColumn(value);
        }

        @Override
        public KeyStatus convertToEntityAttribute(String column) {
            return EnumColumns.fromColumn(KeyStatus.class, column);
        }
    }
}
