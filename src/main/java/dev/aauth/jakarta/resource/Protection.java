package dev.aauth.jakarta.resource;

import java.util.List;
import java.util.Objects;

/**
 * The protection in force for one endpoint, from {@link AAuthProtected} or a {@link PathRule}.
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

    static Protection of(AAuthProtected annotation, String source) {
        return new Protection(annotation.level(), List.of(annotation.scopes()), source);
    }
}
