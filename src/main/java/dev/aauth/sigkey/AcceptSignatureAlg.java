package dev.aauth.sigkey;

import dev.aauth.draft.AAuthProfile;
import java.util.List;

/**
 * The {@code Accept-Signature-Alg} response header of Signature-Key -08: the fully-specified JOSE
 * algorithm identifiers the server accepts, a List of Tokens. AAuth -11: "one returning
 * unsupported_algorithm SHOULD include Accept-Signature-Alg" and "An Accept-Signature-Alg header
 * names exactly the algorithms the server accepts, neither a subset nor a superset"; the {@code
 * accept_signature_algs} metadata member carries the same list.
 *
 * @param algs the algorithms, e.g. {@code Ed25519, ES256}
 */
public record AcceptSignatureAlg(List<String> algs) {

    public static final String NAME = "Accept-Signature-Alg";

    public AcceptSignatureAlg {
        algs = List.copyOf(algs);
    }

    /** Exactly what {@code profile}'s verifiers accept ({@link AAuthProfile#acceptedAlgs()}). */
    public static AcceptSignatureAlg of(AAuthProfile profile) {
        return new AcceptSignatureAlg(profile.acceptedAlgs());
    }

    public String headerValue() {
        return TokenList.serialize(algs);
    }

    /** Reads a received header; unknown tokens are kept, non-Token members skipped. */
    public static AcceptSignatureAlg parse(String value) {
        return new AcceptSignatureAlg(TokenList.parse(value));
    }
}
