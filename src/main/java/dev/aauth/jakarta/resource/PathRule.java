package dev.aauth.jakarta.resource;

import dev.aauth.error.AAuthException;
import dev.aauth.token.Scopes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of {@code aauth.resource.protect}: protection declared by configuration instead of
 * {@link AAuthProtected}.
 *
 * <p>Syntax: rules separated by {@code ;}, each {@code <METHOD> <path>=<level>[:<scopes>]}:
 *
 * <pre>
 * GET /api/inventory=auth-token:supply-chain:read; POST /api/optimize=auth-token:supply-chain:check supply-chain:read;
 * GET /api/status=identity; * /admin/*=auth-token:admin
 * </pre>
 *
 * <ul>
 *   <li>{@code METHOD}: an HTTP method in upper case, or {@code *} for every method;
 *   <li>{@code path}: the request path below the application root, starting with {@code /}; matched
 *       exactly against the decoded path, or, when it ends in {@code /*}, against that prefix and
 *       everything below it ({@code /admin/*} matches {@code /admin} and {@code /admin/users/7});
 *   <li>{@code level}: {@code identity} or {@code auth-token} ({@link AccessLevel});
 *   <li>{@code scopes}: after the first {@code :}, space-separated scopes (scopes may themselves
 *       contain {@code :}).
 * </ul>
 *
 * The first matching rule wins. A scope may not contain {@code ;} or {@code =} here.
 *
 * @param method upper-case method, or {@code *}
 * @param path exact path, or a prefix ending in {@code /*}
 */
public record PathRule(String method, String path, Protection protection) {

    public PathRule {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(protection, "protection");
    }

    /**
     * Whether this rule applies to a request; {@code path} is decoded and starts with {@code /}.
     */
    public boolean matches(String requestMethod, String requestPath) {
        if (!method.equals("*") && !method.equals(requestMethod)) {
            return false;
        }
        if (path.endsWith("/*")) {
            String prefix = path.substring(0, path.length() - 2);
            return requestPath.equals(prefix)
                    || requestPath.startsWith(prefix + "/")
                    || (prefix.isEmpty() && requestPath.startsWith("/"));
        }
        return requestPath.equals(path);
    }

    /** The first rule of {@code rules} matching the request, or null. */
    public static PathRule firstMatch(
            List<PathRule> rules, String requestMethod, String requestPath) {
        for (PathRule r : rules) {
            if (r.matches(requestMethod, requestPath)) {
                return r;
            }
        }
        return null;
    }

    /**
     * Parses the whole property value.
     *
     * @throws IllegalArgumentException describing the first malformed rule
     */
    public static List<PathRule> parseAll(String value) {
        List<PathRule> rules = new ArrayList<>();
        if (value == null) {
            return rules;
        }
        for (String entry : value.split(";")) {
            String e = entry.strip();
            if (!e.isEmpty()) {
                rules.add(parse(e));
            }
        }
        return List.copyOf(rules);
    }

    static PathRule parse(String entry) {
        int space = entry.indexOf(' ');
        int eq = entry.indexOf('=');
        if (space <= 0 || eq < space) {
            throw new IllegalArgumentException(
                    "'" + entry + "' is not '<METHOD> <path>=<level>[:<scopes>]'");
        }
        String method = entry.substring(0, space);
        if (!method.equals("*") && !method.matches("[A-Z]+")) {
            throw new IllegalArgumentException("'" + entry + "': method must be upper case or *");
        }
        String path = entry.substring(space + 1, eq).strip();
        if (!path.startsWith("/")
                || path.contains(" ")
                || path.contains("?")
                || path.contains("#")
                || (path.contains("*") && !path.endsWith("/*"))
                || path.indexOf('*') != path.lastIndexOf('*')) {
            throw new IllegalArgumentException(
                    "'" + entry + "': path must start with / and may only end in /*");
        }
        String rest = entry.substring(eq + 1).strip();
        int colon = rest.indexOf(':');
        String levelName =
                (colon < 0 ? rest : rest.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        AccessLevel level =
                AccessLevel.ofConfigName(levelName)
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "'"
                                                        + entry
                                                        + "': level must be identity or auth-token"));
        List<String> scopes;
        try {
            scopes = colon < 0 ? List.of() : Scopes.parse(rest.substring(colon + 1));
        } catch (AAuthException ex) {
            throw new IllegalArgumentException("'" + entry + "': " + ex.detail(), ex);
        }
        return new PathRule(
                method,
                path,
                new Protection(level, scopes, "aauth.resource.protect " + method + " " + path));
    }
}
