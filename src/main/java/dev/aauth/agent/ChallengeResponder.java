package dev.aauth.agent;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.error.ProblemDetails;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jose.Jws;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.AuthToken;
import dev.aauth.token.Draft11AuthToken;
import dev.aauth.token.Draft11ResourceToken;
import dev.aauth.token.PersonToken;
import dev.aauth.token.ResourceToken;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedToken;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jose4j.json.JsonUtil;

/**
 * Answers a resource's "Auth Token Required" challenge, the agent's part of the three-party flow:
 *
 * <ol>
 *   <li>"Resource Challenge Verification": "Verify iss matches the resource the agent sent the
 *       request to", "agent matches the agent's own identifier", "agent_jkt matches the JWK
 *       Thumbprint of the agent's signing key", "exp is in the future";
 *   <li>the token request to its Person Server ({@code POST token_endpoint}, signed with the agent
 *       token, {@code {"resource_token", "upstream_token"?, "justification"?}}), following a {@code
 *       202} with the {@link DeferredPoller};
 *   <li>"Auth Token Response Verification": signature, "iss matches the resource token's aud", "aud
 *       matches the resource the agent intends to access", "cnf.jwk matches the agent's own signing
 *       key", "agent matches the agent's own identifier", "act.sub matches the agent's own
 *       identifier";
 *   <li>caching it in the {@link AuthTokenCache} for the resource, scope and upstream token.
 * </ol>
 *
 * Draft-11 ({@link AgentCredentials#profile()}), the same runtime with the -11 rules ({@link
 * #respond}, {@link #personToken}, {@link #completeDeferred}):
 *
 * <ol>
 *   <li>Call chaining (an {@link AgentCall#upstreamToken()}): every request below goes to the PS
 *       named by the upstream auth token's {@code ps}, carrying it as {@code upstream_token}.
 *   <li>"Person Token Required": the agent asks its PS's {@code person_token_endpoint} ({@code
 *       {"resource"}}, signed covering {@code content-type} and {@code content-digest}), waits
 *       through a {@code 202}, verifies the person token ({@code aud} the resource, {@code iss} its
 *       PS, {@code cnf} its key) and caches it per resource ("An agent SHOULD cache a person token
 *       for a resource until it expires");
 *   <li>-11 "Resource Challenge Verification": "iss matches the resource", "agent_jkt matches the
 *       JWK Thumbprint of the agent's signing key", "ps matches the agent's own person server, and
 *       sub the value in the person token the agent presented", "exp is in the future": all before
 *       anything is sent to the PS;
 *   <li>the token request to the PS's {@code auth_token_endpoint}; -11 "Auth Token Response
 *       Verification" ("sub matches the value in the person token it presented");
 *   <li>"Deferred Delivery" of the auth-token requirement ({@code 202} from the resource): the auth
 *       token obtained as above, then the resource's pending URL polled presenting it.
 * </ol>
 *
 * Thread-safe.
 */
public final class ChallengeResponder {

    private final Map<AAuthProfile, TokenVerifier> verifiers;
    private final AgentHttp http;
    private final Clock clock;
    private final AuthTokenCache cache;
    private final PersonTokenCache persons;
    private final Supplier<DeferredPoller> pollers;
    private final PersonServerEndpoints endpoints;

    /**
     * @param tokenEndpoint the {@code token_endpoint} of a Person Server (from its metadata)
     * @param poller makes the poller of one pending request (a new one each time)
     */
    public ChallengeResponder(
            TokenVerifier verifier,
            AgentHttp http,
            Clock clock,
            AuthTokenCache cache,
            Supplier<DeferredPoller> poller,
            Function<String, String> tokenEndpoint) {
        this(
                Map.of(AAuthProfile.DRAFT_01, verifier),
                http,
                clock,
                cache,
                new PersonTokenCache(clock, Duration.ZERO, AuthTokenCache.DEFAULT_MAX_ENTRIES),
                poller,
                PersonServerEndpoints.draft01(
                        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint")));
    }

    /**
     * A responder for agents of each draft in {@code verifiers} (a draft-01 and a draft-11 {@link
     * TokenVerifier}, each with its own cache).
     *
     * @param persons the -11 person tokens
     * @param endpoints the Person Server's endpoints, from its metadata
     */
    public ChallengeResponder(
            Map<AAuthProfile, TokenVerifier> verifiers,
            AgentHttp http,
            Clock clock,
            AuthTokenCache cache,
            PersonTokenCache persons,
            Supplier<DeferredPoller> poller,
            PersonServerEndpoints endpoints) {
        Map<AAuthProfile, TokenVerifier> copy = new EnumMap<>(AAuthProfile.class);
        verifiers.forEach(
                (p, v) -> {
                    if (v.profile() != p) {
                        throw new IllegalArgumentException(
                                "the " + p.id() + " verifier verifies " + v.profile().id());
                    }
                    copy.put(p, v);
                });
        this.verifiers = Map.copyOf(copy);
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.persons = Objects.requireNonNull(persons, "persons");
        this.pollers = Objects.requireNonNull(poller, "poller");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    }

    public AuthTokenCache cache() {
        return cache;
    }

    /** The -11 person tokens. */
    public PersonTokenCache personTokens() {
        return persons;
    }

    /** "A new key drops the auth tokens bound to the old one", and the person tokens too. */
    public void dropKey(String jkt) {
        cache.dropKey(jkt);
        persons.dropKey(jkt);
    }

    /**
     * The token to present in {@code Signature-Key} for this request: the auth token cached for the
     * route, else (-11, "Agents present person tokens via the Signature-Key header ... in place of
     * the agent token") the person token cached for the resource, else empty: the agent token.
     */
    public Optional<VerifiedToken> presentable(
            AgentCredentials agent, String resource, String method, String path, AgentCall call) {
        Optional<VerifiedToken> auth =
                cache.presentable(resource, method, path, call.upstreamKey(), agent.jkt());
        if (auth.isPresent() || agent.profile() != AAuthProfile.DRAFT_11) {
            return auth;
        }
        return persons.get(personKey(resource, call), agent.jkt()).map(VerifiedToken.class::cast);
    }

    /**
     * Answers an "Auth Token Required" challenge in the agent's draft: {@link #answer} (-01) or the
     * -11 verification and exchange; returns the verified auth token, cached.
     */
    public VerifiedToken respond(AgentCredentials agent, AuthTokenChallenge c, AgentCall call) {
        if (agent.profile() == AAuthProfile.DRAFT_01) {
            return answer(agent, c.resource(), c.resourceToken(), c.method(), c.path(), call);
        }
        return answerDraft11(agent, c, call);
    }

    /**
     * -11 "Person Token Required": "The agent obtains a person token for this resource from its
     * PS's person token endpoint (#person-token-endpoint) and retries." A signed POST of {@code
     * {"resource": resource}} (and {@code upstream_token} when calling on behalf of a caller: "a
     * resource acting as an agent needs a person token for a downstream resource") with the agent
     * token in {@code Signature-Key}, covering {@code content-type} and {@code content-digest}
     * ("Every request with a body to a PS or AS MUST sign content-digest and content-type"); a
     * {@code 202} is followed with the {@link DeferredPoller} ("The PS MAY require user interaction
     * before issuing and return a 202"). The person token is verified before use ({@code aud} is
     * the resource, {@code iss} is the agent's PS, {@code cnf.jwk} is the agent's key; failures are
     * {@code invalid_person_token}) and cached for the resource until its {@code exp}.
     *
     * @throws AAuthException {@code invalid_agent_token} when the agent token names no PS ("An
     *     agent with no person server cannot satisfy this requirement and surfaces it as an
     *     error"), the PS's error code, {@code invalid_person_token}
     */
    public PersonToken personToken(AgentCredentials agent, String resource, AgentCall call) {
        TokenVerifier verifier = verifier(requireDraft11(agent, "person tokens"));
        String ps = personServer(agent, call, "nowhere to obtain a person token");
        String endpoint = endpoints.personTokenEndpoint(ps);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resource", resource);
        if (call.upstreamToken() != null) {
            body.put("upstream_token", call.upstreamToken());
        }
        String personToken =
                draft11Token(
                        agent, endpoint, body, call, "the person token request", "person_token");
        PersonToken pt = verifier.verifyPersonToken(personToken, resource);
        if (!pt.issuer().equals(ps)) {
            throw new AAuthException(
                    AAuthError.INVALID_PERSON_TOKEN,
                    "person token iss is not this agent's person server " + ps);
        }
        TokenVerifier.requireBinding(
                pt.cnf(), null, agent.key().publicJwk(), null, AAuthError.INVALID_PERSON_TOKEN);
        call.events().token("person", pt.claims());
        call.events()
                .note(
                        "person token verified: iss is the PS "
                                + ps
                                + ", aud is "
                                + resource
                                + ", cnf is our key, sub "
                                + pt.subject()
                                + ", exp in "
                                + (pt.expiresAt() - clock.instant().getEpochSecond())
                                + " s");
        persons.put(personKey(resource, call), pt, agent.jkt());
        return pt;
    }

    /**
     * -11 "Deferred Delivery": "A resource MAY instead deliver the same requirement as a 202
     * Accepted deferred response ... The agent verifies the resource token and obtains an auth
     * token exactly as in the 401 case, then completes at the pending URL: it polls with signed GET
     * requests ..., presenting the auth token via Signature-Key once it holds one." Returns the
     * held invocation's response.
     *
     * @param accepted the resource's {@code 202} ({@code Location} on its origin)
     * @param respondingUrl the URL that answered it
     */
    public AgentHttp.Response completeDeferred(
            AgentCredentials agent,
            AuthTokenChallenge c,
            AgentHttp.Response accepted,
            String respondingUrl,
            AgentCall call) {
        String location = DeferredPoller.location(accepted, respondingUrl);
        VerifiedToken token = respond(agent, c, call);
        call.events()
                .note(
                        "the resource held the invocation (202): completing at "
                                + location
                                + " with the auth token");
        SignatureKey key = new SignatureKey.Jwt(token.compact());
        return pollers.get()
                .speaking(agent.profile())
                .awaitInvocation(
                        location, (m, url, b) -> signed(agent, key, m, url, b, call, "resource"));
    }

    private Draft11AuthToken answerDraft11(
            AgentCredentials agent, AuthTokenChallenge c, AgentCall call) {
        TokenVerifier verifier = verifier(requireDraft11(agent, "-11 challenges"));
        String resource = c.resource();
        String personSub = presentedSubject(c);
        String ps = personServer(agent, call, "nowhere to exchange the resource token");
        // "Resource Challenge Verification", steps 2-6: before anything is sent to the PS
        Draft11ResourceToken rt =
                verifier.verifyDraft11ResourceChallenge(
                        c.resourceToken(), resource, agent.jkt(), ps, personSub);
        call.events().token("resource", rt.claims());
        call.events()
                .note(
                        "resource token verified: iss is "
                                + resource
                                + ", agent_jkt is our key, ps is our PS, sub is the person token's,"
                                + " exp in "
                                + (rt.expiresAt() - clock.instant().getEpochSecond())
                                + " s");
        // step 7: "Send the resource token to the agent's PS's auth token endpoint"
        String endpoint = endpoints.authTokenEndpoint(ps, AAuthProfile.DRAFT_11);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resource_token", c.resourceToken());
        if (call.upstreamToken() != null) {
            body.put("upstream_token", call.upstreamToken());
        }
        if (call.justification() != null) {
            body.put("justification", call.justification());
        }
        String authToken =
                draft11Token(agent, endpoint, body, call, "the token request", "auth_token");
        // -11 "Auth Token Response Verification"
        Draft11AuthToken at =
                verifier.verifyDraft11AuthTokenResponse(
                        authToken, rt.audience(), resource, agent.key().publicJwk(), personSub);
        call.events().token("auth", at.claims());
        call.events()
                .note(
                        "auth token verified: iss "
                                + at.issuer()
                                + ", aud "
                                + at.audience()
                                + ", cnf is our key, sub is the person token's");
        cache.put(
                AuthTokenCache.Key.of(resource, rt.scope(), call.upstreamKey()),
                at,
                agent.jkt(),
                c.method(),
                c.path());
        return at;
    }

    /**
     * A signed POST to the Person Server with the agent token, following a {@code 202} to its
     * terminal answer ("Deferred Responses").
     */
    private AgentHttp.Response exchange(
            AgentCredentials agent, String endpoint, byte[] body, AgentCall call, String what) {
        AgentHttp.Response r = signed(agent, "POST", endpoint, body, call, "person-server");
        if (r.status() == 202) {
            call.events()
                    .note("the Person Server deferred " + what + " (202): waiting for the person");
            r =
                    pollers.get()
                            .speaking(agent.profile())
                            .await(
                                    r,
                                    endpoint,
                                    (m, url, b) -> signed(agent, m, url, b, call, "person-server"),
                                    call.interactionWithCallback(),
                                    call.clarification());
        }
        return r;
    }

    /**
     * "sub the value in the person token the agent presented": the person token (or, on a step-up,
     * the -11 auth token) the challenged request carried. A resource token issued to a request that
     * carried neither is refused: "A resource MUST have verified a person token before it issues a
     * resource token".
     */
    private static String presentedSubject(AuthTokenChallenge c) {
        if (c.presented() instanceof PersonToken pt) {
            return pt.subject();
        }
        if (c.presented() instanceof Draft11AuthToken at) {
            return at.subject();
        }
        throw new AAuthException(
                AAuthError.INVALID_RESOURCE_TOKEN,
                "draft-11: "
                        + c.resource()
                        + " issued a resource token to a request that presented no person token"
                        + " (a resource MUST have verified a person token before it issues one)");
    }

    private static PersonTokenCache.Key personKey(String resource, AgentCall call) {
        return new PersonTokenCache.Key(resource, null, call.upstreamKey());
    }

    private TokenVerifier verifier(AAuthProfile profile) {
        TokenVerifier v = verifiers.get(profile);
        if (v == null) {
            throw new AAuthException(
                    AAuthError.SERVER_ERROR,
                    "this agent runtime has no " + profile.id() + " verifier");
        }
        return v;
    }

    private static AAuthProfile requireDraft11(AgentCredentials agent, String what) {
        if (agent.profile() != AAuthProfile.DRAFT_11) {
            throw new IllegalArgumentException(
                    what + " are draft-11; this agent speaks " + agent.profile().id());
        }
        return AAuthProfile.DRAFT_11;
    }

    /**
     * The Person Server a -11 request goes to. In call chaining (an upstream token), -11 "Call
     * Chaining": "It routes the downstream token request to the person server named by the ps claim
     * of the upstream auth token it received. The ps claim in the calling agent's own agent token
     * is NOT used for this routing — that names the intermediary's person server, not the
     * person's." The upstream token was verified by this resource when it accepted the call, so
     * only its {@code ps} claim is read; one naming no server identifier is {@code
     * invalid_request}. Otherwise the agent token's {@code ps}.
     */
    private static String personServer(AgentCredentials agent, AgentCall call, String consequence) {
        if (call.upstreamToken() == null) {
            return personServer(agent, consequence);
        }
        Object ps;
        try {
            ps = Jws.parse(call.upstreamToken()).claims().get("ps");
        } catch (RuntimeException e) {
            ps = null;
        }
        if (!(ps instanceof String s) || !ServerIdentifier.isValid(s, SecurityMode.DEVELOPMENT)) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST,
                    "the upstream auth token names no ps (a server identifier): " + consequence);
        }
        call.events()
                .note(
                        "call chaining: the downstream request goes to the upstream auth token's ps "
                                + s
                                + ", not to this agent token's");
        return s;
    }

    private static String personServer(AgentCredentials agent, String consequence) {
        if (agent.personServer() == null) {
            throw new AAuthException(
                    AAuthError.INVALID_AGENT_TOKEN, "the agent token names no ps: " + consequence);
        }
        return agent.personServer();
    }

    /**
     * Verifies the challenge, obtains and verifies the auth token, caches it.
     *
     * @param resource the resource called (its server identifier: the origin of the URL called)
     * @param resourceToken the {@code resource-token} of the challenge
     * @param method the request method (the cache remembers the route)
     * @param path the request path
     */
    public AuthToken answer(
            AgentCredentials agent,
            String resource,
            String resourceToken,
            String method,
            String path,
            AgentCall call) {
        if (agent.profile() != AAuthProfile.DRAFT_01) {
            throw new IllegalArgumentException(
                    "answer() is draft-01; a " + agent.profile().id() + " agent uses respond()");
        }
        TokenVerifier verifier = verifier(AAuthProfile.DRAFT_01);
        ResourceToken rt =
                verifier.verifyResourceChallenge(
                        resourceToken, resource, agent.agent(), agent.jkt());
        call.events().token("resource", rt.claims());
        call.events()
                .note(
                        "resource token verified: iss is "
                                + resource
                                + ", agent and agent_jkt are ours, exp in "
                                + (rt.expiresAt() - clock.instant().getEpochSecond())
                                + " s");
        if (agent.personServer() == null) {
            throw new AAuthException(
                    AAuthError.INVALID_AGENT_TOKEN,
                    "the agent token names no ps: nowhere to exchange the resource token");
        }
        String endpoint = endpoints.authTokenEndpoint(agent.personServer(), AAuthProfile.DRAFT_01);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resource_token", resourceToken);
        if (call.upstreamToken() != null) {
            body.put("upstream_token", call.upstreamToken());
        }
        if (call.justification() != null) {
            body.put("justification", call.justification());
        }
        AgentHttp.Response r =
                signed(
                        agent,
                        "POST",
                        endpoint,
                        JsonUtil.toJson(body).getBytes(StandardCharsets.UTF_8),
                        call,
                        "person-server");
        if (r.status() == 202) {
            call.events()
                    .note("the Person Server deferred the request (202): waiting for the person");
            AAuthRequirementView interaction = AAuthRequirementView.of(r);
            call.deferred()
                    .deferred(
                            new PendingExchange(
                                    DeferredPoller.location(r, endpoint),
                                    resource,
                                    rt.audience(),
                                    rt.scope(),
                                    method,
                                    path,
                                    call.upstreamKey(),
                                    interaction.url(),
                                    interaction.code()));
            r =
                    pollers.get()
                            .await(
                                    r,
                                    endpoint,
                                    (m, url, b) -> signed(agent, m, url, b, call, "person-server"),
                                    call.interactionWithCallback(),
                                    call.clarification());
        }
        return accept(agent, r, rt.audience(), resource, rt.scope(), method, path, call);
    }

    /**
     * Finishes a deferred token request, e.g. after a restart, with the agent's current credentials
     * (the PS "mints the auth token of an approved request for the polling agent", its current
     * key): polls the pending URL until the terminal answer, verifies and caches the auth token.
     */
    public AuthToken resume(AgentCredentials agent, PendingExchange pending, AgentCall call) {
        call.events().note("resuming the deferred token request: polling " + pending.location());
        DeferredPoller.PendingCall poll =
                (m, url, b) -> signed(agent, m, url, b, call, "person-server");
        AgentHttp.Response r =
                pollers.get()
                        .continueAt(
                                pending.location(),
                                poll.send("GET", pending.location(), null),
                                poll,
                                call.interactionWithCallback(),
                                call.clarification());
        return accept(
                agent,
                r,
                pending.expectedIssuer(),
                pending.resource(),
                pending.scope(),
                pending.method(),
                pending.path(),
                call);
    }

    private AuthToken accept(
            AgentCredentials agent,
            AgentHttp.Response r,
            String expectedIssuer,
            String resource,
            List<String> scope,
            String method,
            String path,
            AgentCall call) {
        String authToken = tokenOf(r, AAuthProfile.DRAFT_01, "auth_token");
        AuthToken at =
                verifier(AAuthProfile.DRAFT_01)
                        .verifyAuthTokenResponse(
                                authToken,
                                expectedIssuer,
                                resource,
                                agent.key().publicJwk(),
                                agent.agent());
        call.events().token("auth", at.claims());
        call.events()
                .note(
                        "auth token verified: iss "
                                + at.issuer()
                                + ", aud "
                                + at.audience()
                                + ", cnf is our key, agent and act.sub are us");
        cache.put(
                AuthTokenCache.Key.of(resource, scope, call.upstreamKey()),
                at,
                agent.jkt(),
                method,
                path);
        return at;
    }

    /** The {@code url} and {@code code} of a 202's {@code requirement=interaction}, or nulls. */
    private record AAuthRequirementView(String url, String code) {
        static AAuthRequirementView of(AgentHttp.Response r) {
            String h = r.header(dev.aauth.header.AAuthRequirement.NAME).orElse(null);
            try {
                if (h != null
                        && dev.aauth.header.AAuthRequirement.parse(
                                        h, dev.aauth.id.SecurityMode.DEVELOPMENT)
                                instanceof
                                dev.aauth.header.AAuthRequirement.InteractionRequired ir) {
                    return new AAuthRequirementView(ir.url().value(), ir.code());
                }
            } catch (AAuthException e) {
                // no interaction to remember
            }
            return new AAuthRequirementView(null, null);
        }
    }

    /** A request to the Person Server, signed with the agent token. */
    private AgentHttp.Response signed(
            AgentCredentials agent,
            String method,
            String url,
            byte[] body,
            AgentCall call,
            String party) {
        return signed(agent, agent.signatureKey(), method, url, body, call, party);
    }

    /** A request signed with the agent's key, {@code key} in {@code Signature-Key}. */
    private AgentHttp.Response signed(
            AgentCredentials agent,
            SignatureKey key,
            String method,
            String url,
            byte[] body,
            AgentCall call,
            String party) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        RequestSigning.sign(
                RequestSigning.signer(agent, clock), key, method, url, headers, body, List.of());
        long start = System.nanoTime();
        AgentHttp.Response r = http.send(new AgentHttp.Request(method, url, headers, body));
        call.events()
                .exchange(
                        party,
                        method,
                        url,
                        headers,
                        body == null ? null : new String(body, StandardCharsets.UTF_8),
                        r.status(),
                        r.headers(),
                        r.body(),
                        (System.nanoTime() - start) / 1_000_000);
        return r;
    }

    /**
     * "Token Endpoint Error Codes" under {@code profile}: -01 as {@link
     * #tokenEndpointError(AgentHttp.Response)}; -11 reads the RFC 9457 problem details ("receivers
     * MUST determine how to proceed from this member") and keeps its {@code detail}.
     */
    static AAuthException tokenEndpointError(AgentHttp.Response r, AAuthProfile profile) {
        if (profile == AAuthProfile.DRAFT_01) {
            return tokenEndpointError(r);
        }
        ProblemDetails p = ProblemDetails.parse(r.body());
        AAuthError error = AAuthError.SERVER_ERROR;
        for (AAuthError e : AAuthError.values()) {
            if (e.code().equals(p.error()) && e.family() == AAuthError.Family.ENDPOINT) {
                error = e;
                break;
            }
        }
        return new AAuthException(
                error,
                "the Person Server answered "
                        + r.status()
                        + " "
                        + p.error()
                        + (p.detail() == null ? "" : ": " + p.detail()));
    }

    /** "Token Endpoint Error Codes": the {@code error} of the body, or {@code server_error}. */
    static AAuthException tokenEndpointError(AgentHttp.Response r) {
        Object code = DeferredPoller.json(r.body()).get("error");
        AAuthError error = AAuthError.SERVER_ERROR;
        for (AAuthError e : AAuthError.values()) {
            if (e.code().equals(code) && e.family() == AAuthError.Family.ENDPOINT) {
                error = e;
                break;
            }
        }
        return new AAuthException(
                error,
                "the Person Server answered " + r.status() + (code == null ? "" : " " + code));
    }

    /**
     * POSTs {@code body} to one of the -11 Person Server's token endpoints ({@code
     * person_token_endpoint}, {@code auth_token_endpoint}) and returns the token named {@code
     * member} of its {@code 200}.
     */
    private String draft11Token(
            AgentCredentials agent,
            String endpoint,
            Map<String, Object> body,
            AgentCall call,
            String what,
            String member) {
        AgentHttp.Response r =
                exchange(
                        agent,
                        endpoint,
                        JsonUtil.toJson(body).getBytes(StandardCharsets.UTF_8),
                        call,
                        what);
        return tokenOf(r, AAuthProfile.DRAFT_11, member);
    }

    /**
     * The token named {@code member} of a token endpoint's {@code 200}; any other answer is the
     * endpoint's error, read as {@code profile} writes it.
     */
    private static String tokenOf(AgentHttp.Response r, AAuthProfile profile, String member) {
        if (r.status() != 200) {
            throw tokenEndpointError(r, profile);
        }
        Object compact = DeferredPoller.json(r.body()).get(member);
        if (!(compact instanceof String token)) {
            throw new AAuthException(
                    AAuthError.SERVER_ERROR, "the Person Server's 200 carries no " + member);
        }
        return token;
    }
}
