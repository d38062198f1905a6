package dev.aauth.profile;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.draft.ProfileSignal;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.jose.Jws;
import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.Member;
import dev.aauth.sfv.StructuredFields;
import dev.aauth.sfv.Token;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drafts one server serves, each with its own {@link AAuthRequestVerifier}, and the rule that
 * picks one per request: how a server tells which draft a peer speaks (the table in {@code
 * docs/profiles.md}).
 *
 * <ol>
 *   <li>The endpoint decides where it is draft-specific (the -01 {@code token_endpoint}, the -11
 *       {@code auth_token_endpoint} and {@code person_token_endpoint}): the caller uses {@link
 *       #verifier(AAuthProfile)} directly and never this selection.
 *   <li>Elsewhere (a resource, the shared endpoints), the {@code Signature-Key} member the request
 *       is verified with: a {@code jwt} token's {@link ProfileSignal}; an {@code hwk} with {@code
 *       alg} is Signature-Key -08 (draft-11), one without is -04 (draft-01).
 *   <li>No signal (an ES256 agent token, {@code jwks_uri}, {@code jkt-jwt}, a malformed header):
 *       the preferred draft, the first one configured.
 * </ol>
 *
 * A signal naming a draft this server does not serve selects the preferred draft, whose own rules
 * then refuse what they must ("never mix within one flow", with an error naming the draft).
 */
public final class ServedProfiles {

    private final List<AAuthProfile> order;
    private final Map<AAuthProfile, AAuthRequestVerifier> verifiers;
    private final SignalMemo signals = new SignalMemo();

    /**
     * The draft signal of recently seen {@code Signature-Key} values, so that a server serving both
     * drafts does not parse an agent's token (JSON header and claims) on every request only to pick
     * the verifier; the verifier then verifies everything, signature and {@code exp} included,
     * whatever was picked. Bounded: values up to {@link #MAX_VALUE_LENGTH} characters (a token of
     * about 2 KB), at most {@link #MAX_ENTRIES}; when full it starts again empty.
     */
    static final class SignalMemo {
        static final int MAX_ENTRIES = 1024;
        static final int MAX_VALUE_LENGTH = 2560;

        private final ConcurrentHashMap<String, Optional<ProfileSignal>> map =
                new ConcurrentHashMap<>();

        Optional<ProfileSignal> of(List<String> signatureKeyLines) {
            if (signatureKeyLines == null
                    || signatureKeyLines.size() != 1
                    || signatureKeyLines.get(0).length() > MAX_VALUE_LENGTH) {
                return signal(signatureKeyLines);
            }
            String value = signatureKeyLines.get(0);
            Optional<ProfileSignal> known = map.get(value);
            if (known != null) {
                return known;
            }
            Optional<ProfileSignal> signal = signal(signatureKeyLines);
            if (map.size() >= MAX_ENTRIES) {
                map.clear();
            }
            map.put(value, signal);
            return signal;
        }

        int size() {
            return map.size();
        }
    }

    /** The memo's entries (tests). */
    int memoSize() {
        return signals.size();
    }

    /**
     * @param verifiers one verifier per served draft, the preferred first
     */
    public ServedProfiles(List<AAuthRequestVerifier> verifiers) {
        if (verifiers.isEmpty()) {
            throw new IllegalArgumentException("a server serves at least one draft");
        }
        this.order = new ArrayList<>();
        this.verifiers = new EnumMap<>(AAuthProfile.class);
        for (AAuthRequestVerifier v : verifiers) {
            AAuthProfile p = v.policy().profile();
            if (this.verifiers.put(p, v) != null) {
                throw new IllegalArgumentException(p.id() + " is served twice");
            }
            order.add(p);
        }
    }

    /** The drafts served, preferred first. */
    public List<AAuthProfile> served() {
        return List.copyOf(order);
    }

    public AAuthProfile preferred() {
        return order.get(0);
    }

    /** The verifier of a served draft (for draft-specific endpoints). */
    public AAuthRequestVerifier verifier(AAuthProfile profile) {
        AAuthRequestVerifier v = verifiers.get(profile);
        if (v == null) {
            throw new IllegalArgumentException(profile.id() + " is not served here");
        }
        return v;
    }

    /** The draft {@code request} is verified under (see the class comment). */
    public AAuthProfile select(HttpRequestMessage request) {
        if (order.size() == 1) {
            return preferred(); // one draft served: nothing to tell apart, nothing to parse
        }
        Optional<ProfileSignal> signal = signals.of(request.fields().lines("signature-key"));
        if (signal.isPresent() && verifiers.containsKey(signal.get().profile())) {
            return signal.get().profile();
        }
        return preferred();
    }

    /** Verifies {@code request} under the draft {@link #select} picks. */
    public VerifiedRequest verify(HttpRequestMessage request) {
        return verifiers.get(select(request)).verify(request);
    }

    /**
     * The signal of the first {@code Signature-Key} member (the request verifier picks the first
     * label that has one, and a well-formed AAuth request has exactly one); empty when there is
     * none or the header does not parse (the verifier then reports the failure).
     */
    public static Optional<ProfileSignal> signal(List<String> signatureKeyLines) {
        if (signatureKeyLines == null || signatureKeyLines.isEmpty()) {
            return Optional.empty();
        }
        try {
            Dictionary d = StructuredFields.parseDictionary(signatureKeyLines);
            for (String label : d.keySet()) {
                return memberSignal(d.get(label));
            }
        } catch (AAuthException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<ProfileSignal> memberSignal(Member m) {
        if (!(m instanceof Item item) || !(item.value() instanceof Token scheme)) {
            return Optional.empty();
        }
        switch (scheme.value()) {
            case "jwt":
                String jwt = item.parameters().getString("jwt");
                if (jwt == null) {
                    return Optional.empty();
                }
                try {
                    return ProfileSignal.of(Jws.parse(jwt));
                } catch (AAuthException e) {
                    return Optional.empty();
                }
            case "hwk":
                return Optional.of(
                        item.parameters().containsKey("alg")
                                ? new ProfileSignal(
                                        AAuthProfile.DRAFT_11, "hwk with alg (Signature-Key -08)")
                                : new ProfileSignal(
                                        AAuthProfile.DRAFT_01,
                                        "hwk without alg (Signature-Key -04)"));
            default:
                return Optional.empty();
        }
    }
}
