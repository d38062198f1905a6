package dev.aauth.jakarta.personserver;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.jakarta.store.IssuedToken;
import dev.aauth.jakarta.store.IssuedTokens;
import dev.aauth.personserver.RevokedAgentTokens;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.token.Revocation;
import dev.aauth.token.TokenType;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Person Server's revocation endpoint, plain Java ("Token Revocation"): "Any AAuth server that
 * issues tokens MAY provide a revocation endpoint. The endpoint accepts a signed POST with the jti
 * of the token to revoke. The server identifies the token from the jti and its own records".
 * "Response: 200 OK if the token was revoked or was already invalid. 404 if the jti is not
 * recognized."
 *
 * <p>Who may revoke what ("URL where authorized parties can revoke tokens"; the draft names no
 * parties for a PS, so these are decisions):
 *
 * <ul>
 *   <li><b>the agent the auth token was issued to</b>, signing with its agent token ({@code
 *       Signature-Key: sig=jwt}, {@code aa-agent+jwt}) whose agent is the token's {@code agent}: an
 *       agent gives up a token it holds;
 *   <li><b>the resource the auth token was issued for</b> (its {@code aud}), signing as a server
 *       ({@code sig=jwks_uri;id="<resource>"}): a resource that saw misuse.
 * </ul>
 *
 * Any other signer, a token of another issuer, or another token type is answered exactly as an
 * unknown {@code jti} ({@code 404}), so the endpoint tells nobody which token ids exist. The
 * signature is verified first ({@code 401} with {@code Signature-Error} when it fails, as for every
 * AAuth endpoint); a malformed body is {@code 400 invalid_request}.
 *
 * <p>Both drafts' bodies: -01 {@code {"jti"}}, -11 {@code {"iss", "jti"}} ("identifying the token
 * to revoke by the pair (iss, jti). Both members are REQUIRED"). A -11 pair whose {@code iss} is
 * this PS names one of its auth tokens, as the -01 {@code jti} does; any other {@code iss} is an
 * agent provider revoking an agent token it issued ({@link #revokeAgentToken}).
 *
 * <p>A revoked token is marked in {@code issued_tokens}; unless the resource itself asked, its
 * resource is then told ({@link RevocationNotices}): "The PS calls the resource's revocation
 * endpoint with the auth token's jti."
 */
public final class TokenRevocation {

    private static final Logger LOG = Logger.getLogger(TokenRevocation.class.getName());

    /** The endpoint's answer. */
    public enum Outcome {
        /** 200: revoked now, or already invalid (revoked before, or expired). */
        REVOKED,
        /** 404: not a token this PS issued, or not one this signer may revoke. */
        NOT_RECOGNIZED
    }

    private final String self;
    private final AAuthRequestVerifier requests;
    private final IssuedTokens tokens;
    private final RevocationNotices notices;
    private final RevokedAgentTokens agentTokens;
    private final Clock clock;

    /**
     * @param requests a verifier with {@link #policy()}'s demands
     */
    public TokenRevocation(
            String self,
            AAuthRequestVerifier requests,
            IssuedTokens tokens,
            RevocationNotices notices) {
        this(self, requests, tokens, notices, RevokedAgentTokens.NONE, Clock.systemUTC());
    }

    /**
     * @param agentTokens where agent tokens their agent provider revokes ({@code -11} form) are
     *     kept; the token exchange refuses them
     */
    public TokenRevocation(
            String self,
            AAuthRequestVerifier requests,
            IssuedTokens tokens,
            RevocationNotices notices,
            RevokedAgentTokens agentTokens,
            Clock clock) {
        this.self = Objects.requireNonNull(self, "self");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.notices = Objects.requireNonNull(notices, "notices");
        this.agentTokens = Objects.requireNonNull(agentTokens, "agentTokens");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The draft's four components, 60 s; {@code jwt} with an agent token, or {@code jwks_uri}
     * (servers).
     */
    public static VerificationPolicy policy() {
        return new VerificationPolicy(
                List.of(),
                VerificationPolicy.DEFAULT_WINDOW,
                Set.of("jwt", "jwks_uri"),
                Set.of(TokenType.AGENT),
                null);
    }

    public Outcome revoke(HttpRequestMessage message, byte[] body) {
        try {
            VerifiedRequest verified = requests.verify(message);
            verified.verifyContentDigest(message, () -> body);
            Optional<Revocation> draft11 = Revocation.draft11(body);
            if (draft11.isPresent() && !draft11.get().iss().equals(self)) {
                return revokeAgentToken(verified, draft11.get());
            }
            String jti = draft11.map(Revocation::jti).orElseGet(() -> Revocation.jti(body));
            Optional<IssuedToken> token =
                    tokens.find(jti)
                            .filter(
                                    t ->
                                            t.issuer().equals(self)
                                                    && t.tokenType() == TokenType.AUTH
                                                    && t.audience().isPresent());
            if (token.isEmpty()) {
                return Outcome.NOT_RECOGNIZED;
            }
            IssuedToken t = token.get();
            if (isTheResource(verified, t)) {
                // the resource knows already: nothing to tell it
                if (tokens.revoke(jti)) {
                    tokens.noticeDelivered(jti);
                }
                return Outcome.REVOKED;
            }
            if (!isTheAgent(verified, t)) {
                return Outcome.NOT_RECOGNIZED;
            }
            notices.revoke(List.of(t));
            return Outcome.REVOKED;
        } catch (AAuthException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "revocation request failed", e);
            throw new AAuthException(AAuthError.SERVER_ERROR, "internal error");
        }
    }

    /**
     * -11 "Agent provider revokes an agent token it issued: ... the agent provider calls the PS's
     * revocation endpoint with the agent token's iss and jti. The PS MUST deny subsequent requests
     * presenting that agent token". "Recipients of revocation requests ... MUST only accept
     * revocation from the issuer of the token being revoked": the caller signs as a server ({@code
     * jwks_uri}) whose identity is the {@code iss}; anyone else is answered as for an unknown pair
     * ({@code 404}). The PS keeps no list of the agent tokens it saw, so the pair is recorded
     * ({@link RevokedAgentTokens#RETENTION}) and {@code 200} answered whether or not it was ever
     * presented here ("200 OK if the token was revoked or was already invalid").
     */
    Outcome revokeAgentToken(VerifiedRequest verified, Revocation r) {
        if (!"jwks_uri".equals(verified.signer().scheme())
                || !r.iss().equals(verified.signer().identity())) {
            return Outcome.NOT_RECOGNIZED;
        }
        agentTokens.revoke(r.iss(), r.jti(), clock.instant().plus(RevokedAgentTokens.RETENTION));
        return Outcome.REVOKED;
    }

    /** The auth token's {@code agent}, presenting its agent token. */
    static boolean isTheAgent(VerifiedRequest verified, IssuedToken t) {
        return "jwt".equals(verified.signer().scheme())
                && verified.agentToken() != null
                && verified.agentToken().agent().equals(t.agentId());
    }

    /** The auth token's resource ({@code aud}), signing as itself with its published key. */
    static boolean isTheResource(VerifiedRequest verified, IssuedToken t) {
        return "jwks_uri".equals(verified.signer().scheme())
                && t.audience().get().equals(verified.signer().identity());
    }
}
