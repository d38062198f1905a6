package dev.aauth.sigkey;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.Member;
import dev.aauth.sfv.StructuredFields;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code Signature-Key} request header: "a Structured Field Dictionary keyed by signature
 * label, where each member describes how to obtain the verification key for the corresponding
 * signature".
 */
public final class SignatureKeyHeader {

    public static final String NAME = "Signature-Key";

    /** A JWT in the header is a few KiB at most; anything far larger is refused before parsing. */
    public static final int MAX_LENGTH = 16 * 1024;

    private final Dictionary dictionary;
    private final AAuthProfile profile;

    private SignatureKeyHeader(Dictionary dictionary, AAuthProfile profile) {
        this.dictionary = dictionary;
        this.profile = profile;
    }

    /** Parses the header under Signature-Key -04; a malformed dictionary is {@code invalid_key}. */
    public static SignatureKeyHeader parse(String value) {
        return parse(value, AAuthProfile.DRAFT_01);
    }

    /**
     * Parses the header; its members are read under {@code profile}'s Signature-Key draft ({@link
     * SignatureKey#fromMember(Member, AAuthProfile)}).
     */
    public static SignatureKeyHeader parse(String value, AAuthProfile profile) {
        if (value == null || value.isEmpty()) {
            throw new AAuthException(
                    AAuthError.SIGNATURE_INVALID_REQUEST, "Signature-Key header missing");
        }
        if (value.length() > MAX_LENGTH) {
            throw new AAuthException(AAuthError.INVALID_KEY, "Signature-Key header too large");
        }
        return new SignatureKeyHeader(
                StructuredFields.parseDictionary(value, AAuthError.INVALID_KEY),
                java.util.Objects.requireNonNull(profile, "profile"));
    }

    /** A header with one member. */
    public static String serialize(String label, SignatureKey key) {
        return StructuredFields.serializeDictionary(
                Dictionary.builder().put(label, key.toItem()).build());
    }

    public static String serialize(Map<String, SignatureKey> keys) {
        Dictionary.Builder b = Dictionary.builder();
        keys.forEach((label, key) -> b.put(label, key.toItem()));
        return StructuredFields.serializeDictionary(b.build());
    }

    /**
     * The key for {@code label}: "If the Signature-Key header is present and the verifier is
     * attempting to verify a label using it, but the corresponding dictionary member is missing,
     * verification for that signature MUST fail" ({@code invalid_key}).
     */
    public SignatureKey keyFor(String label) {
        Member m = dictionary.get(label);
        if (m == null) {
            throw new AAuthException(
                    AAuthError.INVALID_KEY, "Signature-Key has no member for label " + label);
        }
        return SignatureKey.fromMember(m, profile);
    }

    /** The draft the members are read under. */
    public AAuthProfile profile() {
        return profile;
    }

    /** The scheme token of {@code label}'s member without reading its parameters, or null. */
    public String schemeOf(String label) {
        return dictionary.get(label) instanceof dev.aauth.sfv.Item item
                        && item.value() instanceof dev.aauth.sfv.Token t
                ? t.value()
                : null;
    }

    public boolean hasLabel(String label) {
        return dictionary.containsKey(label);
    }

    public Iterable<String> labels() {
        return dictionary.keySet();
    }

    /** Every member parsed; for tooling and tests. */
    public Map<String, SignatureKey> all() {
        Map<String, SignatureKey> out = new LinkedHashMap<>();
        for (String label : dictionary.keySet()) {
            out.put(label, keyFor(label));
        }
        return out;
    }
}
