package dev.aauth.token;

import dev.aauth.jose.Jwk;
import java.util.List;
import java.util.Map;

/**
 * A verified {@code aa-auth+jwt}.
 *
 * @param compact the token as received
 * @param issuer {@code iss}, the PS (three-party) or AS (four-party)
 * @param dwk {@code dwk}: {@code aauth-person.json} or {@code aauth-access.json}
 * @param audience {@code aud}, the resource
 * @param jti {@code jti}
 * @param agent {@code agent}
 * @param cnf {@code cnf.jwk}, the key that must sign every request carrying this token
 * @param act {@code act}, the actor chain; {@code act.sub} is the requesting agent
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 * @param subject {@code sub}, pairwise user identifier, or null
 * @param scope {@code scope}, split on spaces; empty when absent
 * @param mission {@code mission}, or null
 * @param claims every claim, unmodifiable (identity claims such as {@code email} live here)
 */
public record AuthToken(
        String compact,
        String issuer,
        String dwk,
        String audience,
        String jti,
        String agent,
        Jwk cnf,
        Actor act,
        long issuedAt,
        long expiresAt,
        String subject,
        List<String> scope,
        Mission mission,
        Map<String, Object> claims)
        implements VerifiedToken {

    @Override
    public TokenType type() {
        return TokenType.AUTH;
    }

    public boolean hasScopes(List<String> required) {
        return scope.containsAll(required);
    }
}
