package dev.aauth.sfv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parameters (RFC 9651 Section 3.1.2): an ordered map from key to bare item. Immutable. A key set
 * twice keeps its first position and its last value, as the parser does.
 */
public final class Parameters {

    public static final Parameters EMPTY = new Parameters(Map.of());

    private final Map<String, Object> map;

    private Parameters(Map<String, Object> map) {
        this.map = map;
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    public int size() {
        return map.size();
    }

    public boolean containsKey(String key) {
        return map.containsKey(key);
    }

    /** The bare item for {@code key}, or null. */
    public Object get(String key) {
        return map.get(key);
    }

    /** The String value of {@code key}, or null when absent or not a String. */
    public String getString(String key) {
        return map.get(key) instanceof String s ? s : null;
    }

    /** The Integer value of {@code key}, or null when absent or not an Integer. */
    public Long getLong(String key) {
        return map.get(key) instanceof Long l ? l : null;
    }

    /** The Token value of {@code key} as text, or null when absent or not a Token. */
    public String getToken(String key) {
        return map.get(key) instanceof Token t ? t.value() : null;
    }

    public Set<String> keySet() {
        return map.keySet();
    }

    /** Unmodifiable view in order. */
    public Map<String, Object> asMap() {
        return map;
    }

    @Override
    public boolean equals(Object o) {
        // order matters for equality of serialized forms
        return o instanceof Parameters other
                && map.equals(other.map)
                && String.join(",", map.keySet()).equals(String.join(",", other.map.keySet()));
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }

    @Override
    public String toString() {
        return StructuredFields.serializeParameters(this);
    }

    /** Builds Parameters in insertion order. */
    public static final class Builder {
        private final LinkedHashMap<String, Object> map = new LinkedHashMap<>();

        private Builder() {}

        public Builder put(String key, Object value) {
            BareItems.check(value);
            map.put(key, value);
            return this;
        }

        public Builder putAll(Parameters other) {
            map.putAll(other.map);
            return this;
        }

        public Builder remove(String key) {
            map.remove(key);
            return this;
        }

        public Parameters build() {
            return map.isEmpty()
                    ? EMPTY
                    : new Parameters(Collections.unmodifiableMap(new LinkedHashMap<>(map)));
        }

        /** Used by the parser: hands over the map without a copy. */
        Parameters buildOwned() {
            return map.isEmpty() ? EMPTY : new Parameters(Collections.unmodifiableMap(map));
        }
    }
}
