package dev.aauth.jose;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable JWK Set (RFC 7517 section 5): the signature keys an issuer publishes at its {@code
 * jwks_uri}.
 *
 * <p>Parsing policy (what a verifier may safely use):
 *
 * <ul>
 *   <li>The document must be a JSON object whose {@code keys} member is an array of JSON objects,
 *       with at most {@link #MAX_KEYS} entries; otherwise {@code invalid_key}.
 *   <li>Entries that cannot be used are skipped and the rest is kept: unsupported {@code kty} or
 *       curve ("Implementations SHOULD ignore JWKs within a JWK Set that use 'kty' values that are
 *       not understood by them", RFC 7517 section 5), symmetric {@code oct} keys, keys whose {@code
 *       use} is not {@code sig}, and keys that fail validation ({@link Jwk#parse}: bad encoding,
 *       point off the curve, private members). A skipped key is never trusted, so a token naming it
 *       fails with "unknown key" rather than breaking the issuer's other keys. {@link #skipped()}
 *       tells how many were dropped.
 *   <li>Duplicate {@code kid}: the FIRST key with that kid is kept and later ones are skipped, so a
 *       key appended to a document can never shadow one listed before it.
 *   <li>Keys without {@code kid} are kept in {@link #keys()} but cannot be found by {@link #byKid}.
 * </ul>
 */
public final class JwkSet {

    /** The most entries a parsed document may list (each EC key costs a point validation). */
    public static final int MAX_KEYS = 64;

    private static final JwkSet EMPTY = new JwkSet(List.of(), Map.of(), 0);

    private final List<Jwk> keys;
    private final Map<String, Jwk> byKid;
    private final int skipped;

    private JwkSet(List<Jwk> keys, Map<String, Jwk> byKid, int skipped) {
        this.keys = keys;
        this.byKid = byKid;
        this.skipped = skipped;
    }

    public static JwkSet empty() {
        return EMPTY;
    }

    /** A set of the given keys, in order; a later key repeating an earlier kid is dropped. */
    public static JwkSet of(Collection<Jwk> keys) {
        List<Jwk> kept = new ArrayList<>(keys.size());
        Map<String, Jwk> index = new HashMap<>();
        int skipped = 0;
        for (Jwk k : keys) {
            if (add(k, kept, index)) {
                continue;
            }
            skipped++;
        }
        return new JwkSet(List.copyOf(kept), Collections.unmodifiableMap(index), skipped);
    }

    private static boolean add(Jwk k, List<Jwk> kept, Map<String, Jwk> index) {
        Optional<String> kid = k.kid();
        if (kid.isPresent()) {
            if (index.containsKey(kid.get())) {
                return false;
            }
            index.put(kid.get(), k);
        }
        kept.add(k);
        return true;
    }

    /**
     * Parses a JWKS document given as a JSON object map.
     *
     * @throws AAuthException {@code invalid_key} when the document itself is malformed
     */
    public static JwkSet parse(Map<String, ?> document) {
        if (document == null) {
            throw invalid("JWKS is missing");
        }
        Object keysValue = document.get("keys");
        if (!(keysValue instanceof List)) {
            throw invalid("JWKS must have a 'keys' array");
        }
        List<?> entries = (List<?>) keysValue;
        if (entries.size() > MAX_KEYS) {
            throw invalid("JWKS lists more than " + MAX_KEYS + " keys");
        }
        List<Jwk> kept = new ArrayList<>(entries.size());
        Map<String, Jwk> index = new HashMap<>();
        int skipped = 0;
        for (Object entry : entries) {
            if (!(entry instanceof Map)) {
                throw invalid("JWKS 'keys' entries must be JSON objects");
            }
            @SuppressWarnings("unchecked")
            Map<String, ?> m = (Map<String, ?>) entry;
            Jwk k;
            try {
                k = Jwk.parse(m);
            } catch (AAuthException e) {
                skipped++;
                continue;
            }
            if (k.use().isPresent() && !"sig".equals(k.use().get())) {
                skipped++;
                continue;
            }
            if (!add(k, kept, index)) {
                skipped++;
            }
        }
        return new JwkSet(List.copyOf(kept), Collections.unmodifiableMap(index), skipped);
    }

    /** Parses a JWKS document from JSON text; see {@link #parse(Map)}. */
    public static JwkSet parseJson(String json) {
        return parse(JsonObjects.parse(json, AAuthError.INVALID_KEY, "JWKS"));
    }

    /** The usable keys, in document order. */
    public List<Jwk> keys() {
        return keys;
    }

    /** The key with this {@code kid} (the first one listed, if the document repeated it). */
    public Optional<Jwk> byKid(String kid) {
        return kid == null ? Optional.empty() : Optional.ofNullable(byKid.get(kid));
    }

    /** The listed key with the same key material as {@code key}, whatever its kid/alg/use. */
    public Optional<Jwk> findSameKey(Jwk key) {
        for (Jwk k : keys) {
            if (k.sameKeyAs(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    public int size() {
        return keys.size();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** How many entries of the parsed document were dropped (see the class comment). */
    public int skipped() {
        return skipped;
    }

    /** {@code {"keys":[...]}} with each key's public members. */
    public Map<String, Object> toMap() {
        List<Object> list = new ArrayList<>(keys.size());
        for (Jwk k : keys) {
            list.add(k.toMap());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keys", Collections.unmodifiableList(list));
        return Collections.unmodifiableMap(m);
    }

    public String toJson() {
        return JsonObjects.toJson(toMap());
    }

    private static AAuthException invalid(String detail) {
        return new AAuthException(AAuthError.INVALID_KEY, detail);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JwkSet && ((JwkSet) o).keys.equals(keys);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
