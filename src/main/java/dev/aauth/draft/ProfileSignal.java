package dev.aauth.draft;

import dev.aauth.jose.ParsedJws;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a presented token says about the draft its issuer speaks, with the reason (for the refusal
 * message when it is not the flow's draft). Read from the token's shape only, before any
 * verification, so a verifier can pick the profile it verifies under or refuse a mixed flow early.
 *
 * <p>The signals, strongest first (the table in {@code docs/profiles.md}):
 *
 * <ol>
 *   <li>{@code typ} {@code aa-person+jwt}: draft-11 (person tokens exist only there).
 *   <li>{@code aa-resource+jwt}: an {@code agent} claim is draft-01 (REQUIRED there); without one,
 *       draft-11 ("A resource token carries no agent identifier").
 *   <li>{@code aa-auth+jwt}: {@code agent} or {@code act} is draft-01; neither is draft-11 ("An
 *       auth token carries no agent identifier and no delegation chain").
 *   <li>Crypto, for agent tokens, whose claims are the same in both drafts: a JWS {@code alg} of
 *       {@code EdDSA}, or a {@code cnf.jwk} whose {@code alg} is absent or {@code EdDSA}, is
 *       draft-01 (draft-11 refuses all three); otherwise {@code Ed25519} is draft-11. An ES256
 *       agent token with {@code cnf.jwk.alg} ES256 is valid under both: no signal ({@link
 *       Optional#empty()}), and the server uses its preferred profile.
 * </ol>
 *
 * @param profile the draft the token is shaped for
 * @param reason the evidence, e.g. "no agent claim"
 */
public record ProfileSignal(AAuthProfile profile, String reason) {

    public static final String PERSON_TYP = "aa-person+jwt";
    public static final String RESOURCE_TYP = "aa-resource+jwt";
    public static final String AUTH_TYP = "aa-auth+jwt";
    public static final String AGENT_TYP = "aa-agent+jwt";

    public ProfileSignal {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(reason, "reason");
    }

    /** The signal of a parsed (not yet verified) token; empty when it fits both drafts. */
    public static Optional<ProfileSignal> of(ParsedJws jws) {
        return of(jws.header(), jws.claims());
    }

    /** As {@link #of(ParsedJws)} from a JOSE header and claims. */
    public static Optional<ProfileSignal> of(Map<String, ?> header, Map<String, ?> claims) {
        Object typ = header.get("typ");
        if (PERSON_TYP.equals(typ)) {
            return Optional.of(
                    new ProfileSignal(
                            AAuthProfile.DRAFT_11, "typ aa-person+jwt exists only in -11"));
        }
        if (RESOURCE_TYP.equals(typ)) {
            return Optional.of(
                    claims.containsKey("agent")
                            ? new ProfileSignal(AAuthProfile.DRAFT_01, "it has an agent claim")
                            : new ProfileSignal(AAuthProfile.DRAFT_11, "it has no agent claim"));
        }
        if (AUTH_TYP.equals(typ)) {
            return Optional.of(
                    claims.containsKey("agent") || claims.containsKey("act")
                            ? new ProfileSignal(
                                    AAuthProfile.DRAFT_01, "it has an agent or act claim")
                            : new ProfileSignal(
                                    AAuthProfile.DRAFT_11, "it has no agent and no act claim"));
        }
        return crypto(header, claims);
    }

    /** Signal 4: the JWS {@code alg} and the {@code cnf.jwk} {@code alg}. */
    static Optional<ProfileSignal> crypto(Map<String, ?> header, Map<String, ?> claims) {
        Object alg = header.get("alg");
        if ("EdDSA".equals(alg)) {
            return Optional.of(new ProfileSignal(AAuthProfile.DRAFT_01, "JWS alg EdDSA"));
        }
        Object cnfAlg = cnfJwkAlg(claims);
        if (cnfAlg == NO_CNF) {
            cnfAlg = null;
        } else if (cnfAlg == null) {
            return Optional.of(new ProfileSignal(AAuthProfile.DRAFT_01, "cnf.jwk has no alg"));
        } else if ("EdDSA".equals(cnfAlg)) {
            return Optional.of(new ProfileSignal(AAuthProfile.DRAFT_01, "cnf.jwk alg EdDSA"));
        }
        if ("Ed25519".equals(alg) || "Ed25519".equals(cnfAlg)) {
            return Optional.of(
                    new ProfileSignal(AAuthProfile.DRAFT_11, "fully specified alg Ed25519"));
        }
        return Optional.empty();
    }

    private static final Object NO_CNF = new Object();

    /** {@code cnf.jwk.alg}; {@link #NO_CNF} when there is no {@code cnf.jwk} object. */
    private static Object cnfJwkAlg(Map<String, ?> claims) {
        if (claims.get("cnf") instanceof Map<?, ?> cnf && cnf.get("jwk") instanceof Map<?, ?> jwk) {
            return jwk.get("alg");
        }
        return NO_CNF;
    }
}
