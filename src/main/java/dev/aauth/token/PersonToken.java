package dev.aauth.token;

import dev.aauth.jose.Jwk;
import java.util.Map;

/**
 * A verified {@code aa-person+jwt} (draft-11 only): "a PS-issued JWT that identifies the person an
 * agent acts for to a single resource ... It carries no authorization from the PS". {@code (iss,
 * sub)} is the person's identifier at this resource ("A resource MUST treat (iss, sub) as the
 * identifier").
 *
 * @param compact the token as received
 * @param issuer {@code iss}, the PS
 * @param audience {@code aud}, the one resource it identifies the person to
 * @param subject {@code sub}, the directed user identifier, unique within {@code iss}
 * @param jti {@code jti}; a resource token names it as {@code presented_jti}
 * @param cnf {@code cnf.jwk}, the agent's signing key
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp} (at most one hour after {@code iat})
 * @param missionS256 {@code mission_s256}, or null
 * @param tenant {@code tenant}, or null ("not part of the identifier")
 * @param claims every claim, unmodifiable
 */
public record PersonToken(
        String compact,
        String issuer,
        String audience,
        String subject,
        String jti,
        Jwk cnf,
        long issuedAt,
        long expiresAt,
        String missionS256,
        String tenant,
        Map<String, Object> claims)
        implements VerifiedToken {

    @Override
    public TokenType type() {
        return TokenType.PERSON;
    }
}
