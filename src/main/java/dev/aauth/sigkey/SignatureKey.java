package dev.aauth.sigkey;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jose.Jwk;
import dev.aauth.sfv.ByteSequence;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.Member;
import dev.aauth.sfv.Parameters;
import dev.aauth.sfv.Token;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One member of the {@code Signature-Key} dictionary: "{@code <label>=<scheme>;<parameters>}",
 * where the scheme is a Token and the parameters "are structured field strings or byte sequences".
 */
public sealed interface SignatureKey {

    /** The scheme token as it appears on the wire. */
    String scheme();

    /** This member as a structured-field Item (Token plus parameters). */
    Item toItem();

    /**
     * "Header Web Key (hwk)": the public key inline. "The alg parameter MUST NOT be present" and
     * "The kid parameter SHOULD NOT be used": the record keeps only the key material, exactly what
     * goes on the wire, so parse and serialize round-trip.
     */
    record Hwk(Jwk jwk) implements SignatureKey {
        public Hwk {
            jwk = Objects.requireNonNull(jwk, "jwk").withoutMetadata();
        }

        @Override
        public String scheme() {
            return "hwk";
        }

        @Override
        public Item toItem() {
            Parameters.Builder p = Parameters.builder();
            Map<String, Object> m = jwk.withoutMetadata().toMap();
            for (Map.Entry<String, Object> e : m.entrySet()) {
                p.put(e.getKey(), e.getValue());
            }
            return new Item(new Token(scheme()), p.build());
        }
    }

    /** "JWT Confirmation Key (jwt)": a JWT whose {@code cnf.jwk} is the signing key. */
    record Jwt(String jwt) implements SignatureKey {
        @Override
        public String scheme() {
            return "jwt";
        }

        @Override
        public Item toItem() {
            return new Item(new Token(scheme()), Parameters.builder().put("jwt", jwt).build());
        }
    }

    /**
     * "JWKS URI Discovery (jwks_uri)": signer {@code id}, metadata document {@code dwk}, key {@code
     * kid}.
     */
    record JwksUri(String id, String dwk, String kid) implements SignatureKey {
        @Override
        public String scheme() {
            return "jwks_uri";
        }

        @Override
        public Item toItem() {
            return new Item(
                    new Token(scheme()),
                    Parameters.builder().put("id", id).put("dwk", dwk).put("kid", kid).build());
        }
    }

    /**
     * "JKT JWT Self-Issued Key Delegation (jkt-jwt)": a JWT signed by the key in its own header.
     */
    record JktJwt(String jwt) implements SignatureKey {
        @Override
        public String scheme() {
            return "jkt-jwt";
        }

        @Override
        public Item toItem() {
            return new Item(new Token(scheme()), Parameters.builder().put("jwt", jwt).build());
        }
    }

    /**
     * "X.509 Certificates (x509)": parsed so it can be refused with a clear error; never trusted
     * here.
     */
    record X509(String x5u, ByteSequence x5t) implements SignatureKey {
        @Override
        public String scheme() {
            return "x509";
        }

        @Override
        public Item toItem() {
            return new Item(
                    new Token(scheme()),
                    Parameters.builder().put("x5u", x5u).put("x5t", x5t).build());
        }
    }

    /**
     * Reads one dictionary member. A malformed member, an unknown scheme or a missing REQUIRED
     * parameter is {@code invalid_key}: "The public key in Signature-Key could not be parsed".
     */
    static SignatureKey fromMember(Member member) {
        if (!(member instanceof Item item) || !(item.value() instanceof Token scheme)) {
            throw invalid("a Signature-Key member must be a Token naming the scheme");
        }
        Parameters p = item.parameters();
        return switch (scheme.value()) {
            case "hwk" -> hwk(p);
            case "jwt" -> new Jwt(requiredString(p, "jwt"));
            case "jwks_uri" ->
                    new JwksUri(
                            requiredString(p, "id"),
                            requiredString(p, "dwk"),
                            requiredString(p, "kid"));
            case "jkt-jwt" -> new JktJwt(requiredString(p, "jwt"));
            case "x509" -> {
                Object x5t = p.get("x5t");
                if (!(x5t instanceof ByteSequence bs)) {
                    throw invalid("x509 requires x5t as a Byte Sequence");
                }
                yield new X509(requiredString(p, "x5u"), bs);
            }
            default -> throw invalid("unknown Signature-Key scheme " + scheme.value());
        };
    }

    private static Hwk hwk(Parameters p) {
        // "The alg parameter MUST NOT be present (algorithm is derived from the key type and
        // curve)"
        if (p.containsKey("alg")) {
            throw invalid("hwk MUST NOT carry alg");
        }
        Map<String, Object> jwk = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : p.asMap().entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw invalid("hwk parameter " + e.getKey() + " must be a String");
            }
            jwk.put(e.getKey(), s);
        }
        return new Hwk(Jwk.parse(jwk));
    }

    private static String requiredString(Parameters p, String name) {
        String s = p.getString(name);
        if (s == null || s.isEmpty()) {
            throw invalid("Signature-Key parameter " + name + " is REQUIRED and must be a String");
        }
        return s;
    }

    private static AAuthException invalid(String detail) {
        return new AAuthException(AAuthError.INVALID_KEY, detail);
    }
}
