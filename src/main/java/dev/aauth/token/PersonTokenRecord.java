package dev.aauth.token;

/**
 * What a PS retains of each person token it issued: "A PS MUST retain a record of each person token
 * it issues — jti, ps, sub, mission_s256, tenant, and exp — sufficient to answer resource token
 * verification".
 *
 * @param jti the person token's {@code jti}
 * @param ps its {@code iss} (this PS)
 * @param subject its {@code sub}
 * @param missionS256 its {@code mission_s256}, or null
 * @param tenant its {@code tenant}, or null
 * @param expiresAt its {@code exp}
 */
public record PersonTokenRecord(
        String jti, String ps, String subject, String missionS256, String tenant, long expiresAt) {}
