package dev.aauth.token;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Scope strings: "a space-separated string of scope values" (RFC 6749 Section 3.3 syntax). */
public final class Scopes {

    private Scopes() {
    }

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

    /** Parses a scope string; blank gives an empty list; duplicates are dropped, order kept. */
    public static List<String> parse(String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : scope.trim().split(" +")) {
            if (!isValidToken(s)) {
                throw new IllegalArgumentException("invalid scope token: " + s);
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    public static String join(Collection<String> scopes) {
        return String.join(" ", scopes);
    }
}
