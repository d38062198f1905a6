package dev.aauth.agent;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.token.AuthToken;
import dev.aauth.token.ResourceToken;
import dev.aauth.token.TokenVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * Thread-safe.
 */
public final class ChallengeResponder {

    private final TokenVerifier verifier;
    private final AgentHttp http;
    private final Clock clock;
    private final AuthTokenCache cache;
    private final Supplier<DeferredPoller> pollers;
    private final Function<String, String> tokenEndpoint;

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
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.pollers = Objects.requireNonNull(poller, "poller");
        this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
    }

    public AuthTokenCache cache() {
        return cache;
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
        String endpoint = tokenEndpoint.apply(agent.personServer());
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
        if (r.status() != 200) {
            throw tokenEndpointError(r);
        }
        Object compact = DeferredPoller.json(r.body()).get("auth_token");
        if (!(compact instanceof String authToken)) {
            throw new AAuthException(
                    AAuthError.SERVER_ERROR, "the Person Server's 200 carries no auth_token");
        }
        AuthToken at =
                verifier.verifyAuthTokenResponse(
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
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        RequestSigning.sign(
                RequestSigning.signer(agent, clock),
                agent.signatureKey(),
                method,
                url,
                headers,
                body,
                List.of());
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
}
