package dev.aauth.httpsig;

import dev.aauth.error.AAuthException;
import dev.aauth.sfv.ByteSequence;
import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.Member;
import dev.aauth.sfv.StructuredFields;
import java.util.List;
import java.util.Set;

/**
 * The {@code Signature-Input} and {@code Signature} fields of a message (RFC 9421 Sections 4.1 and
 * 4.2), both Dictionaries keyed by signature label.
 *
 * <p>Parsing checks only what is cheap and global: both fields present, each combined value at most
 * {@link #MAX_FIELD_LENGTH} characters (checked before parsing), valid Dictionaries, at most {@link
 * #MAX_LABELS} members each. One label is validated when selected with {@link #get}, so a foreign
 * signature the verifier does not care about cannot spoil the one it does: "If the chosen Signature
 * value does not have a corresponding Signature-Input value, produce an error" (Section 3.2 step
 * 1.2), a Signature-Input member must be an Inner List of Strings with valid parameters and a
 * Signature member must be a Byte Sequence. Every failure is {@code invalid_signature}.
 */
public final class SignatureSet {

    /** Longest accepted combined field value (characters) of Signature-Input or Signature. */
    public static final int MAX_FIELD_LENGTH = 8192;

    /** Most labels accepted in either field. */
    public static final int MAX_LABELS = 8;

    private final Dictionary inputs;
    private final Dictionary signatures;

    private SignatureSet(Dictionary inputs, Dictionary signatures) {
        this.inputs = inputs;
        this.signatures = signatures;
    }

    /** Reads both fields from a message's fields. */
    public static SignatureSet from(FieldLookup fields) {
        return parse(fields.lines("signature-input"), fields.lines("signature"));
    }

    /** Parses the field lines of Signature-Input and Signature (each may be null when absent). */
    public static SignatureSet parse(
            List<String> signatureInputLines, List<String> signatureLines) {
        return new SignatureSet(
                dictionary("Signature-Input", signatureInputLines),
                dictionary("Signature", signatureLines));
    }

    private static Dictionary dictionary(String field, List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            throw Syntax.invalid("missing " + field + " field");
        }
        long length = 2L * (lines.size() - 1);
        for (String line : lines) {
            length += line.length();
        }
        if (length > MAX_FIELD_LENGTH) {
            throw Syntax.invalid(field + " is longer than " + MAX_FIELD_LENGTH + " characters");
        }
        Dictionary d;
        try {
            d =
                    lines.size() == 1
                            ? StructuredFields.parseDictionary(lines.get(0))
                            : StructuredFields.parseDictionary(lines);
        } catch (AAuthException e) {
            throw Syntax.invalid("malformed " + field, e);
        }
        if (d.isEmpty()) {
            throw Syntax.invalid("empty " + field + " field");
        }
        if (d.size() > MAX_LABELS) {
            throw Syntax.invalid(field + " has more than " + MAX_LABELS + " labels");
        }
        return d;
    }

    /** The labels of the Signature-Input field, in order. */
    public Set<String> labels() {
        return inputs.keySet();
    }

    public boolean contains(String label) {
        return inputs.containsKey(label) && signatures.containsKey(label);
    }

    /** The signature with {@code label}, validated; fails when either field lacks the label. */
    public ReceivedSignature get(String label) {
        Member input = inputs.get(label);
        Member signature = signatures.get(label);
        if (input == null && signature == null) {
            throw Syntax.invalid("no signature labelled " + label);
        }
        if (input == null) {
            throw Syntax.invalid("Signature " + label + " has no corresponding Signature-Input");
        }
        if (signature == null) {
            throw Syntax.invalid("Signature-Input " + label + " has no corresponding Signature");
        }
        if (!(signature instanceof Item item) || !(item.value() instanceof ByteSequence bytes)) {
            throw Syntax.invalid("Signature " + label + " must be a Byte Sequence");
        }
        if (bytes.length() == 0) {
            throw Syntax.invalid("Signature " + label + " is empty");
        }
        return new ReceivedSignature(label, SignatureInput.fromMember(input), bytes.unsafeBytes());
    }
}
