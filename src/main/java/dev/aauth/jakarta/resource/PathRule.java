package dev.aauth.jakarta.resource;

import dev.aauth.error.AAuthException;
import dev.aauth.http.CanonicalPath;
import dev.aauth.token.Scopes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One entry of {@code aauth.resource.protect}: protection declared by configuration instead of, or
 * on top of, {@link AAuthProtected}.
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
 *   <li>{@code path}: the request path below the application root, starting with {@code /}, in its
 *       canonical form ({@link CanonicalPath}: no {@code //}, no dot segment, no trailing {@code
 *       /}, no {@code ;}; a character outside RFC 3986's unreserved set may be percent-encoded).
 *       Matched exactly against the request's canonical path, or, when it ends in {@code /*},
 *       against that prefix and everything below it, segment by segment ({@code /admin/*} matches
 *       {@code /admin} and {@code /admin/users/7}, not {@code /administrator});
 *   <li>{@code level}: {@code identity} or {@code auth-token} ({@link AccessLevel});
 *   <li>{@code scopes}: after the first {@code :}, space-separated scopes (scopes may themselves
 *       contain {@code :}).
 * </ul>
 *
 * The first matching rule wins. A scope may not contain {@code ;} or {@code =} here. The request
 * side of the comparison is always a {@link CanonicalPath} (decoded once, matrix parameters
 * removed, dot segments and empty segments resolved), so {@code /api/status/}, {@code
 * /api;x=1/status} and {@code /api/./status} meet the rule for {@code /api/status}.
 *
 * @param method upper-case method, or {@code *}
 * @param path exact path, or a prefix ending in {@code /*}, as configured
 * @param target the canonical form of {@code path} without its {@code /*}
 * @param prefix whether {@code path} ends in {@code /*}
 */
public record PathRule(
        String method, String path, CanonicalPath target, boolean prefix, Protection protection) {

    public PathRule {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(protection, "protection");
    }

    /** Whether this rule applies to a request whose canonical path is {@code requestPath}. */
    public boolean matches(String requestMethod, CanonicalPath requestPath) {
        if (!method.equals("*") && !method.equals(requestMethod)) {
            return false;
        }
        return prefix ? requestPath.isAtOrBelow(target) : requestPath.equals(target);
    }

    /** As {@link #matches(String, CanonicalPath)}, for a raw request path (tests, tools). */
    public boolean matches(String requestMethod, String rawRequestPath) {
        return matches(requestMethod, CanonicalPath.parse(rawRequestPath));
    }

    /** The first rule of {@code rules} matching the request, or null. */
    public static PathRule firstMatch(
            List<PathRule> rules, String requestMethod, CanonicalPath requestPath) {
        for (PathRule r : rules) {
            if (r.matches(requestMethod, requestPath)) {
                return r;
            }
        }
        return null;
    }

    /** As {@link #firstMatch(List, String, CanonicalPath)}, for a raw request path. */
    public static PathRule firstMatch(
            List<PathRule> rules, String requestMethod, String rawRequestPath) {
        return firstMatch(rules, requestMethod, CanonicalPath.parse(rawRequestPath));
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
        boolean prefix = path.endsWith("/*");
        CanonicalPath target =
                canonicalRulePath(entry, prefix ? path.substring(0, path.length() - 2) : path);
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
                target,
                prefix,
                new Protection(level, scopes, "aauth.resource.protect " + method + " " + path));
    }

    /**
     * The canonical form of a rule's path; refused unless the path already is canonical (apart from
     * percent-encoding), so that what is written is what is matched: a rule for {@code /a/} or
     * {@code /a/./b} would otherwise protect something other than it seems to.
     */
    private static CanonicalPath canonicalRulePath(String entry, String path) {
        if (path.isEmpty()) {
            return CanonicalPath.ROOT; // "/*": everything
        }
        CanonicalPath canonical;
        try {
            canonical = CanonicalPath.parse(path);
        } catch (AAuthException e) {
            throw new IllegalArgumentException("'" + entry + "': " + e.detail(), e);
        }
        String[] raw = path.substring(1).split("/", -1);
        boolean plain = path.indexOf(';') < 0 && raw.length == canonical.segments().size();
        for (int i = 0; plain && i < raw.length; i++) {
            plain = !raw[i].isEmpty() && !raw[i].equals(".") && !raw[i].equals("..");
        }
        if (!plain && !path.equals("/")) {
            throw new IllegalArgumentException(
                    "'"
                            + entry
                            + "': the path must be canonical (no //, no trailing /, no . or .. segment, no ;): "
                            + canonical.value());
        }
        return canonical;
    }
}
