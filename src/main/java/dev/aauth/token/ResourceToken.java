package dev.aauth.token;

import java.util.List;
import java.util.Map;

/**
 * A verified {@code aa-resource+jwt}: "cryptographically binds the resource's identity, the agent's
 * identity, and the requested scope".
 *
 * @param compact the token as received
 * @param issuer {@code iss}, the resource
 * @param audience {@code aud}, the PS (three-party) or AS (four-party)
 * @param jti {@code jti}
 * @param agent {@code agent}, the agent identifier
 * @param agentJkt {@code agent_jkt}, RFC 7638 thumbprint of the agent's signing key
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 * @param scope {@code scope}, split on spaces
 * @param mission {@code mission}, or null
 * @param claims every claim, unmodifiable
 */
public record ResourceToken(
        String compact,
        String issuer,
        String audience,
        String jti,
        String agent,
        String agentJkt,
        long issuedAt,
        long expiresAt,
        List<String> scope,
        Mission mission,
        Map<String, Object> claims)
        implements VerifiedToken {

    @Override
    public TokenType type() {
        return TokenType.RESOURCE;
    }
}
