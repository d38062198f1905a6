package dev.aauth.httpsig;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An ordered, case-insensitive multimap of header fields: name to field lines, in the order they
 * were added. Immutable; built with {@link #builder()}. Useful for clients assembling a request to
 * sign and for tests; servers usually wrap their container's headers in a {@link FieldLookup}
 * instead of copying them here.
 */
public final class HttpFields implements FieldLookup {

    public static final HttpFields EMPTY = new HttpFields(Map.of());

    private final Map<String, List<String>> byName;

    private HttpFields(Map<String, List<String>> byName) {
        this.byName = byName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fields from alternating names and values: {@code of("Host", "example.com", "Accept",
     * "*}{@code /*")}.
     */
    public static HttpFields of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Builder b = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            b.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return b.build();
    }

    @Override
    public List<String> lines(String name) {
        List<String> lines = byName.get(name.toLowerCase(Locale.ROOT));
        return lines == null ? List.of() : lines;
    }

    public boolean contains(String name) {
        return byName.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The lowercase field names, in the order first added. */
    public Set<String> names() {
        return byName.keySet();
    }

    /** A builder holding these fields, to add more (for instance the signature fields). */
    public Builder toBuilder() {
        Builder b = new Builder();
        byName.forEach((name, lines) -> b.map.put(name, new ArrayList<>(lines)));
        return b;
    }

    @Override
    public String toString() {
        return byName.toString();
    }

    /** Collects field lines; names are lowercased, lines keep their order. */
    public static final class Builder {
        private final LinkedHashMap<String, List<String>> map = new LinkedHashMap<>();

        private Builder() {}

        /** Adds one field line (a further line when the field is already present). */
        public Builder add(String name, String value) {
            if (value == null) {
                throw new IllegalArgumentException("null field value");
            }
            map.computeIfAbsent(checkName(name), k -> new ArrayList<>(1)).add(value);
            return this;
        }

        /** Replaces all lines of a field with one line. */
        public Builder set(String name, String value) {
            String key = checkName(name);
            map.remove(key);
            return add(key, value);
        }

        public Builder remove(String name) {
            map.remove(name.toLowerCase(Locale.ROOT));
            return this;
        }

        public HttpFields build() {
            if (map.isEmpty()) {
                return EMPTY;
            }
            LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
            map.forEach((name, lines) -> copy.put(name, List.copyOf(lines)));
            return new HttpFields(Collections.unmodifiableMap(copy));
        }

        // RFC 9110 Section 5.1: field-name = token
        private static String checkName(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("empty field name");
            }
            for (int i = 0; i < name.length(); i++) {
                if (!Syntax.isTchar(name.charAt(i))) {
                    throw new IllegalArgumentException("invalid field name: " + name);
                }
            }
            return name.toLowerCase(Locale.ROOT);
        }
    }
}
