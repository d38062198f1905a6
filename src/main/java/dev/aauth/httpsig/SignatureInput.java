package dev.aauth.httpsig;

import dev.aauth.error.AAuthException;
import dev.aauth.sfv.InnerList;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.Member;
import dev.aauth.sfv.StructuredFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What one signature covers: the ordered covered components and the signature parameters, i.e. one
 * member value of the {@code Signature-Input} field and the value of {@code @signature-params} (RFC
 * 9421 Sections 2.3 and 4.1). Immutable.
 *
 * <p>Section 2: "Within a single list of covered components, each component identifier MUST occur
 * only once." A duplicate, a member that is not an Inner List of Strings, more than {@link
 * #MAX_COVERED_COMPONENTS} components, or bad parameters fail with {@code invalid_signature}.
 */
public final class SignatureInput {

    /** A cap on covered components, so that a hostile Signature-Input costs little. */
    public static final int MAX_COVERED_COMPONENTS = 32;

    private final List<ComponentIdentifier> covered;
    private final SignatureParameters parameters;
    private final InnerList innerList;
    private String serialized;

    private SignatureInput(
            List<ComponentIdentifier> covered,
            SignatureParameters parameters,
            InnerList innerList) {
        this.covered = covered;
        this.parameters = parameters;
        this.innerList = innerList;
    }

    /** Covered components and parameters chosen by a signer. */
    public static SignatureInput of(
            List<ComponentIdentifier> covered, SignatureParameters parameters) {
        List<ComponentIdentifier> list = List.copyOf(covered);
        checkCovered(list);
        List<Item> items = new ArrayList<>(list.size());
        for (ComponentIdentifier id : list) {
            items.add(id.toItem());
        }
        return new SignatureInput(
                list, parameters, new InnerList(items, parameters.asParameters()));
    }

    /** Validates one received {@code Signature-Input} member. */
    public static SignatureInput fromMember(Member member) {
        if (!(member instanceof InnerList innerList)) {
            throw Syntax.invalid("a Signature-Input member must be an Inner List");
        }
        List<Item> items = innerList.items();
        ComponentIdentifier[] ids = new ComponentIdentifier[items.size()];
        if (ids.length > MAX_COVERED_COMPONENTS) {
            throw Syntax.invalid("more than " + MAX_COVERED_COMPONENTS + " covered components");
        }
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ComponentIdentifier.fromItem(items.get(i));
        }
        List<ComponentIdentifier> list = List.of(ids);
        checkCovered(list);
        return new SignatureInput(
                list, SignatureParameters.from(innerList.parameters()), innerList);
    }

    /** Parses a serialized value such as {@code ("@method" "@path");created=1618884473}. */
    public static SignatureInput parse(String value) {
        List<Member> members;
        try {
            members = StructuredFields.parseList(value);
        } catch (AAuthException e) {
            throw Syntax.invalid("malformed signature input", e);
        }
        if (members.size() != 1) {
            throw Syntax.invalid("a signature input is exactly one Inner List");
        }
        return fromMember(members.get(0));
    }

    private static void checkCovered(List<ComponentIdentifier> list) {
        if (list.size() > MAX_COVERED_COMPONENTS) {
            throw Syntax.invalid("more than " + MAX_COVERED_COMPONENTS + " covered components");
        }
        for (int i = 1; i < list.size(); i++) {
            ComponentIdentifier id = list.get(i);
            for (int j = 0; j < i; j++) {
                if (id.equals(list.get(j))) {
                    throw Syntax.invalid(
                            "component identifier "
                                    + id
                                    + " MUST occur only once in the covered components");
                }
            }
        }
    }

    /** The covered components in order (never includes {@code @signature-params}). */
    public List<ComponentIdentifier> coveredComponents() {
        return covered;
    }

    /** Whether {@code id} is covered (parameter order does not matter). */
    public boolean covers(ComponentIdentifier id) {
        for (ComponentIdentifier c : covered) {
            if (c.equals(id)) {
                return true;
            }
        }
        return false;
    }

    public SignatureParameters parameters() {
        return parameters;
    }

    public OptionalLong created() {
        return parameters.created();
    }

    public OptionalLong expires() {
        return parameters.expires();
    }

    public Optional<String> nonce() {
        return parameters.nonce();
    }

    public Optional<String> alg() {
        return parameters.alg();
    }

    public Optional<String> keyid() {
        return parameters.keyid();
    }

    public Optional<String> tag() {
        return parameters.tag();
    }

    public InnerList toInnerList() {
        return innerList;
    }

    /**
     * The {@code @signature-params} component value: the covered components and parameters
     * serialized as an Inner List (Section 2.3), which is also the Signature-Input member value.
     */
    public String serialize() {
        String s = serialized;
        if (s == null) {
            s = StructuredFields.serializeInnerList(innerList);
            serialized = s;
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignatureInput other && serialize().equals(other.serialize());
    }

    @Override
    public int hashCode() {
        return serialize().hashCode();
    }

    @Override
    public String toString() {
        return serialize();
    }
}
