package dev.aauth.jakarta.boundary;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.ServedProfiles;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenVerifier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What this origin does per AAuth draft it serves ({@code aauth.profiles}, docs/profiles.md): for
 * each draft its own token verifier (with its own cache: a token verified under one draft is never
 * taken from the other's), {@code Signature-Key} resolver, resource verification policy, request
 * verifier and token issuer; the draft-01 ones are the beans every -01 endpoint has always
 * injected. "One core, two profiles": role code asks this for the draft it speaks rather than
 * branching.
 */
public final class Drafts {

    /** One draft's core objects. */
    public record Stack(
            TokenVerifier tokens,
            SignatureKeyResolver keys,
            VerificationPolicy policy,
            AAuthRequestVerifier verifier,
            TokenIssuer issuer) {
        public Stack {
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(keys, "keys");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(verifier, "verifier");
            Objects.requireNonNull(issuer, "issuer");
            AAuthProfile p = policy.profile();
            if (tokens.profile() != p
                    || keys.profile() != p
                    || verifier.policy().profile() != p
                    || issuer.profile() != p) {
                throw new IllegalArgumentException("a stack mixes drafts: " + p.id());
            }
        }
    }

    private final List<AAuthProfile> served;
    private final Map<AAuthProfile, Stack> stacks;
    private final ServedProfiles requests;

    /**
     * @param stacks one per served draft, the preferred first
     */
    public Drafts(List<Stack> stacks) {
        if (stacks.isEmpty()) {
            throw new IllegalArgumentException("an origin serves at least one draft");
        }
        List<AAuthProfile> order = new ArrayList<>();
        List<AAuthRequestVerifier> verifiers = new ArrayList<>();
        this.stacks = new EnumMap<>(AAuthProfile.class);
        for (Stack s : stacks) {
            AAuthProfile p = s.policy().profile();
            if (this.stacks.put(p, s) != null) {
                throw new IllegalArgumentException(p.id() + " is served twice");
            }
            order.add(p);
            verifiers.add(s.verifier());
        }
        this.served = List.copyOf(order);
        this.requests = new ServedProfiles(verifiers);
    }

    /** The drafts served, the preferred first. */
    public List<AAuthProfile> served() {
        return served;
    }

    public AAuthProfile preferred() {
        return served.get(0);
    }

    public boolean serves(AAuthProfile profile) {
        return stacks.containsKey(profile);
    }

    /**
     * The resource endpoints' request verification: picks the draft per request (the table in
     * docs/profiles.md) and verifies under it.
     */
    public ServedProfiles requests() {
        return requests;
    }

    /** The verifier of {@code profile}'s tokens. */
    public TokenVerifier tokens(AAuthProfile profile) {
        return stack(profile).tokens();
    }

    /** {@code Signature-Key} resolution under {@code profile}. */
    public SignatureKeyResolver keys(AAuthProfile profile) {
        return stack(profile).keys();
    }

    /** The resource verification policy under {@code profile}. */
    public VerificationPolicy policy(AAuthProfile profile) {
        return stack(profile).policy();
    }

    /** The resource endpoints' request verifier under {@code profile}. */
    public AAuthRequestVerifier verifier(AAuthProfile profile) {
        return stack(profile).verifier();
    }

    /** This origin's token issuer writing {@code profile}'s shapes. */
    public TokenIssuer issuer(AAuthProfile profile) {
        return stack(profile).issuer();
    }

    private Stack stack(AAuthProfile profile) {
        Stack s = stacks.get(profile);
        if (s == null) {
            throw new IllegalArgumentException(
                    profile.id() + " is not served here (aauth.profiles: " + served + ")");
        }
        return s;
    }
}
