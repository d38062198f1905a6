package dev.aauth.jakarta.it;

import dev.aauth.agent.AgentCall;
import dev.aauth.agent.AgentCredentials;
import dev.aauth.agent.AgentEvents;
import dev.aauth.agent.AgentHttp;
import dev.aauth.agent.AuthTokenCache;
import dev.aauth.agent.AuthTokenChallenge;
import dev.aauth.agent.ChallengeResponder;
import dev.aauth.agent.ChallengeRetry;
import dev.aauth.agent.DeferredPoller;
import dev.aauth.agent.JdkAgentHttp;
import dev.aauth.agent.PersonServerEndpoints;
import dev.aauth.agent.PersonTokenCache;
import dev.aauth.agent.PersonTokenChallenge;
import dev.aauth.agent.RequestSigning;
import dev.aauth.agent.Sleeper;
import dev.aauth.discovery.JwksCache;
import dev.aauth.discovery.MetadataDocument;
import dev.aauth.discovery.SafeHttpFetcher;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Jws;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.TokenType;
import dev.aauth.token.VerifiedToken;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An agent of the IT server's real Agent Provider driven by the core agent runtime ({@code
 * dev.aauth.agent}: {@link ChallengeRetry}, {@link ChallengeResponder}, {@link DeferredPoller})
 * over real HTTP, in the draft its agent token is shaped for, as {@code bin/aauth-agent} does it.
 * It records every token it presented or obtained (compact) and every resource token it was
 * challenged with, so a test can check each under its own draft's rules.
 */
public final class ItAgent {

    /** A token the agent obtained or was challenged with: kind and compact form. */
    public record Seen(String kind, String compact) {}

    private final AgentCredentials credentials;
    private final JwksCache discovery;
    private final ChallengeResponder responder;
    private final AgentHttp http = new JdkAgentHttp(Duration.ofSeconds(30));
    private final Clock clock = Clock.systemUTC();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    public ItAgent(EnrolledAgent enrolled) {
        Map<String, Object> claims = Jws.parse(enrolled.agentToken()).claims();
        this.credentials =
                new AgentCredentials(
                        enrolled.key(),
                        enrolled.agentToken(),
                        (String) claims.get("sub"),
                        (String) claims.get("ps"),
                        ((Number) claims.get("exp")).longValue());
        this.discovery =
                JwksCache.builder(
                                SafeHttpFetcher.create(SecurityMode.DEVELOPMENT),
                                SecurityMode.DEVELOPMENT)
                        .clock(clock)
                        .build();
        this.responder =
                new ChallengeResponder(
                        Map.of(
                                AAuthProfile.DRAFT_01,
                                TokenRequests.verifier(AAuthProfile.DRAFT_01),
                                AAuthProfile.DRAFT_11,
                                TokenRequests.verifier(AAuthProfile.DRAFT_11)),
                        http,
                        clock,
                        new AuthTokenCache(clock, Duration.ZERO, 16),
                        new PersonTokenCache(clock, Duration.ZERO, 16),
                        () ->
                                new DeferredPoller(
                                        clock,
                                        Sleeper.REAL,
                                        Duration.ofSeconds(90),
                                        SecurityMode.DEVELOPMENT),
                        PersonServerEndpoints.fromMetadata(
                                ps -> discovery.metadata(ps, MetadataDocument.PERSON)));
    }

    public AgentCredentials credentials() {
        return credentials;
    }

    public AAuthProfile profile() {
        return credentials.profile();
    }

    /** Every token seen so far, in order. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The last token of {@code kind} ({@code person}, {@code resource}, {@code auth}). */
    public String last(String kind) {
        for (int i = seen.size() - 1; i >= 0; i--) {
            if (seen.get(i).kind().equals(kind)) {
                return seen.get(i).compact();
            }
        }
        throw new AssertionError("no " + kind + " token seen: " + seen);
    }

    /**
     * One call: sent with the agent token (or what is cached), every challenge of its draft
     * answered once (person token, auth token, with a {@code 202} from the Person Server polled),
     * retried; returns the resource's final answer.
     */
    public AgentHttp.Response call(String method, String url, String json, AgentCall call) {
        URI uri = URI.create(url);
        String resource = uri.getScheme() + "://" + uri.getRawAuthority();
        String path = uri.getRawPath();
        return ChallengeRetry.run(
                token -> send(method, url, json, resource, path, token, call),
                new ChallengeRetry.Answers() {
                    @Override
                    public VerifiedToken personToken(PersonTokenChallenge c) {
                        VerifiedToken t = responder.personToken(credentials, c.resource(), call);
                        seen.add(new Seen("person", t.compact()));
                        return t;
                    }

                    @Override
                    public VerifiedToken authToken(AuthTokenChallenge c) {
                        seen.add(new Seen("resource", c.resourceToken()));
                        VerifiedToken t = responder.respond(credentials, c, call);
                        seen.add(new Seen("auth", t.compact()));
                        return t;
                    }
                },
                AgentEvents.NONE);
    }

    private AgentHttp.Response send(
            String method,
            String url,
            String json,
            String resource,
            String path,
            VerifiedToken token,
            AgentCall call) {
        VerifiedToken presented =
                token != null
                        ? token
                        : responder
                                .presentable(credentials, resource, method, path, call)
                                .orElse(null);
        SignatureKey key =
                presented == null
                        ? credentials.signatureKey()
                        : new SignatureKey.Jwt(presented.compact());
        byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        RequestSigning.sign(
                RequestSigning.signer(credentials, clock),
                key,
                method,
                url,
                headers,
                body,
                List.of());
        AgentHttp.Response r = http.send(new AgentHttp.Request(method, url, headers, body));
        boolean draft11 = profile() == AAuthProfile.DRAFT_11;
        String h = r.header(AAuthRequirement.NAME).orElse(null);
        if (h == null || !(r.status() == 401 || (draft11 && r.status() == 202))) {
            return r;
        }
        AAuthRequirement requirement = AAuthRequirement.parse(h, SecurityMode.DEVELOPMENT);
        boolean carriedAuth = presented != null && presented.type() == TokenType.AUTH;
        if (requirement instanceof AAuthRequirement.AuthTokenRequired a) {
            AuthTokenChallenge c =
                    new AuthTokenChallenge(
                            a.resourceToken(), resource, method, path, carriedAuth, presented);
            if (r.status() == 401) {
                throw c;
            }
            seen.add(new Seen("resource", c.resourceToken()));
            return responder.completeDeferred(credentials, c, r, url, call);
        }
        if (draft11
                && r.status() == 401
                && requirement instanceof AAuthRequirement.PersonTokenRequired) {
            throw new PersonTokenChallenge(resource, method, path);
        }
        return r;
    }
}
