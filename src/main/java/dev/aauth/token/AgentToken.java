package dev.aauth.token;

import dev.aauth.jose.Jwk;
import java.util.Map;

/**
 * A verified {@code aa-agent+jwt}: binds the agent's identifier ({@code sub}) to its signing key
 * ({@code cnf.jwk}).
 *
 * @param compact the token as received
 * @param issuer {@code iss}, the agent provider
 * @param agent {@code sub}, the agent identifier {@code aauth:local@domain}
 * @param jti {@code jti}
 * @param cnf {@code cnf.jwk}, the agent's current signing key
 * @param issuedAt {@code iat}, epoch seconds
 * @param expiresAt {@code exp}, epoch seconds
 * @param ps {@code ps}, the agent's person server, or null
 * @param claims every claim, unmodifiable ("PSes and ASes MUST ignore unrecognized claims")
 */
public record AgentToken(
        String compact,
        String issuer,
        String agent,
        String jti,
        Jwk cnf,
        long issuedAt,
        long expiresAt,
        String ps,
        Map<String, Object> claims)
        implements VerifiedToken {

    @Override
    public TokenType type() {
        return TokenType.AGENT;
    }
}
