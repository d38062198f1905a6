package dev.aauth.sigkey;

import dev.aauth.jose.Jwk;
import dev.aauth.token.VerifiedToken;

/**
 * The verification key obtained from a {@code Signature-Key} member, with what it says about the
 * signer.
 *
 * @param scheme the scheme it came from
 * @param key the public key that must verify the HTTP message signature
 * @param token for {@code jwt}: the verified AAuth token whose {@code cnf.jwk} is {@code key}; else
 *     null
 * @param identity who signs: the agent identifier ({@code jwt} with an agent or auth token), the
 *     signer {@code id} ({@code jwks_uri}), the {@code urn:jkt:} thumbprint URI ({@code jkt-jwt},
 *     {@code hwk}: pseudonymous)
 */
public record ResolvedKey(String scheme, Jwk key, VerifiedToken token, String identity) {

    /** Whether the signer is only pseudonymous (hwk, jkt-jwt): "sigkey=jkt". */
    public boolean isPseudonymous() {
        return scheme.equals("hwk") || scheme.equals("jkt-jwt");
    }
}
