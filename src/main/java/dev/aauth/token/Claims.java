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

    /** NumericDate (RFC 7519): whole seconds; fractional values are refused. */
    long requiredNumericDate(String name) {
        Object v = map.get(name);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw fail(code, "claim " + name + " must be an integer NumericDate");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> requiredObject(String name) {
        Object v = map.get(name);
        if (!(v instanceof Map<?, ?> m)) {
            throw fail(code, "claim " + name + " must be an object");
        }
        return (Map<String, Object>) m;
    }

    /** {@code scope}: "a space-separated string of scope values". Absent gives an empty list. */
    List<String> scope() {
        String s = optionalString("scope");
        if (s == null) {
            return List.of();
        }
        List<String> scopes = Arrays.asList(s.split(" "));
        for (String one : scopes) {
            if (one.isEmpty() || !Scopes.isValidToken(one)) {
                throw fail(code, "scope must be space-separated scope tokens");
            }
        }
        return List.copyOf(scopes);
    }
}
