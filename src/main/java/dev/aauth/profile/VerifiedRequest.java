package dev.aauth.profile;

import dev.aauth.jose.Jwk;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.sigkey.ResolvedKey;
import dev.aauth.token.AgentToken;
import dev.aauth.token.AuthToken;
import dev.aauth.token.VerifiedToken;

/**
 * A request whose signature passed every step of "Verification (Server)".
 *
 * @param label     the signature label verified
 * @param signer    the key and what it says about the signer
 * @param algorithm the algorithm derived from the key
 * @param created   the signature's {@code created}
 */
public record VerifiedRequest(String label, ResolvedKey signer, SignatureAlgorithm algorithm, long created) {

    public Jwk key() {
        return signer.key();
    }

    /** The token from Signature-Key ({@code jwt} scheme), or null. */
    public VerifiedToken token() {
        return signer.token();
    }

    public AgentToken agentToken() {
        return signer.token() instanceof AgentToken a ? a : null;
    }

    public AuthToken authToken() {
        return signer.token() instanceof AuthToken a ? a : null;
    }

    /** The agent identifier when the signer presented an agent or auth token; else the pseudonymous or URI identity. */
    public String identity() {
        return signer.identity();
    }
}
