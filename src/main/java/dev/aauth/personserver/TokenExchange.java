package dev.aauth.personserver;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.draft.ProfileSignal;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.Jws;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.RateLimiter;
import dev.aauth.profile.ServedProfiles;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.sigkey.AcceptSignature;
import dev.aauth.token.Actor;
import dev.aauth.token.AgentToken;
import dev.aauth.token.AuthToken;
import dev.aauth.token.Draft11AuthToken;
import dev.aauth.token.Draft11ResourceToken;
import dev.aauth.token.Dwk;
import dev.aauth.token.MintedToken;
import dev.aauth.token.PersonTokenRecord;
import dev.aauth.token.ResourceToken;
import dev.aauth.token.TokenIssuer;
import dev.aauth.token.TokenType;
import dev.aauth.token.TokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The PS token endpoint's logic, plain Java: one signed request in, one {@link TokenResponse} out,
 * or an {@link AAuthException} carrying the draft's code.
 *
 * <ol>
 *   <li>"The agent MUST make a signed POST to the PS's token_endpoint. The request MUST include an
 *       HTTP Sig and the agent MUST present its agent token via the Signature-Key header using
 *       scheme=jwt." Request-signature failures stay {@code 401} with {@code Signature-Error} ("A
 *       401 response from any AAuth endpoint uses the Signature-Error header"); failures of the
 *       agent token itself ({@code invalid_jwt}, {@code expired_jwt}, including a token of another
 *       type) become the table's {@code invalid_agent_token} / {@code expired_agent_token} (400).
 *   <li>The body ({@link TokenRequest}): {@code invalid_request}.
 *   <li>"Resource Token Verification", steps 1-6 ({@code aud} is this PS, {@code agent} and {@code
 *       agent_jkt} match the signer), and every scope known to the resource's {@code
 *       scope_descriptions} or declared in this PS's {@code scopes_supported} ("A resource token
 *       MUST only include resource scopes that the resource has defined in its scope_descriptions
 *       metadata, and identity scopes that the PS has declared"): {@code invalid_resource_token},
 *       {@code expired_resource_token}.
 *   <li>The {@link PolicyDecider}: grant, interaction ({@link #interaction}, the one place the
 *       deferred flow replaces), or deny ({@code 403 denied}). The decision and reason are
 *       recorded.
 *   <li>A grant: an {@code aa-auth+jwt} with {@code aud} the resource, {@code agent}, {@code cnf}
 *       the signer's key, {@code act.sub} the agent, a pairwise {@code sub} when the agent belongs
 *       to a person, the granted scopes (never broader than the resource token's), at most the
 *       configured lifetime (1 h) and never past the agent token's {@code exp}; its {@code jti}
 *       recorded with the decision ({@link DirectGrantLog}: neither is written without the other)
 *       before it is handed out. With an {@code upstream_token} (call chaining, {@link
 *       #verifyUpstream}) {@code act} nests the upstream chain and {@code sub} is the upstream
 *       person's.
 * </ol>
 *
 * Anything unexpected is {@code server_error} (500). Thread-safe.
 */
public final class TokenExchange {

    private static final Logger LOG = Logger.getLogger(TokenExchange.class.getName());

    /**
     * What the exchange works with, grouped (built once by the server's producers, or by a test).
     *
     * @param requests a verifier with {@link #policy(List)}'s demands
     * @param tokens verifies resource and upstream tokens
     * @param scopeDescriptions resource identifier to its {@code scope_descriptions} (from its
     *     metadata); throws {@link AAuthException} when it cannot be had
     * @param issuer mints the auth tokens; its issuer is this Person Server
     * @param deferred the deferred responses, or null: then a request the person must approve is
     *     {@code 403 interaction_required}
     * @param grants where a direct grant's token and decision are recorded, together
     * @param tokenRequests the per-agent rate limit of token requests, or null for none
     * @param draft11 what serving draft -11 needs besides, or null when only draft-01 is served
     * @param revokedAgentTokens the agent tokens their agent provider revoked here (null: none)
     */
    public record Dependencies(
            AAuthRequestVerifier requests,
            TokenVerifier tokens,
            Function<String, Map<String, String>> scopeDescriptions,
            PolicyDecider policy,
            TokenIssuer issuer,
            PairwiseSubject pairwise,
            AgentBindings bindings,
            IssuedTokenLog issued,
            DecisionLog decisions,
            PersonServerSettings settings,
            Clock clock,
            DeferredResponses deferred,
            DirectGrantLog grants,
            RateLimiter tokenRequests,
            Draft11 draft11,
            RevokedAgentTokens revokedAgentTokens) {

        public Dependencies {
            if (revokedAgentTokens == null) {
                revokedAgentTokens = RevokedAgentTokens.NONE;
            }
            Objects.requireNonNull(requests, "requests");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(scopeDescriptions, "scopeDescriptions");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(pairwise, "pairwise");
            Objects.requireNonNull(bindings, "bindings");
            Objects.requireNonNull(issued, "issued");
            Objects.requireNonNull(decisions, "decisions");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(grants, "grants");
            if (draft11 != null && !draft11.issuer().issuer().equals(issuer.issuer())) {
                throw new IllegalArgumentException("the -11 issuer is another server");
            }
        }

        public static Builder builder() {
            return new Builder();
        }
    }

    /**
     * What serving draft -11 needs besides the shared parts: its own request verifier, token
     * verifier and issuer (each speaking -11), the retained person tokens, and the security mode a
     * person token request's {@code resource} is checked in.
     *
     * @param requests a -11 verifier with {@link #policy(List)}'s demands, signing content-type and
     *     content-digest of bodies
     */
    public record Draft11(
            AAuthRequestVerifier requests,
            TokenVerifier tokens,
            TokenIssuer issuer,
            IssuedPersonTokens personTokens,
            SecurityMode mode) {

        public Draft11 {
            Objects.requireNonNull(requests, "requests");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(personTokens, "personTokens");
            Objects.requireNonNull(mode, "mode");
            if (requests.policy().profile() != AAuthProfile.DRAFT_11
                    || tokens.profile() != AAuthProfile.DRAFT_11
                    || issuer.profile() != AAuthProfile.DRAFT_11) {
                throw new IllegalArgumentException("the -11 parts must each speak draft-11");
            }
        }
    }

    /**
     * Builds {@link Dependencies} by name. Optional: {@link #deferred} (none), {@link #grants} (the
     * issued-token log and the decision log, one after the other), {@link #tokenRequests} (no rate
     * limit).
     */
    public static final class Builder {
        private RevokedAgentTokens revokedAgentTokens;
        private AAuthRequestVerifier requests;
        private TokenVerifier tokens;
        private Function<String, Map<String, String>> scopeDescriptions;
        private PolicyDecider policy;
        private TokenIssuer issuer;
        private PairwiseSubject pairwise;
        private AgentBindings bindings;
        private IssuedTokenLog issued;
        private DecisionLog decisions;
        private PersonServerSettings settings;
        private Clock clock;
        private DeferredResponses deferred;
        private DirectGrantLog grants;
        private RateLimiter tokenRequests;
        private Draft11 draft11;

        private Builder() {}

        public Builder revokedAgentTokens(RevokedAgentTokens revokedAgentTokens) {
            this.revokedAgentTokens = revokedAgentTokens;
            return this;
        }

        public Builder draft11(Draft11 draft11) {
            this.draft11 = draft11;
            return this;
        }

        public Builder requests(AAuthRequestVerifier requests) {
            this.requests = requests;
            return this;
        }

        public Builder tokens(TokenVerifier tokens) {
            this.tokens = tokens;
            return this;
        }

        public Builder scopeDescriptions(Function<String, Map<String, String>> scopeDescriptions) {
            this.scopeDescriptions = scopeDescriptions;
            return this;
        }

        public Builder policy(PolicyDecider policy) {
            this.policy = policy;
            return this;
        }

        public Builder issuer(TokenIssuer issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder pairwise(PairwiseSubject pairwise) {
            this.pairwise = pairwise;
            return this;
        }

        public Builder bindings(AgentBindings bindings) {
            this.bindings = bindings;
            return this;
        }

        public Builder issued(IssuedTokenLog issued) {
            this.issued = issued;
            return this;
        }

        public Builder decisions(DecisionLog decisions) {
            this.decisions = decisions;
            return this;
        }

        public Builder settings(PersonServerSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder deferred(DeferredResponses deferred) {
            this.deferred = deferred;
            return this;
        }

        public Builder grants(DirectGrantLog grants) {
            this.grants = grants;
            return this;
        }

        public Builder tokenRequests(RateLimiter tokenRequests) {
            this.tokenRequests = tokenRequests;
            return this;
        }

        public Dependencies build() {
            return new Dependencies(
                    requests,
                    tokens,
                    scopeDescriptions,
                    policy,
                    issuer,
                    pairwise,
                    bindings,
                    issued,
                    decisions,
                    settings,
                    clock,
                    deferred,
                    grants != null
                            ? grants
                            : DirectGrantLog.of(
                                    Objects.requireNonNull(issued, "issued"),
                                    Objects.requireNonNull(decisions, "decisions")),
                    tokenRequests,
                    draft11,
                    revokedAgentTokens);
        }
    }

    private final String self;
    private final AAuthRequestVerifier requests;
    private final TokenVerifier tokens;
    private final Function<String, Map<String, String>> scopeDescriptions;
    private final PolicyDecider policy;
    private final TokenIssuer issuer;
    private final PairwiseSubject pairwise;
    private final AgentBindings bindings;
    private final IssuedTokenLog issued;
    private final DecisionLog decisions;
    private final PersonServerSettings settings;
    private final Clock clock;
    private final DeferredResponses deferred;
    private final DirectGrantLog grants;
    private final RateLimiter tokenRequests;
    private final Draft11 draft11;
    private final RevokedAgentTokens revokedAgentTokens;

    public TokenExchange(Dependencies d) {
        this.draft11 = d.draft11();
        this.revokedAgentTokens = d.revokedAgentTokens();
        this.requests = d.requests();
        this.tokens = d.tokens();
        this.scopeDescriptions = d.scopeDescriptions();
        this.policy = d.policy();
        this.issuer = d.issuer();
        this.self = issuer.issuer();
        this.pairwise = d.pairwise();
        this.bindings = d.bindings();
        this.issued = d.issued();
        this.decisions = d.decisions();
        this.settings = d.settings();
        this.clock = d.clock();
        this.deferred = d.deferred();
        this.grants = d.grants();
        this.tokenRequests = d.tokenRequests();
    }

    /**
     * What the token endpoint demands of requests: the draft's four components, 60 s, {@code jwt}
     * with an agent token only.
     */
    public static VerificationPolicy policy(List<String> extraComponents) {
        return new VerificationPolicy(
                extraComponents,
                VerificationPolicy.DEFAULT_WINDOW,
                Set.of("jwt"),
                Set.of(TokenType.AGENT),
                null);
    }

    /** A draft-01 token request at the {@code token_endpoint}. */
    public TokenResponse exchange(HttpRequestMessage message, byte[] body) {
        return exchange(AAuthProfile.DRAFT_01, message, body);
    }

    /**
     * A token request of {@code profile}: draft-01 at the {@code token_endpoint}, draft-11 at the
     * {@code auth_token_endpoint} ({@link #doExchange11}; only when {@link Dependencies#draft11} is
     * given). The endpoint decides the draft ("never mix within one flow"): a resource token of the
     * other draft is refused by the draft's own verifier with a detail naming both drafts.
     */
    public TokenResponse exchange(AAuthProfile profile, HttpRequestMessage message, byte[] body) {
        try {
            return profile == AAuthProfile.DRAFT_11
                    ? doExchange11(message, body)
                    : doExchange(message, body);
        } catch (AAuthException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "token request failed", e);
            throw new AAuthException(AAuthError.SERVER_ERROR, "internal error");
        }
    }

    private TokenResponse doExchange(HttpRequestMessage message, byte[] body) {
        VerifiedRequest verified = verifyRequest(message);
        verified.verifyContentDigest(message, () -> body);
        AgentToken agentToken = verified.agentToken();
        String agent = agentToken.agent();
        limit(agent);
        TokenRequest request = TokenRequest.parse(body);
        ResourceToken rt =
                tokens.verifyResourceToken(
                        request.resourceToken(), self, agent, verified.key().thumbprint(), null);
        String resource = rt.issuer();
        requireKnownScopes(resource, rt.scope());
        Upstream upstream =
                request.upstreamToken() == null
                        ? null
                        : verifyUpstream(request.upstreamToken(), agent);
        // in call chaining the person is the upstream token's; otherwise the agent's own
        String person =
                upstream != null ? upstream.person() : bindings.personOf(agent).orElse(null);
        String sub = person == null ? null : pairwise.of(person, resource);
        return decide(
                new Asked(
                        AAuthProfile.DRAFT_01,
                        agent,
                        verified,
                        request,
                        rt.jti(),
                        resource,
                        rt.scope(),
                        person,
                        sub),
                scopes -> {
                    Actor act =
                            upstream != null
                                    ? Actor.nest(agent, upstream.token().act())
                                    : Actor.of(agent);
                    return new AuthTokenClaims(
                                    resource,
                                    agent,
                                    verified.key(),
                                    act,
                                    sub,
                                    scopes,
                                    settings.tokenLifetime(),
                                    agentToken.expiresAt(),
                                    Map.of())
                            .mint(issuer);
                });
    }

    /**
     * The draft -11 exchange at the {@code auth_token_endpoint}: the same steps as draft-01's with
     * the -11 verifier and tokens.
     *
     * <ol>
     *   <li>The request is verified under -11 (content-type and content-digest signed).
     *   <li>{@code subagent_token} is not supported yet: {@code invalid_request}; an {@code
     *       upstream_token} is verified ({@link #verifyUpstream11}) and names the person.
     *   <li>-11 "Resource Token Verification" steps 1-6: {@code aud} is this PS, {@code agent_jkt}
     *       the thumbprint of the signing key, {@code presented_jti} resolved against the retained
     *       person tokens ({@code unknown_person_token} when absent) and {@code ps}, {@code sub},
     *       {@code mission_s256}, {@code tenant} equal to the record's. Step 7 (the mission is
     *       active) cannot arise: this PS issues no person token with a mission, so a resource
     *       token with {@code mission_s256} never matches a record.
     *   <li>The person is the requesting agent's own (the upstream token's in call chaining), and
     *       the resource token's {@code sub} must be that person's directed {@code sub} at the
     *       resource ({@code invalid_resource_token} otherwise): a person token of another agent's
     *       person is never turned into this agent's auth token.
     *   <li>The policy decides as under draft-01; a grant is a -11 auth token ({@code ps}, {@code
     *       sub} copied from the resource token, {@code cnf} the signer's key, no {@code agent}, no
     *       {@code act}, {@code mission_s256} echoed when present).
     * </ol>
     */
    private TokenResponse doExchange11(HttpRequestMessage message, byte[] body) {
        Draft11 d11 = requireDraft11();
        VerifiedRequest verified = verifyRequest(d11.requests(), message);
        verified.verifyContentDigest(message, () -> body);
        AgentToken agentToken = verified.agentToken();
        String agent = agentToken.agent();
        limit(agent);
        TokenRequest request = TokenRequest.parse(body);
        if (TokenRequest.jsonObject(body, "resource_token").get("subagent_token") != null) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST,
                    "subagent_token (sub-agents) is not supported by this Person Server");
        }
        String jkt = verified.key().thumbprint();
        Draft11ResourceToken rt =
                d11.tokens()
                        .verifyDraft11ResourceToken(
                                request.resourceToken(), self, jkt, d11.personTokens(), null);
        String resource = rt.issuer();
        requireKnownScopes(resource, rt.scope());
        String person = requirePersonsSub(personOf(agentToken, request.upstreamToken()), rt);
        return decide(
                new Asked(
                        AAuthProfile.DRAFT_11,
                        agent,
                        verified,
                        request,
                        rt.jti(),
                        resource,
                        rt.scope(),
                        person,
                        rt.subject()),
                scopes ->
                        d11.issuer()
                                .authToken(
                                        rt,
                                        Dwk.PERSON,
                                        verified.key(),
                                        scopes,
                                        settings.tokenLifetime(),
                                        agentToken.expiresAt(),
                                        Map.of()));
    }

    /**
     * Whom a -11 request is for: "Without upstream_token the PS issues for the person bound to the
     * requesting agent. With it, the PS issues for the person the upstream token was issued for"
     * ({@link #verifyUpstream11}). Null when the agent is bound to no person.
     */
    String personOf(AgentToken agentToken, String upstreamToken) {
        return upstreamToken != null
                ? verifyUpstream11(upstreamToken, agentToken).person()
                : bindings.personOf(agentToken.agent()).orElse(null);
    }

    /**
     * The request's person ({@link #personOf}), whose directed {@code sub} at the resource the -11
     * resource token must carry ({@code invalid_resource_token} otherwise): -11 "The sub it issues
     * is the directed identifier for the person at the downstream resource, taken from the
     * downstream resource token", never the upstream token's ("An issuer MUST NOT copy a directed
     * sub from an upstream token into a token it issues").
     */
    private String requirePersonsSub(String person, Draft11ResourceToken rt) {
        if (person == null || !pairwise.of(person, rt.issuer()).equals(rt.subject())) {
            throw new AAuthException(
                    AAuthError.INVALID_RESOURCE_TOKEN,
                    "resource token sub is not the request's person at " + rt.issuer());
        }
        return person;
    }

    /**
     * What one verified token request asks, whichever draft it came in.
     *
     * @param resourceTokenJti the resource token's {@code jti}, for the decision log
     * @param person the person the request is for, or null
     * @param sub the person's directed {@code sub} at {@code resource}, or null
     */
    private record Asked(
            AAuthProfile profile,
            String agent,
            VerifiedRequest verified,
            TokenRequest request,
            String resourceTokenJti,
            String resource,
            List<String> scopes,
            String person,
            String sub) {}

    /**
     * The policy's decision on {@code a}, the same for both drafts: deny ({@code 403 denied}),
     * interaction (the deferred {@code 202}) or a grant minted by {@code mint} from the granted
     * scopes, recorded with its decision before it is handed out.
     */
    private TokenResponse decide(Asked a, Function<List<String>, MintedToken> mint) {
        String agent = a.agent();
        String resource = a.resource();
        PolicyDecision decision = policy.decide(agent, resource, a.scopes());
        long now = clock.instant().getEpochSecond();
        if (decision instanceof PolicyDecision.Deny deny) {
            decisions.record(
                    new DecisionLog.Entry(
                            now,
                            agent,
                            resource,
                            a.scopes(),
                            "deny",
                            deny.reason(),
                            a.resourceTokenJti(),
                            null,
                            a.person()));
            throw new AAuthException(
                    AAuthError.DENIED, "the Person Server's policy refuses this request");
        }
        if (decision instanceof PolicyDecision.Interaction ask) {
            decisions.record(
                    new DecisionLog.Entry(
                            now,
                            agent,
                            resource,
                            a.scopes(),
                            "interaction",
                            ask.reason(),
                            a.resourceTokenJti(),
                            null,
                            a.person()));
            return interaction(
                    a.profile(),
                    agent,
                    a.verified(),
                    a.request(),
                    a.scopes(),
                    resource,
                    a.person(),
                    ask.reason());
        }
        PolicyDecision.Grant grant = (PolicyDecision.Grant) decision;
        if (!a.scopes().containsAll(grant.scopes())) {
            throw new IllegalStateException("policy granted more than the resource token asks");
        }
        MintedToken token = mint.apply(grant.scopes());
        grants.record(
                new IssuedTokenLog.IssuedToken(
                        token.jti(),
                        agent,
                        resource,
                        a.person(),
                        a.sub(),
                        grant.scopes(),
                        token.issuedAt(),
                        token.expiresAt()),
                new DecisionLog.Entry(
                        now,
                        agent,
                        resource,
                        grant.scopes(),
                        "grant",
                        grant.reason(),
                        a.resourceTokenJti(),
                        token.jti(),
                        a.person()));
        return new TokenResponse.Granted(
                token.compact(), token.expiresAt() - token.issuedAt(), token.jti());
    }

    /**
     * issue 12: a per-agent rate limit (aauth.person-server.token-rate), counted once the agent is
     * authenticated so nobody can spend another agent's budget.
     */
    void limit(String agent) {
        if (tokenRequests != null) {
            tokenRequests.acquire(agent, AAuthError.SLOW_DOWN);
        }
    }

    /**
     * The person must be asked. With deferred responses the request is stored and answered {@code
     * 202} ("User interaction required response"); without them the PS cannot reach the person: -01
     * {@code interaction_required} (403): "User interaction is needed but no interaction channel is
     * available"; -11 {@code user_unreachable} (403): "Terminal. The PS has no channel to reach the
     * user and the agent did not declare the interaction capability, so the user cannot be reached
     * at all" (-11 renamed it: "Renamed the terminal interaction_required error to
     * user_unreachable").
     */
    TokenResponse interaction(
            AAuthProfile profile,
            String agent,
            VerifiedRequest verified,
            TokenRequest request,
            List<String> scopes,
            String resource,
            String person,
            String reason) {
        if (deferred == null) {
            throw new AAuthException(
                    profile == AAuthProfile.DRAFT_11
                            ? AAuthError.USER_UNREACHABLE
                            : AAuthError.INTERACTION_REQUIRED,
                    "the person must approve this request ("
                            + reason
                            + "); this Person Server cannot reach them");
        }
        return deferred.defer(
                agent,
                verified.key().thumbprint(),
                request.resourceToken(),
                request.upstreamToken(),
                resource,
                scopes,
                request,
                person);
    }

    /**
     * A signed {@code GET} on a pending URL: "Servers MUST verify the agent's identity on every
     * poll". An approved request yields its auth token with the same claims as a direct grant
     * ({@link #mintApproved}).
     */
    public DeferredResponses.PollAnswer poll(HttpRequestMessage message, String id) {
        return guarded(
                "poll",
                () -> {
                    Poller poller = poller(message, id);
                    poller.admit();
                    return poller.answer();
                });
    }

    /**
     * One verified poll of one pending request, in two steps, so that a long poll ({@code Prefer:
     * wait}) can admit it at once and answer later: {@link #admit()} (identity and rate limit),
     * then {@link #answer()} or, while waiting, {@link #peek()}. {@link #draft()} is the draft its
     * answers (errors included) are shaped in.
     */
    public final class Poller {
        private final String id;
        private final VerifiedRequest verified;
        private final AAuthProfile verifiedAs;
        private AAuthProfile draft;

        Poller(String id, VerifiedRequest verified, AAuthProfile verifiedAs) {
            this.id = id;
            this.verified = verified;
            this.verifiedAs = verifiedAs;
        }

        private String agent() {
            return verified.agentToken().agent();
        }

        private String jkt() {
            return verified.key().thumbprint();
        }

        /**
         * The draft of the flow this pending URL belongs to: the draft of the token endpoint that
         * created the request ({@link #flowDraft}), read once from the store, whatever the poll
         * signals. A caller whose request it is not (another agent or key, an unknown or forgotten
         * id) is told "unknown" in the draft it was verified under, so that the answer does not
         * show whether, or under which draft, the id exists ("any other caller gets exactly the
         * answer for an unknown id"). Read only when needed (an error): the answers that are not
         * errors do not depend on it, so a poll costs no extra read. Never throws.
         */
        public AAuthProfile draft() {
            if (draft == null) {
                try {
                    draft =
                            deferred.findOwn(id, agent(), jkt())
                                    .map(TokenExchange::flowDraft)
                                    .orElse(verifiedAs);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "pending request lookup failed", e);
                    return verifiedAs; // the store failed: the answer is server_error anyway
                }
            }
            return draft;
        }

        public void admit() {
            guarded(
                    "poll",
                    () -> {
                        deferred.admit(id, agent(), jkt());
                        return null;
                    });
        }

        public DeferredResponses.PollAnswer answer() {
            return guarded(
                    "poll",
                    () ->
                            deferred.answer(
                                    id,
                                    agent(),
                                    jkt(),
                                    approved -> mintApproved(approved, verified)));
        }

        /** The open state a waiting poll would show, or empty when the answer is due. */
        public Optional<DeferredResponses.Waiting> peek() {
            return guarded("poll", () -> deferred.peek(id, agent(), jkt()));
        }
    }

    /**
     * The draft of a pending request's flow: the draft of the endpoint that created it. A -11
     * request was made at the {@code auth_token_endpoint}, whose verifier accepts only -11 resource
     * tokens, and an "Updated request" keeps the original's draft ({@link #respond}), so the stored
     * resource token names it; no column is needed.
     */
    static AAuthProfile flowDraft(PendingRequestView request) {
        if (PersonTokenConsent.isPersonToken(request)) {
            return AAuthProfile.DRAFT_11; // only the -11 person_token_endpoint defers these
        }
        return isDraft11(request.resourceToken()) ? AAuthProfile.DRAFT_11 : AAuthProfile.DRAFT_01;
    }

    /**
     * The draft a failure before the request is verified is told in: the one its {@code
     * Signature-Key} signals ({@link #pendingProfile}), as nothing is known of the caller yet;
     * never throws.
     */
    public AAuthProfile signalledDraft(HttpRequestMessage message) {
        try {
            return pendingProfile(message);
        } catch (RuntimeException e) {
            return AAuthProfile.DRAFT_01; // an unreadable Signature-Key signals nothing
        }
    }

    /** Verifies a poll's signature (and agent token) and returns its {@link Poller}. */
    public Poller poller(HttpRequestMessage message, String id) {
        requireDeferred();
        return guarded(
                "poll",
                () -> {
                    AAuthProfile profile = pendingProfile(message);
                    return new Poller(id, verifyRequest(verifier(profile), message), profile);
                });
    }

    /**
     * The auth token of an approved request, as the direct grant would have minted it: {@code cnf}
     * the key that signed the poll, which {@link DeferredResponses} has checked is the key the
     * request is bound to (the resource token's {@code agent_jkt}); {@code act} nests the upstream
     * chain when the request came with an {@code upstream_token} ("In call chaining, act nests to
     * record the full delegation chain"); a pairwise {@code sub} of the person who decided, and the
     * person's {@link IdentityClaims} for the identity scopes they approved.
     */
    DeferredResponses.Minted mintApproved(PendingRequestView approved, VerifiedRequest verified) {
        if (PersonTokenConsent.isPersonToken(approved)) {
            return mintApprovedPersonToken(approved, verified);
        }
        AgentToken agentToken = verified.agentToken();
        String agent = agentToken.agent();
        Optional<PersonIds.Person> who = approved.person().flatMap(deferred::person);
        String person = who.map(PersonIds.Person::username).orElse(null);
        String resource = approved.resource();
        String sub = person == null ? null : pairwise.of(person, resource);
        Actor act =
                approved.upstream()
                        .map(up -> Actor.nest(agent, upstreamActor(up)))
                        .orElse(Actor.of(agent));
        List<String> scopes = List.copyOf(new TreeSet<>(approved.scopes()));
        Map<String, Object> identity =
                IdentityClaims.of(
                        scopes,
                        settings.scopesSupported(),
                        settings.claimsSupported(),
                        who.flatMap(PersonIds.Person::displayName),
                        who.flatMap(PersonIds.Person::email));
        MintedToken token =
                isDraft11(approved.resourceToken())
                        ? requireDraft11()
                                .issuer()
                                .authToken(
                                        storedDraft11(approved.resourceToken()),
                                        Dwk.PERSON,
                                        verified.key(),
                                        scopes,
                                        settings.tokenLifetime(),
                                        agentToken.expiresAt(),
                                        identity)
                        : new AuthTokenClaims(
                                        resource,
                                        agent,
                                        verified.key(),
                                        act,
                                        sub,
                                        scopes,
                                        settings.tokenLifetime(),
                                        agentToken.expiresAt(),
                                        identity)
                                .mint(issuer);
        return minted(token, agent, approved, DeferredResponses.AUTH_TOKEN);
    }

    /**
     * The answer ({@code member}) and redemption record of the token minted for {@code approved}.
     */
    private DeferredResponses.Minted minted(
            MintedToken token, String agent, PendingRequestView approved, String member) {
        return new DeferredResponses.Minted(
                new TokenResponse.Granted(
                        token.compact(), token.expiresAt() - token.issuedAt(), token.jti()),
                new PendingRequestStore.RedeemedToken(
                        token.jti(),
                        self,
                        agent,
                        approved.resource(),
                        approved.personId(),
                        approved.scopes(),
                        Instant.ofEpochSecond(token.issuedAt()),
                        Instant.ofEpochSecond(token.expiresAt())),
                member);
    }

    /**
     * The person token of an approved -11 person-token request ({@link PersonTokenConsent}): for
     * the person who decided (the agent's person: the request was deferred for them), bound to the
     * key that signed the poll, recorded in the retained person tokens as a direct one is. Its
     * redemption record carries {@link PersonTokenConsent#SCOPE}, so the store keeps it out of the
     * auth tokens ({@code issued_tokens}).
     */
    private DeferredResponses.Minted mintApprovedPersonToken(
            PendingRequestView approved, VerifiedRequest verified) {
        String person =
                approved.person()
                        .flatMap(deferred::person)
                        .map(PersonIds.Person::username)
                        .orElseThrow(() -> new IllegalStateException("approved by nobody"));
        AgentToken agentToken = verified.agentToken();
        MintedToken token =
                mintPersonToken(
                        person, approved.resource(), verified.key(), agentToken.expiresAt());
        return minted(token, agentToken.agent(), approved, DeferredResponses.PERSON_TOKEN);
    }

    /**
     * Mints a -11 person token for {@code person} at {@code resource} and records it before it is
     * handed out: {@code aud} the resource, "sub: Directed user identifier, with the same value the
     * PS uses in the sub claim of auth tokens it issues for this aud", {@code cnf.jwk} the signing
     * key; "MUST NOT have a lifetime exceeding 1 hour, and MUST NOT outlive the agent token
     * presented"; "A PS MUST retain a record of each person token it issues — jti, ps, sub,
     * mission_s256, tenant, and exp".
     */
    MintedToken mintPersonToken(String person, String resource, Jwk key, long agentTokenExpiry) {
        Draft11 d11 = requireDraft11();
        String sub = pairwise.of(person, resource);
        Duration configured = settings.tokenLifetime();
        Duration lifetime =
                configured.compareTo(TokenIssuer.MAX_PERSON_TOKEN_LIFETIME) > 0
                        ? TokenIssuer.MAX_PERSON_TOKEN_LIFETIME
                        : configured;
        TokenIssuer issuer11 = d11.issuer();
        MintedToken token =
                issuer11.personToken(resource, sub, key, null, null, lifetime, agentTokenExpiry);
        d11.personTokens()
                .record(
                        new PersonTokenRecord(
                                token.jti(),
                                issuer11.issuer(),
                                sub,
                                null,
                                null,
                                token.expiresAt()));
        return token;
    }

    /**
     * Whether a stored resource token is of draft -11's shape ("carries no agent identifier"): the
     * deferred request it came with was made at the {@code auth_token_endpoint}, and its approval
     * is a -11 auth token.
     */
    static boolean isDraft11(String resourceToken) {
        return resourceToken != null
                && ProfileSignal.of(Jws.parse(resourceToken))
                        .map(p -> p.profile() == AAuthProfile.DRAFT_11)
                        .orElse(false);
    }

    /**
     * A -11 resource token read back from this server's own store: it was verified (-11 "Resource
     * Token Verification", the person-token record included) when the request arrived, and may have
     * expired since (the person took their time), so only its claims are read.
     */
    static Draft11ResourceToken storedDraft11(String compact) {
        Map<String, Object> c = Jws.parse(compact).claims();
        Object scope = c.get("scope");
        return new Draft11ResourceToken(
                compact,
                (String) c.get("iss"),
                (String) c.get("aud"),
                (String) c.get("jti"),
                (String) c.get("ps"),
                (String) c.get("sub"),
                (String) c.get("presented_jti"),
                (String) c.get("agent_jkt"),
                ((Number) c.get("iat")).longValue(),
                ((Number) c.get("exp")).longValue(),
                scope instanceof String sc ? List.of(sc.split(" ")) : List.of(),
                (String) c.get("account"),
                (String) c.get("mission_s256"),
                (String) c.get("tenant"),
                c);
    }

    /**
     * The {@code act} chain of a stored upstream token: it was verified ("Upstream Token
     * Verification") when the request arrived and is read back from this server's own store, so
     * only its claims are read.
     */
    private static Actor upstreamActor(String upstreamToken) {
        return Actor.fromClaim(
                Jws.parse(upstreamToken).claims().get("act"), AAuthError.SERVER_ERROR);
    }

    /**
     * A signed {@code POST} on a pending URL ("Agent Response to Clarification"): a {@code
     * clarification_response} to the person's open question, or an "Updated request" whose new
     * resource token is verified as at the token endpoint ("Resource Token Verification", known
     * scopes) and "MUST have the same iss, agent, and agent_jkt as the original" ({@code
     * invalid_resource_token} otherwise). An update the deny rules refuse ends the request with
     * {@code 403 denied}.
     */
    public DeferredResponses.Waiting respond(HttpRequestMessage message, String id, byte[] body) {
        return respond(poller(message, id), message, body);
    }

    /**
     * As {@link #respond(HttpRequestMessage, String, byte[])}, for a request already verified by
     * {@link #poller} (whose {@link Poller#draft()} shapes the answer).
     */
    public DeferredResponses.Waiting respond(
            Poller poller, HttpRequestMessage message, byte[] body) {
        DeferredResponses d = requireDeferred();
        String id = poller.id;
        return guarded(
                "pending update",
                () -> {
                    AAuthProfile profile = poller.verifiedAs;
                    VerifiedRequest verified = poller.verified;
                    verified.verifyContentDigest(message, () -> body);
                    String agent = verified.agentToken().agent();
                    String jkt = verified.key().thumbprint();
                    PendingUpdate update = PendingUpdate.parse(body, profile);
                    if (update instanceof PendingUpdate.Clarification c) {
                        return d.answerClarification(id, agent, jkt, c.response());
                    }
                    PendingUpdate.UpdatedRequest u = (PendingUpdate.UpdatedRequest) update;
                    PendingRequestView original = d.requireUpdatable(id, agent, jkt);
                    if (PersonTokenConsent.isPersonToken(original)) {
                        throw new AAuthException(
                                AAuthError.INVALID_REQUEST,
                                "a person-token request has no resource token to update");
                    }
                    Updated rt =
                            isDraft11(original.resourceToken())
                                    ? updated11(u.resourceToken(), agent, jkt, original)
                                    : updated01(u.resourceToken(), agent, jkt);
                    if (!rt.issuer().equals(original.resource())) {
                        throw new AAuthException(
                                AAuthError.INVALID_RESOURCE_TOKEN,
                                "the new resource token MUST have the same iss as the original ("
                                        + original.resource()
                                        + ")");
                    }
                    requireKnownScopes(rt.issuer(), rt.scope());
                    if (policy.decide(agent, rt.issuer(), rt.scope())
                            instanceof PolicyDecision.Deny deny) {
                        throw d.denyByPolicy(id, agent, deny.reason() + " (updated request)");
                    }
                    return d.replace(
                            id,
                            agent,
                            jkt,
                            u.resourceToken(),
                            rt.issuer(),
                            rt.scope(),
                            u.justification());
                });
    }

    /** The resource and scopes of an updated request's new resource token, verified. */
    private record Updated(String issuer, List<String> scope) {}

    private Updated updated01(String compact, String agent, String jkt) {
        ResourceToken rt = tokens.verifyResourceToken(compact, self, agent, jkt, null);
        return new Updated(rt.issuer(), rt.scope());
    }

    /**
     * A -11 request's update: its new resource token is verified as at the {@code
     * auth_token_endpoint} (-11 "Resource Token Verification" with the person-token records, and
     * the agent's person's {@code sub}); a draft-01 one is refused naming the draft.
     */
    private Updated updated11(
            String compact, String agent, String jkt, PendingRequestView original) {
        Draft11 d11 = requireDraft11();
        Draft11ResourceToken rt =
                d11.tokens()
                        .verifyDraft11ResourceToken(compact, self, jkt, d11.personTokens(), null);
        // a chained request stays the upstream person's: its upstream token was verified when the
        // request arrived (and may have expired since), so its issued-token record says whose
        String person =
                original.upstream()
                        .map(up -> (String) Jws.parse(up).claims().get("jti"))
                        .map(jti -> issued.find(jti).map(IssuedTokenLog.IssuedToken::person))
                        .orElseGet(() -> bindings.personOf(agent))
                        .orElse(null);
        requirePersonsSub(person, rt);
        return new Updated(rt.issuer(), rt.scope());
    }

    /**
     * The draft a request to a pending URL is verified under: the pending URL is shared by both
     * drafts' token endpoints, so it is the draft its {@code Signature-Key} signals (the table in
     * docs/profiles.md: a -11 agent token's fully specified {@code Ed25519} with {@code
     * cnf.jwk.alg}), draft-01 otherwise or when -11 is not served.
     */
    private AAuthProfile pendingProfile(HttpRequestMessage message) {
        if (draft11 == null) {
            return AAuthProfile.DRAFT_01;
        }
        return ServedProfiles.signal(message.fields().lines("signature-key"))
                .map(ProfileSignal::profile)
                .filter(p -> p == AAuthProfile.DRAFT_11)
                .orElse(AAuthProfile.DRAFT_01);
    }

    private AAuthRequestVerifier verifier(AAuthProfile profile) {
        return profile == AAuthProfile.DRAFT_11 ? requireDraft11().requests() : requests;
    }

    /** A signed {@code DELETE} on a pending URL: the agent withdraws its request. */
    public void cancel(HttpRequestMessage message, String id) {
        cancel(poller(message, id));
    }

    /**
     * As {@link #cancel(HttpRequestMessage, String)}, for a request verified by {@link #poller}.
     */
    public void cancel(Poller poller) {
        DeferredResponses d = requireDeferred();
        guarded(
                "cancel",
                () -> {
                    d.cancel(poller.id, poller.agent(), poller.jkt());
                    return null;
                });
    }

    /**
     * Runs {@code work}; anything but an {@link AAuthException} becomes {@code server_error}
     * (logged).
     */
    private static <T> T guarded(String what, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (AAuthException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, what + " failed", e);
            throw new AAuthException(AAuthError.SERVER_ERROR, "internal error");
        }
    }

    private Draft11 requireDraft11() {
        if (draft11 == null) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST, "this Person Server does not serve draft-11");
        }
        return draft11;
    }

    /** Whether draft -11 is served ({@link Dependencies#draft11} given). */
    public boolean servesDraft11() {
        return draft11 != null;
    }

    private DeferredResponses requireDeferred() {
        if (deferred == null) {
            throw DeferredResponses.gone();
        }
        return deferred;
    }

    /** A verified upstream token and the person it was issued for (or null). */
    record Upstream(AuthToken token, String person) {}

    /**
     * "Upstream Token Verification", for a requesting agent that is also a resource ({@code
     * aauth.person-server.agent-resources}):
     *
     * <ol>
     *   <li>"Perform Auth Token Verification on the upstream token" (signature, time, {@code aud});
     *   <li>"Verify iss is a trusted AS (an AS whose auth token the PS previously brokered)": here,
     *       only auth tokens this PS issued itself (its {@link IssuedTokenLog} knows the {@code
     *       jti});
     *   <li>"Verify the aud in the upstream token matches the resource that is now acting as an
     *       agent";
     *   <li>"The PS constructs the act claim for the downstream auth token by nesting the upstream
     *       token's act claim inside a new act object identifying the intermediary resource's agent
     *       identity".
     * </ol>
     *
     * The table has no code of its own for a bad upstream token: it is {@code invalid_request}.
     */
    Upstream verifyUpstream(String compact, String agent) {
        String intermediary = settings.agentResources().get(agent);
        if (intermediary == null) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST,
                    "upstream_token: the requesting agent is no resource known here");
        }
        AuthToken up;
        try {
            up = tokens.verifyAuthToken(compact, intermediary);
        } catch (AAuthException e) {
            throw new AAuthException(AAuthError.INVALID_REQUEST, "upstream_token: " + e.detail());
        }
        IssuedTokenLog.IssuedToken record =
                up.issuer().equals(self) ? issued.find(up.jti()).orElse(null) : null;
        if (record == null) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST,
                    "upstream_token: not an auth token this Person Server issued");
        }
        if (issued.isRevoked(up.jti())) {
            throw new AAuthException(AAuthError.INVALID_REQUEST, "upstream_token: revoked");
        }
        if (up.act().depth() + 1 > Actor.MAX_DEPTH) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST, "upstream_token: the delegation chain is too deep");
        }
        return new Upstream(up, record.person());
    }

    /**
     * A verified draft -11 upstream token and the person it was issued for.
     *
     * @param token the upstream auth token
     * @param person the person this Person Server issued it for (never null)
     */
    public record Upstream11(Draft11AuthToken token, String person) {}

    /**
     * -11 "Upstream Token Verification", at the {@code person_token_endpoint} and the {@code
     * auth_token_endpoint} (-11: "Call chaining routes by the auth token's ps; there is no act
     * chain"):
     *
     * <ol>
     *   <li>"Perform Auth Token Verification on the upstream token": a -11 {@code aa-auth+jwt}
     *       (signature, {@code typ}, time, {@code sub} present; a draft-01 token, with {@code
     *       agent} or {@code act}, is refused naming both drafts). Step 6 of that verification
     *       ({@code cnf.jwk} is the request's signing key) is not applied: the upstream token was
     *       bound to the upstream caller's key, which signed the request to the intermediary, while
     *       this request is signed by the intermediary ("In every case the intermediary signs the
     *       downstream token request with its own key ... The upstream_token is a body parameter —
     *       it is neither presented via Signature-Key nor used as the signing key").
     *   <li>"Verify iss is a trusted issuer (a PS or AS whose auth token the recipient previously
     *       brokered ...)": here only this Person Server, with {@code ps} this Person Server too
     *       ("ps ... Equal to iss when a PS issued the token"), its {@code jti} in the {@link
     *       IssuedTokenLog} (not revoked) with the same {@code aud} and {@code sub} ("With it, the
     *       PS issues for the person the upstream token was issued for, determined from the
     *       upstream token's sub, which this PS MUST have issued").
     *   <li>"Verify the aud in the upstream token equals the iss of the intermediary's agent token
     *       (presented in the Signature-Key header)": accepted, and so is the resource identity
     *       configured for the agent ({@code aauth.person-server.agent-resources}), for a resource
     *       whose agent token an Agent Provider elsewhere issued (the seed demo's supply-chain).
     *   <li>The policy of each hop is the caller's ({@link #decide}): "it evaluates each hop
     *       independently".
     * </ol>
     *
     * The token endpoint error table has no code for a bad upstream token: {@code invalid_request}
     * with a detail starting {@code upstream_token:}. "A PS that cannot determine the person MUST
     * reject the request": the same.
     */
    public Upstream11 verifyUpstream11(String compact, AgentToken agentToken) {
        Draft11 d11 = requireDraft11();
        Set<String> audiences = new TreeSet<>();
        audiences.add(agentToken.issuer());
        String configured = settings.agentResources().get(agentToken.agent());
        if (configured != null) {
            audiences.add(configured);
        }
        Draft11AuthToken up;
        try {
            up = d11.tokens().verifyDraft11AuthToken(compact, audiences);
        } catch (AAuthException e) {
            throw upstreamInvalid(
                    e.error() == AAuthError.INVALID_JWT
                                    && "auth token aud is not this resource".equals(e.detail())
                            ? "its aud is not the requesting agent (neither its agent token's iss"
                                    + " nor the resource it is configured as)"
                            : e.detail());
        }
        if (!up.issuer().equals(self) || !self.equals(up.ps())) {
            throw upstreamInvalid(
                    "issued by "
                            + up.issuer()
                            + " (ps "
                            + up.ps()
                            + "), not by this Person Server: only its own auth tokens are"
                            + " extended");
        }
        IssuedTokenLog.IssuedToken record = issued.find(up.jti()).orElse(null);
        if (record == null
                || record.person() == null
                || !up.audience().equals(record.resource())
                || !up.subject().equals(record.subject())) {
            throw upstreamInvalid(
                    "not an auth token this Person Server issued for a person it knows, so the"
                            + " person cannot be determined");
        }
        if (issued.isRevoked(up.jti())) {
            throw upstreamInvalid("revoked");
        }
        return new Upstream11(up, record.person());
    }

    private static AAuthException upstreamInvalid(String detail) {
        return new AAuthException(AAuthError.INVALID_REQUEST, "upstream_token: " + detail);
    }

    private VerifiedRequest verifyRequest(HttpRequestMessage message) {
        return verifyRequest(requests, message);
    }

    /**
     * Verifies a request to a Person Server endpoint with {@code verifier}: failures of the agent
     * token itself become the table's {@code invalid_agent_token} / {@code expired_agent_token}; so
     * does an agent token its agent provider revoked here ({@link RevokedAgentTokens}).
     */
    VerifiedRequest verifyRequest(AAuthRequestVerifier verifier, HttpRequestMessage message) {
        try {
            VerifiedRequest verified = verifier.verify(message);
            AgentToken agentToken = verified.agentToken();
            if (agentToken != null
                    && revokedAgentTokens.isRevoked(agentToken.issuer(), agentToken.jti())) {
                // -11 "Token Revocation": "The PS MUST deny subsequent requests presenting that
                // agent token"
                throw new AAuthException(
                        AAuthError.INVALID_JWT,
                        "the agent token was revoked by its agent provider");
            }
            return verified;
        } catch (AAuthException e) {
            throw switch (e.error()) {
                case INVALID_JWT -> e.as(AAuthError.INVALID_AGENT_TOKEN);
                case EXPIRED_JWT -> e.as(AAuthError.EXPIRED_AGENT_TOKEN);
                default -> e;
            };
        }
    }

    private void requireKnownScopes(String resource, List<String> scopes) {
        Map<String, String> described = scopeDescriptions.apply(resource);
        for (String s : scopes) {
            if (PersonTokenConsent.isReserved(s)) {
                throw new AAuthException(
                        AAuthError.INVALID_RESOURCE_TOKEN,
                        "scope "
                                + s
                                + " is reserved by this Person Server for person-token consent");
            }
            if (!described.containsKey(s) && !settings.scopesSupported().contains(s)) {
                throw new AAuthException(
                        AAuthError.INVALID_RESOURCE_TOKEN,
                        "scope " + s + " is not in the resource's scope_descriptions");
            }
        }
    }

    /**
     * The {@code Accept-Signature} of a refused signature at the Person Server's endpoints: the
     * base components, with {@code sigkey=uri} (the agent token, {@code jwt} scheme). Declared
     * last: it is built from {@link #policy(List)}.
     */
    public static final AcceptSignature ACCEPT_SIGNATURE =
            new AcceptSignature(
                    AAuthRequestSigner.LABEL,
                    policy(List.of()).requiredComponents(),
                    AcceptSignature.SigKey.URI);
}
