package dev.aauth.personserver;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The person's identity claims an auth token carries for the identity scopes granted: "Identity
 * scopes: Requests for user identity claims following [OpenID.Core] (e.g., openid, profile, email,
 * address, phone). When identity scopes are present, the auth token includes the corresponding
 * identity claims." ("The auth token MAY include additional claims ... defined in OpenID Connect
 * Core 1.0 Section 5.1.")
 *
 * <p>Only scopes this PS declares in {@code scopes_supported}, only claims it declares in {@code
 * claims_supported}, and only values the person has: {@code profile} gives {@code name} (the
 * display name), {@code email} gives {@code email}; {@code openid} gives {@code sub}, which every
 * token of a person carries anyway. Used only for requests a person approved (identity scopes
 * always go to interaction), so the claims are released "only with the person's consent".
 */
public final class IdentityClaims {

    private IdentityClaims() {}

    /** OpenID Connect Core 5.4: the claims each scope requests, of those this PS can fill. */
    static final Map<String, List<String>> BY_SCOPE =
            Map.of("profile", List.of("name"), "email", List.of("email"));

    public static Map<String, Object> of(
            Collection<String> granted,
            Collection<String> scopesSupported,
            Collection<String> claimsSupported,
            Optional<String> name,
            Optional<String> email) {
        Map<String, Optional<String>> values = Map.of("name", name, "email", email);
        Map<String, Object> claims = new LinkedHashMap<>();
        for (String scope : granted.stream().sorted().toList()) {
            if (!scopesSupported.contains(scope)) {
                continue;
            }
            for (String claim : BY_SCOPE.getOrDefault(scope, List.of())) {
                if (claimsSupported.contains(claim)) {
                    values.get(claim)
                            .filter(v -> !v.isBlank())
                            .ifPresent(v -> claims.put(claim, v));
                }
            }
        }
        return claims;
    }
}
