package dev.aauth.jakarta.resource;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.http.CanonicalPath;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which protection is in force for the resource method a request actually runs. Plain Java
 * (no JAX-RS): the filters hand in what the JAX-RS runtime matched.
 *
 * <ul>
 *   <li><b>The path a rule sees is the canonical path</b> ({@link CanonicalPath}) of the raw
 *       request target, below the application's base path: decoded once, matrix parameters removed
 *       from every segment, dot segments and empty segments resolved. A path that cannot be read
 *       one unambiguous way ({@code %2F}, {@code %5C}, an encoded {@code ;} or {@code %}, overlong
 *       UTF-8, a control character, a {@code ..} above the root) is refused with {@code 400
 *       invalid_request}, never passed.
 *   <li><b>The rule decision and the JAX-RS routing must agree</b>: the path segments the runtime
 *       routed by (decoded, matrix parameters removed, empty segments dropped) must be the
 *       canonical path's segments. If the runtime read the path another way (it kept a {@code .} or
 *       {@code ..} as a segment of its own, or decoded differently), the rule could have been
 *       decided for another path than the one that runs: {@code 400}.
 *   <li><b>The method a rule sees is every method that runs</b>: JAX-RS answers {@code HEAD} with
 *       the {@code GET} method when there is no {@code HEAD} method, so a {@code HEAD} request is
 *       decided by the rules for {@code HEAD} and for {@code GET} together (always: stricter where
 *       a {@code @HEAD} method exists, never looser); any other method whose request runs a method
 *       of another designator is decided by the rules of both.
 *   <li><b>The stricter wins</b>: where a configured rule and an {@link AAuthProtected} annotation
 *       both apply, both are enforced ({@link Protection#strictest}: the higher level and every
 *       scope either names). A rule can tighten an annotation; it can never loosen one.
 * </ul>
 */
public final class EndpointProtection {

    private EndpointProtection() {}

    /**
     * The protection in force, or null when neither a rule nor an annotation applies.
     *
     * @param rules the configured rules ({@code aauth.resource.protect}), in order
     * @param requestMethod the request's method
     * @param routedMethod the HTTP method designator of the resource method that runs ({@code GET}
     *     for a {@code HEAD} request answered by a {@code @GET} method), or null when unknown
     * @param path the request's canonical path below the application root
     * @param annotated the {@link AAuthProtected} protection of the resource method, or null
     */
    public static Protection decide(
            List<PathRule> rules,
            String requestMethod,
            String routedMethod,
            CanonicalPath path,
            Protection annotated) {
        Protection rule = ruleFor(rules, requestMethod, path);
        if (routedMethod != null && !routedMethod.equals(requestMethod)) {
            rule = Protection.strictest(rule, ruleFor(rules, routedMethod, path));
        }
        if (requestMethod.equals("HEAD") && !"GET".equals(routedMethod)) {
            // the designator may be out of sight (inherited from an interface); HEAD is GET's
            rule = Protection.strictest(rule, ruleFor(rules, "GET", path));
        }
        return Protection.strictest(rule, annotated);
    }

    private static Protection ruleFor(List<PathRule> rules, String method, CanonicalPath path) {
        PathRule r = PathRule.firstMatch(rules, method, path);
        return r == null ? null : r.protection();
    }

    /**
     * The canonical path below the application root of a request, checked against the path the
     * JAX-RS runtime routed it by.
     *
     * @param rawRequestPath the request target's path, still percent-encoded, as received
     * @param rawBasePath the application's base path, percent-encoded ({@code /} for a root
     *     context)
     * @param routedSegments the decoded path segments (without matrix parameters) the runtime
     *     matched, below the base path; empty ones are ignored
     * @throws AAuthException {@code invalid_request} when the path cannot be read one unambiguous
     *     way, lies outside the base path, or was routed as another path than its canonical form
     */
    public static CanonicalPath canonicalPath(
            String rawRequestPath, String rawBasePath, List<String> routedSegments) {
        CanonicalPath full = CanonicalPath.parse(rawRequestPath);
        CanonicalPath base = CanonicalPath.parse(rawBasePath);
        if (!full.isAtOrBelow(base)) {
            throw refused("it is not below the application's base path");
        }
        List<String> below =
                full.segments().subList(base.segments().size(), full.segments().size());
        List<String> routed = new ArrayList<>(routedSegments.size());
        for (String s : routedSegments) {
            if (!s.isEmpty()) {
                routed.add(s);
            }
        }
        if (!routed.equals(below)) {
            throw refused("the server routed it as another path than its canonical form");
        }
        return below.isEmpty()
                ? CanonicalPath.ROOT
                : new CanonicalPath("/" + String.join("/", below), below);
    }

    private static AAuthException refused(String why) {
        return new AAuthException(AAuthError.INVALID_REQUEST, "request path refused: " + why);
    }
}
