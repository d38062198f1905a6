package dev.aauth.sigkey;

import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.InnerList;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.Member;
import dev.aauth.sfv.Parameters;
import dev.aauth.sfv.StructuredFields;
import dev.aauth.sfv.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Accept-Signature} response header (RFC 9421 Section 5.1) with the Signature-Key
 * draft's {@code sigkey} parameter: "an Item parameter on each member of the Accept-Signature
 * Dictionary. Its value is a Token ... jkt, uri, x509".
 *
 * @param label the label the client should sign with
 * @param components the covered components asked for
 * @param sigkey {@code jkt}, {@code uri} or {@code x509}
 */
public record AcceptSignature(String label, List<String> components, SigKey sigkey) {

    public static final String NAME = "Accept-Signature";

    /** The {@code sigkey} levels: "ordered levels of identification". */
    public enum SigKey {
        /** "Pseudonymous key identified by JWK Thumbprint": hwk, jkt-jwt. */
        JKT("jkt"),
        /** "Key identified by a URI": jwks_uri, jwt, x509. */
        URI("uri"),
        /** "Key from an X.509 certificate chain". */
        X509("x509");

        private final String token;

        SigKey(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }

        /** Whether a key presented with {@code scheme} satisfies this level. */
        public boolean acceptsScheme(String scheme) {
            return switch (this) {
                case JKT -> scheme.equals("hwk") || scheme.equals("jkt-jwt");
                case URI ->
                        scheme.equals("jwks_uri") || scheme.equals("jwt") || scheme.equals("x509");
                case X509 -> scheme.equals("x509");
            };
        }

        public static SigKey fromToken(String t) {
            for (SigKey k : values()) {
                if (k.token.equals(t)) {
                    return k;
                }
            }
            return null;
        }
    }

    public AcceptSignature {
        components = List.copyOf(components);
    }

    public String headerValue() {
        List<Item> items = new ArrayList<>(components.size());
        for (String c : components) {
            items.add(Item.of(c));
        }
        InnerList list =
                new InnerList(
                        items,
                        Parameters.builder().put("sigkey", new Token(sigkey.token())).build());
        return StructuredFields.serializeDictionary(Dictionary.builder().put(label, list).build());
    }

    /** Reads the first member that carries {@code sigkey} (client side); null when none does. */
    public static AcceptSignature parse(String headerValue) {
        if (headerValue == null) {
            return null;
        }
        Dictionary d = StructuredFields.parseDictionary(headerValue);
        for (String label : d.keySet()) {
            Member m = d.get(label);
            if (m instanceof InnerList il && il.parameters().getToken("sigkey") != null) {
                SigKey k = SigKey.fromToken(il.parameters().getToken("sigkey"));
                if (k == null) {
                    continue;
                }
                List<String> comps = new ArrayList<>();
                for (Item i : il.items()) {
                    if (i.value() instanceof String s) {
                        comps.add(s);
                    }
                }
                return new AcceptSignature(label, comps, k);
            }
        }
        return null;
    }
}
