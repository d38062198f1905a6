package dev.aauth.personserver;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.token.AgentToken;
import dev.aauth.token.MintedToken;
import java.time.Clock;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The draft -11 {@code person_token_endpoint}'s logic, plain Java: one signed request in, one
 * person token out, or an {@link AAuthException} with the token endpoint's code ("Errors use the
 * token endpoint error codes").
 *
 * <ol>
 *   <li>"The agent MUST make a signed POST with an HTTP Sig, presenting its agent token via the
 *       Signature-Key header using scheme=jwt": verified under -11 (content-type and content-digest
 *       signed); agent token failures are {@code invalid_agent_token} / {@code
 *       expired_agent_token}, as at the token endpoint.
 *   <li>The body ({@link PersonTokenRequest}): {@code resource} REQUIRED and a server identifier;
 *       {@code mission_s256}, {@code subagent_token} not supported yet; each {@code
 *       invalid_request}.
 *   <li>"Without upstream_token the PS issues for the person bound to the requesting agent ... A PS
 *       that cannot determine the person MUST reject the request": an agent bound to no person is
 *       {@code user_unreachable} (403; the person token is not deferred to an interaction in which
 *       whoever redeems the code would become the agent's person). With an {@code upstream_token}
 *       (call chaining) the person is the upstream token's ({@link #personOf}): the person token's
 *       {@code sub} is that person's directed {@code sub} at the downstream resource, never the
 *       upstream {@code sub}.
 *   <li>First-issuance consent ({@link PersonTokenConsent}): "The PS MAY require user interaction
 *       before issuing and return a 202 Accepted deferred response with requirement=interaction":
 *       issued at once when an autonomous rule pre-authorizes the agent at the resource or the
 *       person remembered "may this agent act at the resource as you?"; otherwise deferred exactly
 *       as the auth token endpoint defers ({@link Deferred}: {@code 202}, pending URL, interaction
 *       code), and the poll of an approved request yields the person token ({@link
 *       TokenExchange#mintApproved}).
 *   <li>The token ({@link TokenExchange#mintPersonToken}): {@code aud} the resource, the directed
 *       {@code sub}, {@code cnf.jwk} the signing key with its {@code alg}, at most one hour and
 *       never past the agent token, recorded ({@link IssuedPersonTokens}) before it is handed out.
 * </ol>
 *
 * Anything unexpected is {@code server_error} (500). Thread-safe.
 */
public final class PersonTokenIssuance {

    private static final Logger LOG = Logger.getLogger(PersonTokenIssuance.class.getName());

    /** What the endpoint answers: the token, or the deferred {@code 202}. */
    public sealed interface Answer permits Issued, Deferred {}

    /**
     * The {@code 200} answer: {@code {"person_token", "expires_in"}}.
     *
     * @param jti the token's {@code jti} (for logs; not sent)
     */
    public record Issued(String personToken, long expiresIn, String jti) implements Answer {}

    /** The person must be asked: the deferred {@code 202} of the auth token endpoint. */
    public record Deferred(TokenResponse.Pending pending) implements Answer {}

    private final TokenExchange exchange;
    private final TokenExchange.Draft11 draft11;
    private final PolicyDecider policy;
    private final DecisionLog decisions;
    private final Clock clock;

    /**
     * @param d the token exchange's dependencies; without {@link
     *     TokenExchange.Dependencies#draft11} (draft-11 not served) every request is refused
     * @param exchange the token exchange built from {@code d} (its per-agent rate limit is shared)
     */
    public PersonTokenIssuance(TokenExchange.Dependencies d, TokenExchange exchange) {
        this.draft11 = d.draft11();
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.policy = d.policy();
        this.decisions = d.decisions();
        this.clock = d.clock();
    }

    public Answer issue(HttpRequestMessage message, byte[] body) {
        try {
            return doIssue(message, body);
        } catch (AAuthException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "person token request failed", e);
            throw new AAuthException(AAuthError.SERVER_ERROR, "internal error");
        }
    }

    /** Whether draft-11 is served, so that this endpoint exists. */
    public boolean served() {
        return draft11 != null;
    }

    /**
     * Whom the person token is for: "Without upstream_token the PS issues for the person bound to
     * the requesting agent (#agent-person-binding). With it, the PS issues for the person the
     * upstream token was issued for, determined from the upstream token's sub, which this PS MUST
     * have issued. A PS that cannot determine the person MUST reject the request." With an {@code
     * upstream_token}: {@link TokenExchange#verifyUpstream11} ({@code invalid_request} when it
     * fails); without: the agent's binding ({@code user_unreachable} when there is none).
     */
    private String personOf(AgentToken agentToken, PersonTokenRequest request) {
        String person = exchange.personOf(agentToken, request.upstreamToken());
        if (person == null) {
            throw new AAuthException(
                    AAuthError.USER_UNREACHABLE,
                    "the agent is bound to no person, so this Person Server cannot determine whom"
                            + " to issue a person token for");
        }
        return person;
    }

    private Answer doIssue(HttpRequestMessage message, byte[] body) {
        if (draft11 == null) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST, "this Person Server does not serve draft-11");
        }
        VerifiedRequest verified = exchange.verifyRequest(draft11.requests(), message);
        verified.verifyContentDigest(message, () -> body);
        AgentToken agentToken = verified.agentToken();
        String agent = agentToken.agent();
        exchange.limit(agent);
        PersonTokenRequest request = PersonTokenRequest.parse(body, draft11.mode());
        String person = personOf(agentToken, request);
        String resource = request.resource();
        PolicyDecision decision = policy.decidePersonToken(person, agent, resource);
        if (decision instanceof PolicyDecision.Interaction ask) {
            decisions.record(
                    new DecisionLog.Entry(
                            clock.instant().getEpochSecond(),
                            agent,
                            resource,
                            PersonTokenConsent.SCOPES,
                            "interaction",
                            ask.reason(),
                            null,
                            null,
                            person));
            TokenResponse response =
                    exchange.interaction(
                            AAuthProfile.DRAFT_11,
                            agent,
                            verified,
                            new TokenRequest(
                                    PersonTokenConsent.NO_RESOURCE_TOKEN,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null),
                            PersonTokenConsent.SCOPES,
                            resource,
                            person,
                            ask.reason());
            return new Deferred((TokenResponse.Pending) response);
        }
        MintedToken token =
                exchange.mintPersonToken(person, resource, verified.key(), agentToken.expiresAt());
        return new Issued(token.compact(), token.expiresAt() - token.issuedAt(), token.jti());
    }
}
