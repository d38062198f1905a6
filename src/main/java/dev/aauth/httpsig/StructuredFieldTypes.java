package dev.aauth.httpsig;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which fields are structured fields, and of what type: needed for the {@code sf} component
 * parameter. RFC 9421 Section 2.1.1: "If the value of an HTTP field is known by the application to
 * be a structured field ..., and the expected type of the structured field is known, the signer MAY
 * include the sf parameter"; Section 2.5 lists as an error "The component identifier indicates that
 * a structured field serialization is used (via the sf parameter), but the field in question is
 * known to not be a structured field or the type of structured field is not known to the
 * implementation."
 *
 * <p>{@link #DEFAULT} knows the fields of RFC 9421, RFC 9530, the Signature-Key draft, the AAuth
 * draft and a few other RFCs that declare a structured type; {@link #with} adds more. Immutable.
 */
public final class StructuredFieldTypes {

    /** The three top-level structured field types (RFC 9651 Section 3). */
    public enum Type {
        ITEM,
        LIST,
        DICTIONARY
    }

    public static final StructuredFieldTypes DEFAULT;

    static {
        Map<String, Type> m = new HashMap<>();
        // RFC 9421 Section 4
        m.put("signature-input", Type.DICTIONARY);
        m.put("signature", Type.DICTIONARY);
        m.put("accept-signature", Type.DICTIONARY);
        // draft-hardt-httpbis-signature-key
        m.put("signature-key", Type.DICTIONARY);
        m.put("signature-error", Type.DICTIONARY);
        // RFC 9530
        m.put("content-digest", Type.DICTIONARY);
        m.put("repr-digest", Type.DICTIONARY);
        m.put("want-content-digest", Type.DICTIONARY);
        m.put("want-repr-digest", Type.DICTIONARY);
        // draft-hardt-oauth-aauth-protocol, IANA considerations
        m.put("aauth-requirement", Type.DICTIONARY);
        m.put("aauth-mission", Type.DICTIONARY);
        m.put("aauth-capabilities", Type.LIST);
        // RFC 9440, RFC 9218, RFC 9209, RFC 9211
        m.put("client-cert", Type.ITEM);
        m.put("client-cert-chain", Type.LIST);
        m.put("priority", Type.DICTIONARY);
        m.put("proxy-status", Type.LIST);
        m.put("cache-status", Type.LIST);
        DEFAULT = new StructuredFieldTypes(m);
    }

    private final Map<String, Type> types;

    private StructuredFieldTypes(Map<String, Type> types) {
        this.types = types;
    }

    /** No known structured fields: every {@code sf} fails. */
    public static StructuredFieldTypes none() {
        return new StructuredFieldTypes(Map.of());
    }

    /** A copy that also knows {@code fieldName} to be of {@code type}. */
    public StructuredFieldTypes with(String fieldName, Type type) {
        Map<String, Type> m = new HashMap<>(types);
        m.put(fieldName.toLowerCase(Locale.ROOT), Objects.requireNonNull(type, "type"));
        return new StructuredFieldTypes(m);
    }

    /** The type of a lowercase field name, or null when it is not known to be structured. */
    public Type typeOf(String fieldName) {
        return types.get(fieldName);
    }
}
