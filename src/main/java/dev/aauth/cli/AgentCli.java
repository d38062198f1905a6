package dev.aauth.cli;

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
import dev.aauth.agent.RemoteEnrollment;
import dev.aauth.agent.RequestSigning;
import dev.aauth.agent.Sleeper;
import dev.aauth.discovery.JwksCache;
import dev.aauth.discovery.MetadataDocument;
import dev.aauth.discovery.SafeHttpFetcher;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.TokenType;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedToken;
import dev.aauth.token.VerifiedTokenCache;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * {@code bin/aauth-agent [options] METHOD URL [BODY]}: one signed request as an AAuth agent, with
 * the challenge answered as "Agent Retry" says (at most two requests to the resource). Exit status
 * 0 for a 2xx answer, 1 for any other answer or a protocol error, 2 for a usage error.
 *
 * <p>Security defaults are the core's: https identifiers only; {@code --development} allows http
 * and ports for local demos (as {@code aauth.security-mode=DEVELOPMENT} does on the server).
 *
 * <p>The draft: {@code --draft 11} enrolls for a draft-11 agent token ({@code "draft": "draft-11"})
 * and speaks -11 (person token, then the -11 resource and auth tokens, each printed decoded; the
 * {@code 202} delivery of {@code requirement=auth-token} completed at the resource's pending URL);
 * {@code --draft 01} speaks -01; without the option the agent speaks the draft its agent token is
 * shaped for (draft-01 from an Agent Provider that is not asked otherwise).
 */
public final class AgentCli {

    static final String USAGE =
            String.join(
                    "\n",
                    "usage: bin/aauth-agent [options] METHOD URL [BODY]",
                    "  --provider URL       the Agent Provider to enroll at (jkt-jwt, with --key)",
                    "  --name LOCAL         the agent's local name at the provider",
                    "  --key FILE           the long-lived private JWK the provider trusts for it",
                    "  --development        allow http and ports in identifiers (local demos only)",
                    "  --wait SECONDS       how long to wait for the person (default 300)",
                    "  --justification TEXT why the agent asks, shown to the person (Markdown)",
                    "  --content-type TYPE  of BODY (default application/json)",
                    "  --draft 01|11        the AAuth draft to speak (default: the agent token's)",
                    "",
                    "example (the demo, mvn liberty:run):",
                    "  bin/aauth-agent --development --provider"
                            + " http://localhost:9080 --name supply-chain \\",
                    "    --key src/main/liberty/config/demo-keys/supply-chain.longlived.private.jwk.json"
                            + " \\",
                    "    GET http://localhost:9082/api/market/laptops");

    /** The parsed command line. */
    record Options(
            String method,
            String url,
            String body,
            String contentType,
            String provider,
            String name,
            Path key,
            SecurityMode mode,
            Duration maxWait,
            String justification,
            AAuthProfile draft) {

        static Options parse(String[] args) {
            Map<String, String> o = new LinkedHashMap<>();
            List<String> positional = new ArrayList<>();
            boolean development = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--development")) {
                    development = true;
                } else if (a.startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    o.put(a.substring(2), args[++i]);
                } else {
                    positional.add(a);
                }
            }
            for (String name : o.keySet()) {
                if (!List.of(
                                "provider",
                                "name",
                                "key",
                                "wait",
                                "justification",
                                "content-type",
                                "draft")
                        .contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            if (positional.size() < 2 || positional.size() > 3) {
                throw new IllegalArgumentException("METHOD and URL are required");
            }
            for (String required : List.of("provider", "name", "key")) {
                if (!o.containsKey(required)) {
                    throw new IllegalArgumentException("--" + required + " is required");
                }
            }
            Duration wait;
            try {
                wait = Duration.ofSeconds(Long.parseLong(o.getOrDefault("wait", "300")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--wait takes seconds");
            }
            if (wait.isNegative() || wait.isZero()) {
                throw new IllegalArgumentException("--wait takes a positive number of seconds");
            }
            AAuthProfile draft = null;
            if (o.containsKey("draft")) {
                String d = o.get("draft");
                draft =
                        AAuthProfile.fromId(d.startsWith("draft-") ? d : "draft-" + d)
                                .orElseThrow(
                                        () ->
                                                new IllegalArgumentException(
                                                        "--draft takes 01 or 11"));
            }
            return new Options(
                    positional.get(0).toUpperCase(Locale.ROOT),
                    positional.get(1),
                    positional.size() == 3 ? positional.get(2) : null,
                    o.getOrDefault("content-type", "application/json"),
                    o.get("provider"),
                    o.get("name"),
                    Path.of(o.get("key")),
                    development ? SecurityMode.DEVELOPMENT : SecurityMode.STRICT,
                    wait,
                    o.get("justification"),
                    draft);
        }
    }

    private final Options options;
    private final PrintStream out;
    private final Clock clock;
    private final JwksCache discovery;
    private final TokenVerifier verifier;
    private final TokenVerifier verifier11;
    private final AgentHttp http;

    AgentCli(Options options, PrintStream out, Clock clock) {
        this.options = options;
        this.out = out;
        this.clock = clock;
        this.discovery =
                JwksCache.builder(SafeHttpFetcher.create(options.mode()), options.mode())
                        .clock(clock)
                        .build();
        this.verifier =
                new TokenVerifier(
                        discovery::findKey,
                        clock,
                        options.mode(),
                        VerifiedTokenCache.disabled(clock));
        this.verifier11 =
                new TokenVerifier(
                        discovery::findKey,
                        clock,
                        options.mode(),
                        VerifiedTokenCache.disabled(clock),
                        TokenVerifier.DEFAULT_IAT_LEEWAY,
                        AAuthProfile.DRAFT_11);
        this.http = new JdkAgentHttp(Duration.ofSeconds(30));
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Clock.systemUTC()));
    }

    /** Runs the command; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("aauth-agent: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            AgentHttp.Response r = new AgentCli(options, out, clock).call();
            out.println("<<< " + r.status());
            out.println(r.body());
            return r.status() >= 200 && r.status() < 300 ? 0 : 1;
        } catch (AAuthException e) {
            err.println("aauth-agent: " + e.code() + ": " + e.detail());
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("aauth-agent: " + e);
            return 1;
        }
    }

    /** Enrolls, sends the request, answers one challenge, retries once. */
    AgentHttp.Response call() throws IOException {
        SigningKey longLived =
                SigningKey.fromJwkJson(Files.readString(options.key(), StandardCharsets.UTF_8));
        RemoteEnrollment enrollment = new RemoteEnrollment(http, verifier, clock);
        AgentCredentials agent =
                options.draft() == null
                        ? enrollment.enroll(options.provider(), options.name(), longLived)
                        : enrollment.enroll(
                                options.provider(), options.name(), longLived, options.draft());
        if (agent.profile() == AAuthProfile.DRAFT_01) {
            out.println("agent " + agent.agent() + ", Person Server " + agent.personServer());
        } else {
            out.println(
                    "agent "
                            + agent.agent()
                            + ", Person Server "
                            + agent.personServer()
                            + ", speaking "
                            + agent.profile().id());
            out.println(
                    "decoded agent token: "
                            + JsonUtil.toJson(
                                    dev.aauth.jose.Jws.parse(agent.agentToken()).claims()));
        }
        AgentEvents events = new Printer(out);
        AgentCall call =
                AgentCall.DEFAULT
                        .withEvents(events)
                        .withInteraction(
                                (url, code, userUrl) ->
                                        out.println(
                                                "The person must approve: open "
                                                        + userUrl
                                                        + " (code "
                                                        + code
                                                        + ")"))
                        .withJustification(options.justification());
        ChallengeResponder responder =
                new ChallengeResponder(
                        Map.of(AAuthProfile.DRAFT_01, verifier, AAuthProfile.DRAFT_11, verifier11),
                        http,
                        clock,
                        new AuthTokenCache(clock, Duration.ZERO, 16),
                        new PersonTokenCache(clock, Duration.ZERO, 16),
                        () ->
                                new DeferredPoller(
                                        clock, Sleeper.REAL, options.maxWait(), options.mode()),
                        PersonServerEndpoints.fromMetadata(
                                ps -> discovery.metadata(ps, MetadataDocument.PERSON)));
        URI uri = URI.create(options.url());
        String resource = uri.getScheme() + "://" + uri.getRawAuthority();
        String path =
                uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return ChallengeRetry.run(
                token -> send(agent, token, resource, path, events, responder, call),
                new ChallengeRetry.Answers() {
                    @Override
                    public VerifiedToken personToken(PersonTokenChallenge c) {
                        return responder.personToken(agent, c.resource(), call);
                    }

                    @Override
                    public VerifiedToken authToken(AuthTokenChallenge c) {
                        return responder.respond(agent, c, call);
                    }
                },
                events);
    }

    private AgentHttp.Response send(
            AgentCredentials agent,
            VerifiedToken token,
            String resource,
            String path,
            AgentEvents events,
            ChallengeResponder responder,
            AgentCall call) {
        SignatureKey key =
                token == null ? agent.signatureKey() : new SignatureKey.Jwt(token.compact());
        byte[] body =
                options.body() == null ? null : options.body().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        if (body != null) {
            headers.put("content-type", options.contentType());
        }
        RequestSigning.sign(
                RequestSigning.signer(agent, clock),
                key,
                options.method(),
                options.url(),
                headers,
                body,
                requiredComponents(resource));
        long start = System.nanoTime();
        AgentHttp.Response r =
                http.send(new AgentHttp.Request(options.method(), options.url(), headers, body));
        events.exchange(
                "resource",
                options.method(),
                options.url(),
                headers,
                options.body(),
                r.status(),
                r.headers(),
                r.body(),
                (System.nanoTime() - start) / 1_000_000);
        boolean draft11 = agent.profile() == AAuthProfile.DRAFT_11;
        if (r.status() == 401 || (draft11 && r.status() == 202)) {
            String h = r.header(AAuthRequirement.NAME).orElse(null);
            if (h != null) {
                AAuthRequirement requirement;
                try {
                    requirement = AAuthRequirement.parse(h, options.mode());
                } catch (AAuthException e) {
                    throw new AAuthException(
                            AAuthError.INVALID_REQUEST,
                            "the resource's AAuth-Requirement cannot be read: " + e.detail());
                }
                boolean carriedAuth = token != null && token.type() == TokenType.AUTH;
                if (requirement instanceof AAuthRequirement.AuthTokenRequired a) {
                    AuthTokenChallenge c =
                            new AuthTokenChallenge(
                                    a.resourceToken(),
                                    resource,
                                    options.method(),
                                    path,
                                    carriedAuth,
                                    token);
                    if (r.status() == 401) {
                        throw c;
                    }
                    // -11 "Deferred Delivery": "Agents MUST support both"
                    events.note("202 requirement=auth-token from " + resource);
                    return responder.completeDeferred(agent, c, r, options.url(), call);
                }
                if (draft11
                        && r.status() == 401
                        && requirement instanceof AAuthRequirement.PersonTokenRequired) {
                    throw new PersonTokenChallenge(resource, options.method(), path);
                }
            }
        }
        return r;
    }

    private List<String> requiredComponents(String resource) {
        try {
            return discovery
                    .metadata(resource, MetadataDocument.RESOURCE)
                    .additionalSignatureComponents();
        } catch (AAuthException e) {
            return List.of();
        }
    }

    /** Prints each exchange (status and AAuth headers), each verified token decoded, each note. */
    static final class Printer implements AgentEvents {

        /** The response headers shown, by lowercase name. */
        private static final Map<String, String> SHOWN =
                Map.of(
                        "aauth-requirement", "AAuth-Requirement",
                        "signature-error", "Signature-Error",
                        "location", "Location",
                        "retry-after", "Retry-After");

        private final PrintStream out;

        Printer(PrintStream out) {
            this.out = out;
        }

        @Override
        public void exchange(
                String party,
                String method,
                String url,
                Map<String, String> requestHeaders,
                String requestBody,
                int status,
                Map<String, List<String>> responseHeaders,
                String responseBody,
                long millis) {
            out.println(">>> " + method + " " + url + " (" + party + ")");
            String key = requestHeaders.get("signature-key");
            if (key != null) {
                out.println("    Signature-Key: " + abbreviated(key));
            }
            out.println("<<< " + status + " in " + millis + " ms");
            responseHeaders.forEach(
                    (name, values) -> {
                        String shown = SHOWN.get(name.toLowerCase(Locale.ROOT));
                        if (shown != null) {
                            out.println(
                                    "    " + shown + ": " + abbreviated(String.join(", ", values)));
                        }
                    });
        }

        @Override
        public void token(String kind, Map<String, Object> claims) {
            out.println("decoded " + kind + " token: " + JsonUtil.toJson(claims));
        }

        @Override
        public void note(String text) {
            out.println("--- " + text);
        }

        private static String abbreviated(String s) {
            return s.length() <= 160 ? s : s.substring(0, 150) + "...(" + s.length() + " chars)";
        }
    }
}
