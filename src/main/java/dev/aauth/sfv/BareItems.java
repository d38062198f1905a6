package dev.aauth.sfv;

import java.math.BigDecimal;

/** The closed set of Java types that represent bare items. */
final class BareItems {

    private BareItems() {}

    static void check(Object value) {
        if (!(value instanceof Long
                || value instanceof BigDecimal
                || value instanceof String
                || value instanceof Token
                || value instanceof ByteSequence
                || value instanceof Boolean
                || value instanceof SfDate
                || value instanceof DisplayString)) {
            throw new IllegalArgumentException(
                    "not a structured-field bare item: " + value.getClass().getName());
        }
    }
}
