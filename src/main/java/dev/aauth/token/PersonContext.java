package dev.aauth.token;

import java.util.Objects;

/**
 * What a draft-11 resource token copies from the person token a resource verified: "ps: The iss of
 * the person token the resource verified", "sub: The sub of that person token", "presented_jti: The
 * jti of the person token whose verification established ps and sub", "mission_s256: REQUIRED when
 * the person token carried one, copied unchanged. A resource MUST NOT omit it", "tenant: Copied
 * from the person token when it carried one". On a step-up "the resource supplies the value from
 * its record of the person token it verified earlier", so this is a value a resource can keep.
 *
 * @param ps the person token's {@code iss}
 * @param subject its {@code sub}
 * @param presentedJti its {@code jti}
 * @param missionS256 its {@code mission_s256}, or null
 * @param tenant its {@code tenant}, or null
 */
public record PersonContext(
        String ps, String subject, String presentedJti, String missionS256, String tenant) {

    public PersonContext {
        Objects.requireNonNull(ps, "ps");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(presentedJti, "presentedJti");
    }

    /** The context a verified person token establishes. */
    public static PersonContext of(PersonToken token) {
        return new PersonContext(
                token.issuer(), token.subject(), token.jti(), token.missionS256(), token.tenant());
    }
}
