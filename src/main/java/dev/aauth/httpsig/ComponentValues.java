package dev.aauth.httpsig;

import dev.aauth.error.AAuthException;
import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.InnerList;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.Member;
import dev.aauth.sfv.StructuredFields;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Derives component values (RFC 9421 Sections 2.1 to 2.4) and appends them to the signature base
 * being built. Every failure is an {@link AAuthException} with {@code invalid_signature}: Section
 * 2.5 says "If covered components reference a component identifier that cannot be resolved to a
 * component value in the message, the implementation MUST produce an error and not create a
 * signature base."
 */
final class ComponentValues {

    private ComponentValues() {}

    static void append(
            StringBuilder sb,
            HttpMessage target,
            ComponentIdentifier id,
            StructuredFieldTypes types) {
        HttpMessage context = target;
        if (id.isReq()) {
            // Section 2.4: "The req parameter MUST NOT be used for any component in a signature
            // that targets a request message."
            if (!(target instanceof HttpResponseMessage response)) {
                throw Syntax.invalid(
                        "the req parameter MUST NOT be used in a signature that targets a request: "
                                + id);
            }
            context = response.relatedRequest();
            if (context == null) {
                throw Syntax.invalid(
                        "component " + id + " needs the related request, which is not available");
            }
        }
        DerivedComponent derived = id.derived();
        if (derived != null) {
            int start = sb.length();
            appendDerived(sb, context, id, derived);
            checkDerivedValue(sb, start, id);
        } else {
            appendField(sb, context, id, types);
        }
    }

    private static void appendDerived(
            StringBuilder sb,
            HttpMessage context,
            ComponentIdentifier id,
            DerivedComponent derived) {
        if (!derived.targetsRequest()) {
            // Section 2.2.9: "The @status component identifier MUST NOT be used in a request
            // message."
            if (!(context instanceof HttpResponseMessage response)) {
                throw Syntax.invalid("@status MUST NOT be used in a request message");
            }
            sb.append(response.status());
            return;
        }
        if (!(context instanceof HttpRequestMessage request)) {
            throw Syntax.invalid(
                    id + " derives from a request; a response signature must mark it req");
        }
        switch (derived) {
            case METHOD -> sb.append(request.method());
            case TARGET_URI -> request.appendTargetUri(sb);
            case AUTHORITY -> sb.append(request.normalizedAuthority());
            // Section 2.2.4: "the scheme ... MUST be normalized to lowercase"
            case SCHEME -> HttpRequestMessage.appendLower(sb, request.scheme());
            case REQUEST_TARGET -> request.appendRequestTarget(sb);
            // Section 2.2.6: "an empty path string is normalized as a single slash (/) character"
            case PATH -> request.appendPath(sb);
            // Section 2.2.7: "If the query string is absent from the request message, the component
            // value is the leading ? character alone"
            case QUERY -> {
                sb.append('?');
                if (request.query() != null) {
                    sb.append(request.query());
                }
            }
            case QUERY_PARAM ->
                    QueryParameters.appendValue(sb, request.query(), id.queryParamName());
            default -> throw new IllegalStateException(derived.name());
        }
    }

    // Section 2.2: "Derived component values MUST be limited to printable characters and spaces and
    // MUST NOT contain any newline characters. Derived component values MUST NOT start or end with
    // whitespace characters."
    private static void checkDerivedValue(StringBuilder sb, int start, ComponentIdentifier id) {
        int end = sb.length();
        for (int i = start; i < end; i++) {
            char c = sb.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw Syntax.invalid(
                        "the value of " + id + " has a character that is not printable ASCII");
            }
        }
        if (end > start && (sb.charAt(start) == ' ' || sb.charAt(end - 1) == ' ')) {
            throw Syntax.invalid("the value of " + id + " starts or ends with whitespace");
        }
    }

    private static void appendField(
            StringBuilder sb,
            HttpMessage context,
            ComponentIdentifier id,
            StructuredFieldTypes types) {
        List<String> lines = context.fields().lines(id.name());
        if (lines == null || lines.isEmpty()) {
            throw Syntax.invalid("covered field " + id.name() + " is not present in the message");
        }
        if (id.isBs()) {
            appendByteSequences(sb, lines);
        } else if (id.key() != null) {
            appendDictionaryMember(sb, id, lines);
        } else if (id.isSf()) {
            appendStructured(sb, id, lines, types);
        } else {
            // Section 2.1: "HTTP fields sent as multiple fields MUST be combined using a single
            // comma (",") and a single space (" ") between each item."
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                appendCanonicalLine(sb, lines.get(i));
            }
        }
    }

    /**
     * One field line, canonicalized as Section 2.1 says: "Strip leading and trailing whitespace"
     * and "Remove any obsolete line folding within the line, and replace it with a single space".
     * Any other CR or LF fails ("Component values MUST NOT contain newline (\n) characters"), as do
     * other control characters and characters above U+00FF, which no field line can carry.
     */
    static void appendCanonicalLine(StringBuilder sb, String line) {
        int start = 0;
        int end = line.length();
        while (start < end && isOws(line.charAt(start))) {
            start++;
        }
        while (end > start && isOws(line.charAt(end - 1))) {
            end--;
        }
        int run = start;
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            if (c >= 0x20 && c != 0x7F && c <= 0xFF || c == '\t') {
                continue;
            }
            if (c == '\r' || c == '\n') {
                int j = i + 1;
                if (c == '\r') {
                    if (j >= end || line.charAt(j) != '\n') {
                        throw Syntax.invalid("field value contains a bare CR");
                    }
                    j++;
                }
                if (j >= end || !isOws(line.charAt(j))) {
                    throw Syntax.invalid("component values MUST NOT contain newline characters");
                }
                while (j < end && isOws(line.charAt(j))) {
                    j++;
                }
                sb.append(line, run, i).append(' ');
                run = j;
                i = j - 1;
            } else {
                throw Syntax.invalid(
                        "field value contains a control character or a character above U+00FF");
            }
        }
        sb.append(line, run, end);
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    private static String combined(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            appendCanonicalLine(sb, lines.get(i));
        }
        return sb.toString();
    }

    // Section 2.1.3: each field line is wrapped as a Byte Sequence, the List of them strictly
    // serialized
    private static void appendByteSequences(StringBuilder sb, List<String> lines) {
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder one = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            one.setLength(0);
            appendCanonicalLine(one, lines.get(i));
            sb.append(':')
                    .append(
                            b64.encodeToString(
                                    one.toString().getBytes(StandardCharsets.ISO_8859_1)))
                    .append(':');
        }
    }

    // Section 2.1.2: "An individual member value of a Dictionary Structured Field is canonicalized
    // by applying the serialization algorithm ... on the member_value and its parameters, not
    // including the dictionary key itself." "If a Dictionary key is named as a covered component
    // but it does not occur in the Dictionary, this MUST cause an error in the signature base
    // generation."
    private static void appendDictionaryMember(
            StringBuilder sb, ComponentIdentifier id, List<String> lines) {
        Dictionary dictionary;
        try {
            dictionary = StructuredFields.parseDictionary(combined(lines));
        } catch (AAuthException e) {
            throw Syntax.invalid("field " + id.name() + " is not a valid Dictionary", e);
        }
        Member member = dictionary.get(id.key());
        if (member == null) {
            throw Syntax.invalid("Dictionary field " + id.name() + " has no member " + id.key());
        }
        sb.append(
                member instanceof InnerList il
                        ? StructuredFields.serializeInnerList(il)
                        : StructuredFields.serializeItem((Item) member));
    }

    // Section 2.1.1: "the HTTP field value MUST be serialized using the rules specified in Section
    // 4 of [STRUCTURED-FIELDS] applicable to the type of the HTTP field"
    private static void appendStructured(
            StringBuilder sb,
            ComponentIdentifier id,
            List<String> lines,
            StructuredFieldTypes types) {
        StructuredFieldTypes.Type type = types.typeOf(id.name());
        if (type == null) {
            throw Syntax.invalid(
                    "sf on field " + id.name() + ", which is not known to be a structured field");
        }
        String value = combined(lines);
        try {
            switch (type) {
                case ITEM ->
                        sb.append(
                                StructuredFields.serializeItem(StructuredFields.parseItem(value)));
                case LIST ->
                        sb.append(
                                StructuredFields.serializeList(StructuredFields.parseList(value)));
                case DICTIONARY ->
                        sb.append(
                                StructuredFields.serializeDictionary(
                                        StructuredFields.parseDictionary(value)));
                default -> throw new IllegalStateException(type.name());
            }
        } catch (AAuthException e) {
            throw Syntax.invalid("field " + id.name() + " is not a valid " + type, e);
        }
    }
}
