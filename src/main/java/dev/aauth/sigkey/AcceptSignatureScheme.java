package dev.aauth.sigkey;

import java.util.List;

/**
 * The {@code Accept-Signature-Scheme} response header of Signature-Key -08: "the Signature-Key
 * schemes the server accepts, in descending order of preference", a List of Tokens. AAuth -11: "A
 * server returning unsupported_scheme SHOULD include Accept-Signature-Scheme"; an AAuth server
 * accepts {@code jwt} ("Signature-Error: error=unsupported_scheme / Accept-Signature-Scheme: jwt").
 *
 * @param schemes the schemes, most preferred first
 */
public record AcceptSignatureScheme(List<String> schemes) {

    public static final String NAME = "Accept-Signature-Scheme";

    /** What an AAuth -11 server accepts: "Agents MUST use scheme=jwt". */
    public static final AcceptSignatureScheme AAUTH = new AcceptSignatureScheme(List.of("jwt"));

    public AcceptSignatureScheme {
        schemes = List.copyOf(schemes);
    }

    public String headerValue() {
        return TokenList.serialize(schemes);
    }

    /** Reads a received header; unknown tokens are kept, non-Token members skipped. */
    public static AcceptSignatureScheme parse(String value) {
        return new AcceptSignatureScheme(TokenList.parse(value));
    }
}
