package dev.aauth.jakarta.store;

import java.util.Locale;

/**
 * Enum constants as columns hold them: the lower-case name, the values the schema's CHECK
 * constraints list. Each enum's {@code ColumnConverter} delegates here (a converter must name its
 * types directly for the provider to apply it).
 */
final class EnumColumns {

    private EnumColumns() {}

    static String toColumn(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E fromColumn(Class<E> type, String column) {
        return column == null ? null : Enum.valueOf(type, column.toUpperCase(Locale.ROOT));
    }
}
