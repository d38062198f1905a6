package dev.aauth.jakarta.resource;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The protection in force for one endpoint, from {@link AAuthProtected}, a {@link PathRule}, or
 * both combined ({@link #strictest}).
 *
 * @param level the endpoint's own access level (the resource-wide floor is applied later)
 * @param scopes the scopes an auth token must grant here; may be empty
 * @param source where it was declared, for logs and error messages
 */
public record Protection(AccessLevel level, List<String> scopes, String source) {

    public Protection {
        Objects.requireNonNull(level, "level");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(source, "source");
    }

    /**
     * The protection that satisfies both {@code a} and {@code b}: the higher level, and every scope
     * either demands. Null stands for "no protection declared"; both null gives null. This is how a
     * configured rule and an annotation combine (the stricter wins; neither can loosen the other),
     * and how the rules for {@code HEAD} and {@code GET} combine when {@code HEAD} runs a {@code
     * GET} method.
     */
    public static Protection strictest(Protection a, Protection b) {
        if (a == null || a.equals(b)) {
            return b;
        }
        if (b == null) {
            return a;
        }
        LinkedHashSet<String> scopes = new LinkedHashSet<>(a.scopes);
        scopes.addAll(b.scopes);
        return new Protection(
                a.level.atLeast(b.level), List.copyOf(scopes), a.source + " and " + b.source);
    }

    static Protection of(AAuthProtected annotation, String source) {
        return new Protection(annotation.level(), List.of(annotation.scopes()), source);
    }
}
