package dev.aauth.httpsig;

import dev.aauth.error.AAuthException;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.Parameters;
import dev.aauth.sfv.StructuredFields;
import java.util.Map;
import java.util.Objects;

/**
 * A component identifier (RFC 9421 Section 2): a component name, an HTTP field name or a derived
 * component name starting with {@code @}, with its parameters. Immutable and validated on
 * construction: a bad identifier throws {@link AAuthException} with {@code invalid_signature}.
 *
 * <p>Parameters understood: {@code sf}, {@code key}, {@code bs}, {@code req} on fields; {@code req}
 * on request-derived components; {@code name} on {@code @query-param} (required). RFC 9421 Section
 * 2.5 makes everything else an error: "If the component identifier has a parameter that is not
 * understood, produce an error." and "If the component identifier has several incompatible
 * parameters, such as bs and sf, produce an error." Trailer fields ({@code tr}) are not supported.
 *
 * <p>Equality follows Section 2: "the order of parameters is not significant when comparing two
 * component identifiers for equality", while the order as given is kept for serialization.
 */
public final class ComponentIdentifier {

    public static final ComponentIdentifier METHOD =
            new ComponentIdentifier("@method", Parameters.EMPTY);
    public static final ComponentIdentifier TARGET_URI =
            new ComponentIdentifier("@target-uri", Parameters.EMPTY);
    public static final ComponentIdentifier AUTHORITY =
            new ComponentIdentifier("@authority", Parameters.EMPTY);
    public static final ComponentIdentifier SCHEME =
            new ComponentIdentifier("@scheme", Parameters.EMPTY);
    public static final ComponentIdentifier REQUEST_TARGET =
            new ComponentIdentifier("@request-target", Parameters.EMPTY);
    public static final ComponentIdentifier PATH =
            new ComponentIdentifier("@path", Parameters.EMPTY);
    public static final ComponentIdentifier QUERY =
            new ComponentIdentifier("@query", Parameters.EMPTY);
    public static final ComponentIdentifier STATUS =
            new ComponentIdentifier("@status", Parameters.EMPTY);

    private final String name;
    private final Parameters parameters;
    private final DerivedComponent derived;
    private final boolean sf;
    private final boolean bs;
    private final boolean req;
    private final String key;
    private final String queryParamName;
    private final String serialized;

    private ComponentIdentifier(String name, Parameters parameters) {
        this.name = Objects.requireNonNull(name, "name");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        if (name.isEmpty()) {
            throw Syntax.invalid("empty component name");
        }
        if (name.charAt(0) == '@') {
            derived = DerivedComponent.byName(name);
            if (derived == null) {
                if (name.equals("@signature-params")) {
                    // Section 2.3: "the component identifier MUST NOT be enumerated within the set
                    // of covered components"
                    throw Syntax.invalid(
                            "\"@signature-params\" MUST NOT be listed in the covered components");
                }
                throw Syntax.invalid("unknown derived component " + name);
            }
        } else {
            derived = null;
            checkFieldName(name);
        }
        boolean sfFlag = false;
        boolean bsFlag = false;
        boolean reqFlag = false;
        String keyParam = null;
        String nameParam = null;
        for (Map.Entry<String, Object> e : parameters.asMap().entrySet()) {
            String p = e.getKey();
            Object v = e.getValue();
            switch (p) {
                case "req" -> {
                    flag(p, v);
                    if (derived != null && !derived.targetsRequest()) {
                        throw Syntax.invalid(name + " is a response component and cannot take req");
                    }
                    reqFlag = true;
                }
                case "sf" -> {
                    fieldOnly(p);
                    flag(p, v);
                    sfFlag = true;
                }
                case "bs" -> {
                    fieldOnly(p);
                    flag(p, v);
                    bsFlag = true;
                }
                case "key" -> {
                    fieldOnly(p);
                    if (!(v instanceof String s) || !Syntax.isSfKey(s)) {
                        throw Syntax.invalid(
                                "the key parameter must be a String holding a Dictionary key");
                    }
                    keyParam = s;
                }
                case "name" -> {
                    if (derived != DerivedComponent.QUERY_PARAM) {
                        throw Syntax.invalid("the name parameter applies only to @query-param");
                    }
                    if (!(v instanceof String s)) {
                        throw Syntax.invalid("the name parameter must be a String");
                    }
                    nameParam = s;
                }
                case "tr" -> throw Syntax.invalid("trailer fields (tr) are not supported");
                default -> throw Syntax.invalid("unknown component parameter " + p + " on " + name);
            }
        }
        // Section 2.1: "The bs parameter ... is not compatible with use of the sf or key
        // parameters"
        if (bsFlag && (sfFlag || keyParam != null)) {
            throw Syntax.invalid("the bs parameter is not compatible with sf or key");
        }
        // Section 2.2.8: "The REQUIRED name parameter"
        if (derived == DerivedComponent.QUERY_PARAM && nameParam == null) {
            throw Syntax.invalid("@query-param requires the name parameter");
        }
        this.sf = sfFlag;
        this.bs = bsFlag;
        this.req = reqFlag;
        this.key = keyParam;
        this.queryParamName = nameParam;
        this.serialized =
                parameters.isEmpty()
                        ? '"' + name + '"'
                        : '"' + name + '"' + StructuredFields.serializeParameters(parameters);
    }

    /** An identifier without parameters: a field name (lowercase) or a derived component name. */
    public static ComponentIdentifier of(String name) {
        return new ComponentIdentifier(name, Parameters.EMPTY);
    }

    /** An identifier with parameters, in the given order. */
    public static ComponentIdentifier of(String name, Parameters parameters) {
        return new ComponentIdentifier(name, parameters);
    }

    /**
     * {@code "@query-param";name="..."} for a query parameter. RFC 9421 Section 2.2.8: the name
     * parameter holds the name "encoded using the 'percent-encode after encoding' process"; pass
     * the decoded name here and it is encoded.
     */
    public static ComponentIdentifier queryParam(String decodedName) {
        return new ComponentIdentifier(
                "@query-param",
                Parameters.builder().put("name", QueryParameters.encode(decodedName)).build());
    }

    /** An identifier from a member of a covered components Inner List: it must be a String. */
    public static ComponentIdentifier fromItem(Item item) {
        if (!(item.value() instanceof String s)) {
            throw Syntax.invalid("a component identifier must be a String");
        }
        if (item.parameters().isEmpty()) {
            ComponentIdentifier constant = constant(s);
            if (constant != null) {
                return constant;
            }
        }
        return new ComponentIdentifier(s, item.parameters());
    }

    private static ComponentIdentifier constant(String name) {
        return switch (name) {
            case "@method" -> METHOD;
            case "@target-uri" -> TARGET_URI;
            case "@authority" -> AUTHORITY;
            case "@scheme" -> SCHEME;
            case "@request-target" -> REQUEST_TARGET;
            case "@path" -> PATH;
            case "@query" -> QUERY;
            case "@status" -> STATUS;
            default -> null;
        };
    }

    /** Parses the serialized form, e.g. {@code "example-dict";key="a"}. */
    public static ComponentIdentifier parse(String serialized) {
        Item item;
        try {
            item = StructuredFields.parseItem(serialized);
        } catch (AAuthException e) {
            throw Syntax.invalid("malformed component identifier", e);
        }
        return fromItem(item);
    }

    public ComponentIdentifier withSf() {
        return withParameter("sf", Boolean.TRUE);
    }

    public ComponentIdentifier withBs() {
        return withParameter("bs", Boolean.TRUE);
    }

    public ComponentIdentifier withReq() {
        return withParameter("req", Boolean.TRUE);
    }

    public ComponentIdentifier withKey(String dictionaryKey) {
        return withParameter("key", dictionaryKey);
    }

    private ComponentIdentifier withParameter(String p, Object value) {
        return new ComponentIdentifier(
                name, Parameters.builder().putAll(parameters).put(p, value).build());
    }

    /** The component name: a lowercase field name or a derived name such as {@code @method}. */
    public String name() {
        return name;
    }

    /** The parameters in their given order. */
    public Parameters parameters() {
        return parameters;
    }

    public boolean isDerived() {
        return derived != null;
    }

    public boolean isSf() {
        return sf;
    }

    public boolean isBs() {
        return bs;
    }

    public boolean isReq() {
        return req;
    }

    /** The Dictionary member key, or null. */
    public String key() {
        return key;
    }

    /** The encoded query parameter name of {@code @query-param}, or null. */
    public String queryParamName() {
        return queryParamName;
    }

    DerivedComponent derived() {
        return derived;
    }

    /**
     * The identifier as a String Item with its parameters, as it appears in the covered components.
     */
    public Item toItem() {
        return new Item(name, parameters);
    }

    /**
     * The serialized identifier as it starts a signature base line, e.g. {@code
     * "@query-param";name="Pet"}.
     */
    public String serialize() {
        return serialized;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComponentIdentifier other
                && name.equals(other.name)
                && parameters.asMap().equals(other.parameters.asMap());
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + parameters.asMap().hashCode();
    }

    @Override
    public String toString() {
        return serialized;
    }

    private void fieldOnly(String p) {
        if (derived != null) {
            throw Syntax.invalid(
                    "the " + p + " parameter applies only to HTTP fields, not " + name);
        }
    }

    private static void flag(String p, Object v) {
        if (!Boolean.TRUE.equals(v)) {
            throw Syntax.invalid("the " + p + " parameter is a flag and must be true");
        }
    }

    // Section 2.1: "implementations MUST use lowercased field names"; field-name = token
    private static void checkFieldName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Syntax.isTchar(c) || (c >= 'A' && c <= 'Z')) {
                throw Syntax.invalid("component name is not a lowercase field name: " + name);
            }
        }
    }
}
