package dev.aauth.sigkey;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.Jws;
import dev.aauth.jose.ParsedJws;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * The {@code jkt-jwt} scheme's "Verification procedure", steps 1-10: a self-issued JWT whose header
 * {@code jwk} signed it and whose {@code cnf.jwk} is the delegated signing key. "any party can
 * create a jkt-jwt — the scheme provides pseudonymous identity, not verified identity": the
 * result's identity is the {@code urn:jkt:...} thumbprint URI, never anything more.
 *
 * <p>Verified delegations are cached until {@code exp} ("jkt-jwt: Cache embedded keys until JWT
 * expiration"), bounded like every cache here ("Verifiers SHOULD implement cache limits to prevent
 * resource exhaustion attacks"). Anyone can mint valid jkt-jwts for free, so the cache is keyed by
 * the SHA-256 of the compact JWT, never the JWT itself (an entry costs ~200 bytes whatever the
 * JWT's size), and when it is full new delegations are verified every time instead of evicting
 * anything.
 */
public final class JktJwtVerifier {

    /** A verified delegation: the enclave identity and the ephemeral key it delegated to. */
    public record Delegation(String identity, Jwk delegatedKey, long expiresAt) {}

    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    /**
     * "Validate exp and iat claims per policy": iat may lie this far ahead (clock skew), as for
     * AAuth tokens.
     */
    public static final long IAT_LEEWAY_SECONDS = 5;

    private final Clock clock;
    private final int maxEntries;
    private final Map<String, Delegation> cache = new ConcurrentHashMap<>();

    public JktJwtVerifier(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    /**
     * @param maxEntries how many verified delegations to remember; 0 disables the cache
     */
    public JktJwtVerifier(Clock clock, int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries < 0");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxEntries = maxEntries;
    }

    /** How many verified delegations are remembered. */
    public int cacheSize() {
        return cache.size();
    }

    /**
     * Verifies a jkt-jwt and returns the delegation.
     *
     * @throws AAuthException {@code invalid_jwt} for anything malformed or a bad signature, {@code
     *     expired_jwt} when {@code exp} has passed
     */
    public Delegation verify(String compact) {
        if (compact == null || compact.isEmpty() || compact.length() > Jws.MAX_COMPACT_LENGTH) {
            throw invalid("jkt-jwt missing or too large");
        }
        long now = clock.instant().getEpochSecond();
        String cacheKey = cacheKey(compact);
        Delegation cached = cache.get(cacheKey);
        if (cached != null) {
            if (cached.expiresAt() <= now) {
                throw new AAuthException(AAuthError.EXPIRED_JWT, "jkt-jwt expired");
            }
            return cached;
        }
        // 1. "Parse the JWT without verifying the signature"
        ParsedJws jws;
        try {
            jws = Jws.parse(compact);
        } catch (AAuthException e) {
            throw e.error() == AAuthError.INVALID_JWT ? e : e.as(AAuthError.INVALID_JWT);
        }
        // 2-3. "Check the typ header ... Determine the hash algorithm and iss prefix from the typ"
        String hash =
                switch (String.valueOf(jws.header().get("typ"))) {
                    case "jkt-s256+jwt" -> Jwk.SHA_256;
                    case "jkt-s512+jwt" -> Jwk.SHA_512;
                    default -> throw invalid("jkt-jwt typ must be jkt-s256+jwt or jkt-s512+jwt");
                };
        // 4. "Extract the jwk from the JWT header"
        if (!(jws.header().get("jwk") instanceof Map<?, ?> headerJwk)) {
            throw invalid("jkt-jwt header has no jwk");
        }
        Jwk identityKey = parseKey(headerJwk);
        // 5-7. "Compute the JWK Thumbprint ... Verify the iss claim matches the constructed value
        // by string equality"
        String expectedIss = identityKey.thumbprintUri(hash);
        if (!expectedIss.equals(jws.claims().get("iss"))) {
            throw invalid("jkt-jwt iss is not the thumbprint URI of the header jwk");
        }
        // 9. "Validate exp and iat claims per policy": both REQUIRED
        long exp = numericDate(jws.claims().get("exp"));
        long iat = numericDate(jws.claims().get("iat"));
        if (exp <= now) {
            throw new AAuthException(AAuthError.EXPIRED_JWT, "jkt-jwt expired");
        }
        if (iat > now + IAT_LEEWAY_SECONDS) {
            throw invalid("jkt-jwt iat is in the future");
        }
        // 10. "Extract the ephemeral public key from cnf.jwk"
        if (!(jws.claims().get("cnf") instanceof Map<?, ?> cnf)
                || !(cnf.get("jwk") instanceof Map<?, ?> cnfJwk)) {
            throw invalid("jkt-jwt has no cnf.jwk");
        }
        Jwk delegated = parseKey(cnfJwk);
        // 8. "Verify the JWT signature using the header jwk" (last: the costly step)
        try {
            jws.verify(identityKey);
        } catch (AAuthException e) {
            throw e.error() == AAuthError.INVALID_JWT ? e : e.as(AAuthError.INVALID_JWT);
        }
        Delegation d = new Delegation(expectedIss, delegated, exp);
        if (maxEntries > 0) {
            if (cache.size() >= maxEntries) {
                cache.values().removeIf(x -> x.expiresAt() <= now);
            }
            if (cache.size() < maxEntries) {
                cache.put(cacheKey, d);
            }
        }
        return d;
    }

    /**
     * base64 of SHA-256 over the compact JWT (ASCII when well-formed; UTF-8 keeps any input total).
     */
    private static String cacheKey(String compact) {
        byte[] in = compact.getBytes(StandardCharsets.UTF_8);
        SHA256Digest digest = new SHA256Digest();
        digest.update(in, 0, in.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return Base64.getEncoder().encodeToString(out);
    }

    @SuppressWarnings("unchecked")
    private static Jwk parseKey(Map<?, ?> map) {
        try {
            return Jwk.parse((Map<String, ?>) map);
        } catch (AAuthException e) {
            throw e.as(AAuthError.INVALID_JWT);
        }
    }

    private static long numericDate(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw invalid("jkt-jwt exp and iat are REQUIRED integers");
    }

    private static AAuthException invalid(String detail) {
        return new AAuthException(AAuthError.INVALID_JWT, detail);
    }
}
