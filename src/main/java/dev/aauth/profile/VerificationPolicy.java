package dev.aauth.profile;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.token.TokenType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a server demands of signed requests.
 *
 * @param requiredComponents covered components every signature must include: the draft's four
 *     ("@method", "@authority", "@path", "signature-key") plus the server's extras
 * @param signatureWindow "The default window is 60 seconds"
 * @param allowedSchemes Signature-Key schemes accepted (e.g. only {@code jwt})
 * @param allowedJwtTypes JWT {@code typ}s accepted in the {@code jwt} scheme
 * @param audience this server's own identifier: an auth token presented here must carry it as
 *     {@code aud} ("Verify aud matches the resource's own identifier"); null when this server
 *     accepts no auth tokens
 * @param profile the draft this server's signature checks follow ({@link AAuthProfile#DRAFT_01}
 *     unless given)
 */
public record VerificationPolicy(
        List<String> requiredComponents,
        Duration signatureWindow,
        Set<String> allowedSchemes,
        Set<TokenType> allowedJwtTypes,
        String audience,
        AAuthProfile profile) {

    /** "The signature MUST cover the following derived components and header fields". */
    public static final List<String> BASE_COMPONENTS =
            List.of("@method", "@authority", "@path", "signature-key");

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);
    public static final Set<String> ALL_SCHEMES =
            Set.of("hwk", "jwt", "jwks_uri", "jkt-jwt", "x509");

    /** A draft-01 policy. */
    public VerificationPolicy(
            List<String> requiredComponents,
            Duration signatureWindow,
            Set<String> allowedSchemes,
            Set<TokenType> allowedJwtTypes,
            String audience) {
        this(
                requiredComponents,
                signatureWindow,
                allowedSchemes,
                allowedJwtTypes,
                audience,
                AAuthProfile.DRAFT_01);
    }

    public VerificationPolicy {
        java.util.Objects.requireNonNull(profile, "profile");
        if (signatureWindow.isNegative() || signatureWindow.isZero()) {
            throw new IllegalArgumentException("signature window must be positive");
        }
        LinkedHashSet<String> all = new LinkedHashSet<>(BASE_COMPONENTS);
        all.addAll(requiredComponents);
        requiredComponents = List.copyOf(all);
        allowedSchemes = Set.copyOf(allowedSchemes);
        allowedJwtTypes =
                allowedJwtTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(allowedJwtTypes));
        if (allowedJwtTypes.contains(TokenType.RESOURCE)) {
            throw new IllegalArgumentException("resource tokens never carry a signing key");
        }
        if ((allowedJwtTypes.contains(TokenType.AUTH) || allowedJwtTypes.contains(TokenType.PERSON))
                && audience == null) {
            throw new IllegalArgumentException(
                    "accepting auth or person tokens needs this server's identifier as audience");
        }
        if (allowedJwtTypes.contains(TokenType.PERSON) && !profile.hasPersonTokens()) {
            throw new IllegalArgumentException(profile.id() + " has no person tokens");
        }
    }

    /**
     * The draft's defaults for a resource: agent and auth tokens in the {@code jwt} scheme, 60 s.
     */
    public static VerificationPolicy forResource(String audience) {
        return new VerificationPolicy(
                List.of(),
                DEFAULT_WINDOW,
                Set.of("jwt"),
                EnumSet.of(TokenType.AGENT, TokenType.AUTH),
                audience);
    }

    /**
     * A draft-11 resource: "Agents MUST use scheme=jwt", presenting an agent token (agent identity
     * access), a person token ("in place of the agent token") or an auth token; 60 s.
     */
    public static VerificationPolicy forDraft11Resource(String audience) {
        return new VerificationPolicy(
                List.of(),
                DEFAULT_WINDOW,
                Set.of("jwt"),
                EnumSet.of(TokenType.AGENT, TokenType.PERSON, TokenType.AUTH),
                audience,
                AAuthProfile.DRAFT_11);
    }

    public VerificationPolicy withExtraComponents(List<String> extra) {
        List<String> all = new ArrayList<>(requiredComponents);
        all.addAll(extra);
        return new VerificationPolicy(
                all, signatureWindow, allowedSchemes, allowedJwtTypes, audience, profile);
    }

    public VerificationPolicy withWindow(Duration window) {
        return new VerificationPolicy(
                requiredComponents, window, allowedSchemes, allowedJwtTypes, audience, profile);
    }

    public VerificationPolicy withSchemes(Set<String> schemes) {
        return new VerificationPolicy(
                requiredComponents, signatureWindow, schemes, allowedJwtTypes, audience, profile);
    }

    public VerificationPolicy withJwtTypes(Set<TokenType> types) {
        return new VerificationPolicy(
                requiredComponents, signatureWindow, allowedSchemes, types, audience, profile);
    }

    /** This policy under another draft (the same components, window, schemes and types). */
    public VerificationPolicy withProfile(AAuthProfile other) {
        return new VerificationPolicy(
                requiredComponents,
                signatureWindow,
                allowedSchemes,
                allowedJwtTypes,
                audience,
                other);
    }
}
