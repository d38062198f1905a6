package dev.aauth.sfv;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A Dictionary (RFC 9651 Section 3.2): an ordered map from key to {@link Member}. Immutable. {@code
 * Signature-Input}, {@code Signature} and {@code Signature-Key} are Dictionaries keyed by label.
 */
public final class Dictionary {

    public static final Dictionary EMPTY = new Dictionary(Map.of());

    private final Map<String, Member> map;

    private Dictionary(Map<String, Member> map) {
        this.map = map;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Member get(String key) {
        return map.get(key);
    }

    public boolean containsKey(String key) {
        return map.containsKey(key);
    }

    public Set<String> keySet() {
        return map.keySet();
    }

    public int size() {
        return map.size();
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    /** Unmodifiable view in order. */
    public Map<String, Member> asMap() {
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dictionary other
                && map.equals(other.map)
                && String.join(",", map.keySet()).equals(String.join(",", other.map.keySet()));
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }

    @Override
    public String toString() {
        return StructuredFields.serializeDictionary(this);
    }

    /** Builds a Dictionary in insertion order. */
    public static final class Builder {
        private final LinkedHashMap<String, Member> map = new LinkedHashMap<>();

        private Builder() {}

        public Builder put(String key, Member member) {
            map.put(key, member);
            return this;
        }

        public Builder put(String key, Object bareItem) {
            map.put(key, Item.of(bareItem));
            return this;
        }

        public Dictionary build() {
            return map.isEmpty()
                    ? EMPTY
                    : new Dictionary(Collections.unmodifiableMap(new LinkedHashMap<>(map)));
        }

        Dictionary buildOwned() {
            return map.isEmpty() ? EMPTY : new Dictionary(Collections.unmodifiableMap(map));
        }
    }
}
