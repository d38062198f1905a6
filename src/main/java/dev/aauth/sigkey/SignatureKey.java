package dev.aauth.sigkey;

import dev.aauth.draft.AAuthProfile;
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
     * "Header Web Key (hwk)": the public key inline. Signature-Key -04: "The alg parameter MUST NOT
     * be present" and "The kid parameter SHOULD NOT be used"; -08 (as {@code @hellocoop/httpsig}
     * 2.x implements it): {@code alg} is REQUIRED and written first, {@code kid} is refused. The
     * record keeps only the key material plus, for -08, the {@code alg}, exactly what goes on the
     * wire, so parse and serialize round-trip.
     *
     * @param jwk the key material (kty, crv, x, y, n, e)
     * @param alg the -08 {@code alg} parameter, or null for a -04 {@code hwk}
     */
    record Hwk(Jwk jwk, String alg) implements SignatureKey {
        public Hwk {
            jwk = Objects.requireNonNull(jwk, "jwk").withoutMetadata();
            if (alg != null && alg.isEmpty()) {
                throw invalid("hwk alg must not be empty");
            }
        }

        /** A -04 {@code hwk} (no {@code alg}). */
        public Hwk(Jwk jwk) {
            this(jwk, null);
        }

        /** The key with its {@code alg} (for -08), as the verifier uses it. */
        public Jwk key() {
            return alg == null ? jwk : jwk.withAlg(alg);
        }

        @Override
        public String scheme() {
            return "hwk";
        }

        @Override
        public Item toItem() {
            Parameters.Builder p = Parameters.builder();
            if (alg != null) {
                p.put("alg", alg);
            }
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
     * Reads one dictionary member under Signature-Key -04 ({@link AAuthProfile#DRAFT_01}). A
     * malformed member, an unknown scheme or a missing REQUIRED parameter is {@code invalid_key}:
     * "The public key in Signature-Key could not be parsed".
     */
    static SignatureKey fromMember(Member member) {
        return fromMember(member, AAuthProfile.DRAFT_01);
    }

    /**
     * Reads one dictionary member under {@code profile}. -08 differences: an unrecognized scheme is
     * {@code unsupported_scheme} ("A server MUST NOT fail in a scheme-specific or undefined manner
     * on an unrecognized scheme"), and {@code hwk} must carry {@code alg} and must not carry {@code
     * kid}.
     */
    static SignatureKey fromMember(Member member, AAuthProfile profile) {
        if (!(member instanceof Item item) || !(item.value() instanceof Token scheme)) {
            throw invalid("a Signature-Key member must be a Token naming the scheme");
        }
        Parameters p = item.parameters();
        return switch (scheme.value()) {
            case "hwk" -> hwk(p, profile);
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
            default ->
                    throw new AAuthException(
                            profile.unknownSchemeError(),
                            "unknown Signature-Key scheme " + scheme.value());
        };
    }

    private static Hwk hwk(Parameters p, AAuthProfile profile) {
        String alg = null;
        if (profile.hwkCarriesAlg()) {
            // -08 (httpsig 2.x): "Signature-Key hwk scheme missing alg parameter" is invalid_key,
            // and "Signature-Key hwk scheme MUST NOT include a kid parameter"
            alg = p.getString("alg");
            if (alg == null || alg.isEmpty()) {
                throw invalid("hwk MUST carry alg (Signature-Key -08)");
            }
            if (p.containsKey("kid")) {
                throw invalid("hwk MUST NOT carry kid (Signature-Key -08)");
            }
        } else if (p.containsKey("alg")) {
            // -04: "The alg parameter MUST NOT be present (algorithm is derived from the key type
            // and curve)"
            throw invalid("hwk MUST NOT carry alg");
        }
        Map<String, Object> jwk = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : p.asMap().entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw invalid("hwk parameter " + e.getKey() + " must be a String");
            }
            if (!e.getKey().equals("alg")) {
                jwk.put(e.getKey(), s);
            }
        }
        Jwk key = Jwk.parse(jwk);
        if (alg != null) {
            key.withAlg(alg); // refuses an alg that contradicts kty/crv (invalid_key)
        }
        return new Hwk(key, alg);
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
