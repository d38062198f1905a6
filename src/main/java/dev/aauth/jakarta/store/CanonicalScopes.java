package dev.aauth.jakarta.store;

import dev.aauth.token.Scopes;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scope sets as a column holds them: the scope-tokens sorted, without duplicates, joined by one
 * space. Equal sets give equal strings.
 */
final class CanonicalScopes {

    private CanonicalScopes() {}

    /**
     * @throws IllegalArgumentException when an element is not an RFC 6749 scope-token
     */
    static String of(Collection<String> scopes) {
        Set<String> sorted = new TreeSet<>();
        for (String scope : scopes) {
            if (scope == null || !Scopes.isValidToken(scope)) {
                throw new IllegalArgumentException("not a scope-token: " + scope);
            }
            sorted.add(scope);
        }
        return String.join(" ", sorted);
    }

    static Set<String> parse(String column) {
        Set<String> scopes = new TreeSet<>();
        if (column != null && !column.isEmpty()) {
            for (String scope : column.split(" ")) {
                scopes.add(scope);
            }
        }
        return Collections.unmodifiableSet(scopes);
    }
}
