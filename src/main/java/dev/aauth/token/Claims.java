package dev.aauth.token;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Typed, strict reads of JWT claims; a missing or mistyped claim fails with the caller's code. */
final class Claims {

    private final Map<String, Object> map;
    private final AAuthError code;

    Claims(Map<String, Object> map, AAuthError code) {
        this.map = map;
        this.code = code;
    }

    static AAuthException fail(AAuthError code, String detail) {
        return new AAuthException(code, detail);
    }

    Map<String, Object> map() {
        return map;
    }

    String requiredString(String name) {
        Object v = map.get(name);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw fail(code, "claim " + name + " must be a non-empty string");
        }
        return s;
    }

    String optionalString(String name) {
        Object v = map.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isEmpty()) {
            throw fail(code, "claim " + name + " must be a non-empty string");
        }
        return s;
    }

    /**
     * The largest NumericDate accepted: 9999-12-31T23:59:59Z. Bounding the range keeps every
     * comparison and difference of two dates ({@code exp - iat}) free of overflow.
     */
    static final long MAX_NUMERIC_DATE = 253_402_300_799L;

    /**
     * NumericDate (RFC 7519): whole seconds in [0, {@link #MAX_NUMERIC_DATE}]; fractional values
     * are refused.
     */
    long requiredNumericDate(String name) {
        Object v = map.get(name);
        if (v == null) {
            throw fail(code, "claim " + name + " is REQUIRED");
        }
        return numericDate(name, v);
    }

    /** As {@link #requiredNumericDate}, or {@code -1} when the claim is absent. */
    long optionalNumericDate(String name) {
        Object v = map.get(name);
        return v == null ? -1 : numericDate(name, v);
    }

    private long numericDate(String name, Object v) {
        long value;
        if (v instanceof Long l) {
            value = l;
        } else if (v instanceof Integer i) {
            value = i;
        } else {
            throw fail(code, "claim " + name + " must be an integer NumericDate");
        }
        if (value < 0 || value > MAX_NUMERIC_DATE) {
            throw fail(code, "claim " + name + " is out of range");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> requiredObject(String name) {
        Object v = map.get(name);
        if (!(v instanceof Map<?, ?> m)) {
            throw fail(code, "claim " + name + " must be an object");
        }
        return (Map<String, Object>) m;
    }

    /**
     * {@code scope}: "a space-separated string of scope values" (RFC 6749 Section 3.3: {@code scope
     * = scope-token *( SP scope-token )}, so no leading, trailing or doubled space). Absent gives
     * an empty list.
     */
    List<String> scope() {
        String s = optionalString("scope");
        if (s == null) {
            return List.of();
        }
        // limit -1 keeps trailing empty strings, so "read " is refused like " read"
        List<String> scopes = Arrays.asList(s.split(" ", -1));
        for (String one : scopes) {
            if (one.isEmpty() || !Scopes.isValidToken(one)) {
                throw fail(code, "scope must be space-separated scope tokens");
            }
        }
        return List.copyOf(scopes);
    }
}
