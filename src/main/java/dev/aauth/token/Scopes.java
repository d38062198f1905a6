package dev.aauth.token;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Scope strings: "a space-separated string of scope values" (RFC 6749 Section 3.3 syntax). */
public final class Scopes {

    private Scopes() {}

    /** scope-token = 1*( %x21 / %x23-5B / %x5D-7E ) */
    public static boolean isValidToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7E || c == 0x22 || c == 0x5C) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a scope string leniently (request input): runs of spaces separate, blank gives an
     * empty list, duplicates are dropped, order kept.
     *
     * @throws AAuthException {@code invalid_scope} for a value that is not a scope-token
     */
    public static List<String> parse(String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : scope.trim().split(" +")) {
            if (!isValidToken(s)) {
                throw new AAuthException(AAuthError.INVALID_SCOPE, "invalid scope token");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** True when every element is a scope-token (and the collection is not null). */
    public static boolean allValid(Collection<String> scopes) {
        if (scopes == null) {
            return false;
        }
        for (String s : scopes) {
            if (s == null || !isValidToken(s)) {
                return false;
            }
        }
        return true;
    }

    public static String join(Collection<String> scopes) {
        return String.join(" ", scopes);
    }
}
