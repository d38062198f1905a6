package dev.aauth.sigkey;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.Member;
import dev.aauth.sfv.StructuredFields;
import dev.aauth.sfv.Token;
import java.util.ArrayList;
import java.util.List;

/** A structured-field List of Tokens, the shape of both {@code Accept-Signature-*} fields. */
final class TokenList {

    private TokenList() {}

    static String serialize(List<String> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException(
                    "an Accept-Signature-* list names at least one value");
        }
        List<Member> members = new ArrayList<>(values.size());
        for (String v : values) {
            members.add(Item.of(new Token(v)));
        }
        return StructuredFields.serializeList(members);
    }

    /**
     * The Tokens of a received List, in order; members that are not Tokens are skipped ("a client
     * ignores what it does not know"). A field that is not a List is {@code invalid_request}.
     */
    static List<String> parse(String value) {
        List<Member> list;
        try {
            list = StructuredFields.parseList(value);
        } catch (RuntimeException e) {
            throw new AAuthException(
                    AAuthError.SIGNATURE_INVALID_REQUEST, "not a structured-field List of Tokens");
        }
        List<String> out = new ArrayList<>(list.size());
        for (Member m : list) {
            if (m instanceof Item i && i.value() instanceof Token t) {
                out.add(t.value());
            }
        }
        return List.copyOf(out);
    }
}
