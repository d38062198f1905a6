package dev.aauth.token;

import dev.aauth.error.AAuthError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code act} claim (RFC 8693 Section 4.1): "In direct authorization, act.sub is the agent
 * identifier. In call chaining, act nests to record the full delegation chain".
 *
 * @param sub the actor's identifier
 * @param act the previous actor in the chain, or null
 */
public record Actor(String sub, Actor act) {

    /** Chains deeper than this are refused: a chain is a handful of hops, never thousands. */
    public static final int MAX_DEPTH = 8;

    public static Actor of(String sub) {
        return new Actor(sub, null);
    }

    /** A new outermost actor whose previous actor is {@code upstream}. */
    public static Actor nest(String sub, Actor upstream) {
        return new Actor(sub, upstream);
    }

    public int depth() {
        int d = 1;
        for (Actor a = act; a != null; a = a.act) {
            d++;
        }
        return d;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sub", sub);
        if (act != null) {
            m.put("act", act.toMap());
        }
        return m;
    }

    /**
     * Reads an {@code act} claim (nested objects with a string {@code sub}, at most {@value
     * #MAX_DEPTH} deep); a malformed one is {@code code}.
     */
    public static Actor fromClaim(Object claim, AAuthError code) {
        return fromClaim(claim, code, 1);
    }

    private static Actor fromClaim(Object claim, AAuthError code, int depth) {
        if (depth > MAX_DEPTH) {
            throw Claims.fail(code, "act chain deeper than " + MAX_DEPTH);
        }
        if (!(claim instanceof Map<?, ?> m)
                || !(m.get("sub") instanceof String sub)
                || sub.isEmpty()) {
            throw Claims.fail(code, "act must be an object with a string sub");
        }
        Object inner = m.get("act");
        return new Actor(sub, inner == null ? null : fromClaim(inner, code, depth + 1));
    }
}
