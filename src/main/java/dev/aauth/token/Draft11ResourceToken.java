package dev.aauth.token;

import java.util.List;
import java.util.Map;

/**
 * A verified draft-11 {@code aa-resource+jwt}: it "cryptographically binds the resource's identity,
 * the person's identity, the agent's signing key, and the requested scope" and "carries no agent
 * identifier" (draft-01's is {@link ResourceToken}).
 *
 * @param compact the token as received
 * @param issuer {@code iss}, the resource
 * @param audience {@code aud}, the PS (three-party) or AS (four-party)
 * @param jti {@code jti}
 * @param ps {@code ps}: "The iss of the person token the resource verified"
 * @param subject {@code sub}: "The sub of that person token"
 * @param presentedJti {@code presented_jti}: "The jti of the person token whose verification
 *     established ps and sub"
 * @param agentJkt {@code agent_jkt}
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 * @param scope {@code scope}, split on spaces
 * @param account {@code account}, or null
 * @param missionS256 {@code mission_s256}, or null
 * @param tenant {@code tenant}, or null
 * @param claims every claim, unmodifiable
 */
public record Draft11ResourceToken(
        String compact,
        String issuer,
        String audience,
        String jti,
        String ps,
        String subject,
        String presentedJti,
        String agentJkt,
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
        return TokenType.RESOURCE;
    }
}
