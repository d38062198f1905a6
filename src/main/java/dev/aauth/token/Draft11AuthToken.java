package dev.aauth.token;

import dev.aauth.jose.Jwk;
import java.util.List;
import java.util.Map;

/**
 * A verified draft-11 {@code aa-auth+jwt}: "An auth token carries no agent identifier and no
 * delegation chain. cnf binds it to one key, and the resource enforces against sub and scope"
 * (draft-01's is {@link AuthToken}).
 *
 * @param compact the token as received
 * @param issuer {@code iss}, the PS (three-party) or AS (four-party)
 * @param dwk {@code aauth-person.json} or {@code aauth-access.json}
 * @param audience {@code aud}, the resource
 * @param jti {@code jti}
 * @param ps {@code ps}: "The person server the person is represented by. Equal to iss when a PS
 *     issued the token"
 * @param subject {@code sub} (REQUIRED): {@code (iss, sub)} is the person at this resource
 * @param cnf {@code cnf.jwk}
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 * @param scope {@code scope}, split on spaces; empty when absent
 * @param account {@code account}, or null
 * @param missionS256 {@code mission_s256}, or null
 * @param tenant {@code tenant}, or null
 * @param claims every claim, unmodifiable (identity claims such as {@code email} live here)
 */
public record Draft11AuthToken(
        String compact,
        String issuer,
        String dwk,
        String audience,
        String jti,
        String ps,
        String subject,
        Jwk cnf,
        long issuedAt,
        long expiresAt,
        List<String> scope,
        String account,
        String missionS256,
        String tenant,
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
