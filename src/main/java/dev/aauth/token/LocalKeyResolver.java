package dev.aauth.token;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.ServerKeySet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An {@link IssuerKeyResolver} that knows this deployment's own issuers: their keys come straight
 * from their {@link ServerKeySet} (what they publish at {@code {iss}/.well-known/{dwk}} and its
 * {@code jwks_uri}), with no HTTP, so in-process roles (agent provider, resource, PS, AS) verify
 * each other's tokens without fetching their own JWKS. Every other issuer goes to the fallback,
 * e.g. {@code JwksCache::findKey}.
 *
 * <p>For a registered issuer the local registration is authoritative: a {@code dwk} it was not
 * registered under, or a {@code kid} its key set does not publish, is {@code unknown_key} and never
 * falls back to a fetch. Since the key set is read on every call, a rotation is seen at once and a
 * retired key stops verifying at once. Issuer strings are compared exactly ("Implementations MUST
 * perform exact string comparison on server identifiers").
 */
public final class LocalKeyResolver implements IssuerKeyResolver {

    /** The fallback used when none is given: every foreign issuer is unknown. */
    private static final IssuerKeyResolver NONE =
            (issuer, dwk, kid) -> {
                throw new AAuthException(
                        AAuthError.UNKNOWN_KEY, "issuer is not known to this deployment");
            };

    private final Map<String, Map<String, ServerKeySet>> local;
    private final IssuerKeyResolver fallback;
    private final AAuthProfile profile;

    private LocalKeyResolver(
            Map<String, Map<String, ServerKeySet>> local,
            IssuerKeyResolver fallback,
            AAuthProfile profile) {
        this.local = local;
        this.fallback = fallback;
        this.profile = profile;
    }

    /**
     * One local issuer publishing {@code keys} under {@code dwk}; others go to {@code fallback}
     * (may be null).
     */
    public static LocalKeyResolver of(
            String issuer, String dwk, ServerKeySet keys, IssuerKeyResolver fallback) {
        return builder().add(issuer, dwk, keys).fallback(fallback).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Jwk resolve(String issuer, String dwk, String kid) {
        Map<String, ServerKeySet> byDwk = issuer == null ? null : local.get(issuer);
        if (byDwk == null) {
            return fallback.resolve(issuer, dwk, kid);
        }
        ServerKeySet keys = dwk == null ? null : byDwk.get(dwk);
        if (keys == null) {
            throw new AAuthException(
                    AAuthError.UNKNOWN_KEY,
                    "local issuer " + issuer + " publishes no keys under " + dwk);
        }
        return profile.published(keys.jwks())
                .byKid(kid)
                .orElseThrow(
                        () ->
                                new AAuthException(
                                        AAuthError.UNKNOWN_KEY,
                                        "local issuer "
                                                + issuer
                                                + " publishes no key with this kid"));
    }

    /** Whether {@code issuer} is one of this deployment's own issuers. */
    public boolean isLocal(String issuer) {
        return local.containsKey(issuer);
    }

    /** The local issuers. */
    public Set<String> issuers() {
        return local.keySet();
    }

    /** Builds a {@link LocalKeyResolver}. */
    public static final class Builder {
        private final Map<String, Map<String, ServerKeySet>> local = new LinkedHashMap<>();
        private IssuerKeyResolver fallback = NONE;
        private AAuthProfile profile = AAuthProfile.DRAFT_01;

        private Builder() {}

        /**
         * The local keys as {@code profile} publishes them (draft-11: with their fully specified
         * {@code alg}, as the draft-11 JWKS of these issuers shows them); draft-01 by default.
         */
        public Builder profile(AAuthProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
            return this;
        }

        /**
         * Registers {@code issuer} as publishing {@code keys} under {@code dwk} (call once per dwk
         * for a server with several roles, e.g. a collapsed PS-AS under both {@code
         * aauth-person.json} and {@code aauth-access.json}).
         */
        public Builder add(String issuer, String dwk, ServerKeySet keys) {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(dwk, "dwk");
            Objects.requireNonNull(keys, "keys");
            Map<String, ServerKeySet> byDwk =
                    local.computeIfAbsent(issuer, k -> new LinkedHashMap<>());
            if (byDwk.putIfAbsent(dwk, keys) != null) {
                throw new IllegalArgumentException(issuer + " is already registered under " + dwk);
            }
            return this;
        }

        /**
         * Where foreign issuers are resolved (e.g. {@code jwksCache::findKey}); null means none.
         */
        public Builder fallback(IssuerKeyResolver fallback) {
            this.fallback = fallback == null ? NONE : fallback;
            return this;
        }

        public LocalKeyResolver build() {
            Map<String, Map<String, ServerKeySet>> copy = new LinkedHashMap<>();
            local.forEach(
                    (issuer, byDwk) ->
                            copy.put(
                                    issuer,
                                    Collections.unmodifiableMap(new LinkedHashMap<>(byDwk))));
            return new LocalKeyResolver(Collections.unmodifiableMap(copy), fallback, profile);
        }
    }
}
