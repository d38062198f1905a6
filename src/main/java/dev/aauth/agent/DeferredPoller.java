package dev.aauth.agent;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.id.SecurityMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * The agent's side of "Deferred Responses": after a {@code 202}, "the agent switches to GET for all
 * subsequent requests to the Location URL" until a non-{@code 202} answer.
 *
 * <ul>
 *   <li>"The agent MUST respect Retry-After values. If a Retry-After header is not present, the
 *       default polling interval is 5 seconds."
 *   <li>"If the server responds with 429 Too Many Requests, the agent MUST increase its polling
 *       interval by 5 seconds" (and keeps the increase, as RFC 8628 section 3.5 does).
 *   <li>"Agents MUST treat unrecognized status values as "pending" and continue polling."
 *   <li>{@code 403} denied or abandoned, {@code 408} expired: surfaced; "410 --> gone — MUST NOT
 *       retry".
 *   <li>{@code requirement=interaction}: the {@link InteractionCallback} gets the URL and code once
 *       per code; {@code requirement=clarification}: the {@link ClarificationHandler}'s answer is
 *       POSTed as {@code clarification_response} ("After posting, the agent resumes polling with
 *       GET"), a null answer DELETEs the pending URL; at most {@value #MAX_CLARIFICATIONS} rounds
 *       ("recommended: 5 rounds maximum").
 *   <li>Bounded: when the next poll would fall after {@code maxWait} from the first {@code 202},
 *       the agent cancels the request (DELETE) and fails with {@code expired} naming the wait.
 * </ul>
 *
 * Not thread-safe: one poller per pending request.
 */
public final class DeferredPoller {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration SLOW_DOWN_INCREMENT = Duration.ofSeconds(5);
    public static final int MAX_CLARIFICATIONS = 5;

    /**
     * Sends a signed request to the pending URL: GET to poll, POST (JSON body) to answer, DELETE to
     * cancel.
     */
    @FunctionalInterface
    public interface PendingCall {
        AgentHttp.Response send(String method, String url, byte[] jsonBody);
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration maxWait;
    private final SecurityMode mode;
    private final AAuthProfile profile;

    /** A draft-01 poller. */
    public DeferredPoller(Clock clock, Sleeper sleeper, Duration maxWait, SecurityMode mode) {
        this(clock, sleeper, maxWait, mode, AAuthProfile.DRAFT_01);
    }

    /**
     * A poller speaking {@code profile}: under draft-11 a clarification answer carries {@code
     * "action": "clarification_response"} ("A POST body MUST include an action member identifying
     * the response type").
     */
    public DeferredPoller(
            Clock clock,
            Sleeper sleeper,
            Duration maxWait,
            SecurityMode mode,
            AAuthProfile profile) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.profile = Objects.requireNonNull(profile, "profile");
    }

    /** This poller with {@code draft}'s pending-URL bodies. */
    public DeferredPoller speaking(AAuthProfile draft) {
        return draft == profile ? this : new DeferredPoller(clock, sleeper, maxWait, mode, draft);
    }

    /**
     * Polls until the terminal answer and returns it when it is {@code 200}.
     *
     * @param accepted the {@code 202} received from {@code respondingUrl}
     * @param respondingUrl the URL that answered {@code 202} (its origin must be the Location's)
     * @throws AAuthException {@code denied}, {@code abandoned}, {@code expired} (the server's or
     *     this agent's bound), {@code invalid_code} (410), {@code server_error}
     */
    public AgentHttp.Response await(
            AgentHttp.Response accepted,
            String respondingUrl,
            PendingCall call,
            InteractionCallback interaction,
            ClarificationHandler clarification) {
        return continueAt(
                location(accepted, respondingUrl), accepted, call, interaction, clarification);
    }

    /**
     * Polls the pending URL {@code location}, {@code latest} being its latest answer (a {@code 202}
     * or already the terminal one): how a request is resumed after a restart.
     */
    public AgentHttp.Response continueAt(
            String location,
            AgentHttp.Response latest,
            PendingCall call,
            InteractionCallback interaction,
            ClarificationHandler clarification) {
        AgentHttp.Response accepted = latest;
        Instant deadline = clock.instant().plus(maxWait);
        Duration backoff = Duration.ZERO;
        Duration interval = retryAfter(accepted);
        Set<String> codesShown = new HashSet<>();
        int clarifications = 0;
        AgentHttp.Response r = accepted;
        while (true) {
            switch (r.status()) {
                case 200 -> {
                    return r;
                }
                case 202 -> {
                    interval = retryAfter(r).plus(backoff);
                    AAuthRequirement requirement = requirement(r);
                    if (requirement instanceof AAuthRequirement.InteractionRequired ir
                            && codesShown.add(ir.code())) {
                        interaction.interactionRequired(ir.url().value(), ir.code(), ir.userUrl());
                    } else if (requirement instanceof AAuthRequirement.ClarificationRequired) {
                        Map<String, Object> body = json(r.body());
                        String answer =
                                ++clarifications > MAX_CLARIFICATIONS
                                        ? null
                                        : clarification.answer(
                                                String.valueOf(body.get("clarification")),
                                                options(body));
                        if (answer == null) {
                            cancel(call, location);
                            throw new AAuthException(
                                    AAuthError.ABANDONED,
                                    "the agent withdrew the request"
                                            + (clarifications > MAX_CLARIFICATIONS
                                                    ? " after "
                                                            + MAX_CLARIFICATIONS
                                                            + " clarification rounds"
                                                    : ""));
                        }
                        r =
                                call.send(
                                        "POST",
                                        location,
                                        JsonUtil.toJson(clarificationResponse(answer))
                                                .getBytes(StandardCharsets.UTF_8));
                        if (r.status() != 202 && r.status() != 200) {
                            continue;
                        }
                        if (r.status() == 200) {
                            return r;
                        }
                        interval = retryAfter(r).plus(backoff);
                    }
                }
                case 429 -> {
                    backoff = backoff.plus(SLOW_DOWN_INCREMENT);
                    interval = interval.plus(SLOW_DOWN_INCREMENT);
                }
                case 503 -> interval = retryAfter(r).plus(backoff);
                default -> throw terminal(r, location);
            }
            if (clock.instant().plus(interval).isAfter(deadline)) {
                cancel(call, location);
                throw new AAuthException(
                        AAuthError.EXPIRED,
                        "gave up waiting for the person after "
                                + maxWait.toSeconds()
                                + " s (aauth.agent.pending-timeout); the pending request was cancelled");
            }
            sleeper.sleep(interval);
            r = call.send("GET", location, null);
        }
    }

    /**
     * -11 "Deferred Delivery" of {@code requirement=auth-token} at a resource: "The agent verifies
     * the resource token and obtains an auth token exactly as in the 401 case, then completes at
     * the pending URL: it polls with signed GET requests ..., presenting the auth token via
     * Signature-Key once it holds one. The resource executes the held invocation on the first poll
     * that presents a valid auth token, and answers with the invocation's response." Polls {@code
     * location} with {@code call} (signed with the auth token) until an answer other than {@code
     * 202}, {@code 429} or {@code 503}, and returns it: the invocation's response, whatever its
     * status. Retry-After, the 5 s default, the 429 increase and the {@code maxWait} bound are as
     * in {@link #continueAt}; at the bound the wait fails with {@code expired} (nothing is
     * cancelled: the invocation is the resource's).
     */
    public AgentHttp.Response awaitInvocation(String location, PendingCall call) {
        Instant deadline = clock.instant().plus(maxWait);
        Duration backoff = Duration.ZERO;
        AgentHttp.Response r = call.send("GET", location, null);
        while (true) {
            Duration interval;
            switch (r.status()) {
                case 202, 503 -> interval = retryAfter(r).plus(backoff);
                case 429 -> {
                    backoff = backoff.plus(SLOW_DOWN_INCREMENT);
                    interval = retryAfter(r).plus(backoff);
                }
                default -> {
                    return r;
                }
            }
            if (clock.instant().plus(interval).isAfter(deadline)) {
                throw new AAuthException(
                        AAuthError.EXPIRED,
                        "gave up waiting for the resource's held invocation at "
                                + location
                                + " after "
                                + maxWait.toSeconds()
                                + " s");
            }
            sleeper.sleep(interval);
            r = call.send("GET", location, null);
        }
    }

    /**
     * The clarification POST body: -01 {@code {"clarification_response"}}; -11 adds {@code
     * "action": "clarification_response"}.
     */
    Map<String, Object> clarificationResponse(String answer) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        if (profile == AAuthProfile.DRAFT_11) {
            body.put("action", "clarification_response");
        }
        body.put("clarification_response", answer);
        return body;
    }

    /** The error a terminal, non-200 answer to a poll ends the wait with. */
    static AAuthException terminal(AgentHttp.Response r, String location) {
        return switch (r.status()) {
            case 403 ->
                    new AAuthException(
                            "abandoned".equals(json(r.body()).get("error"))
                                    ? AAuthError.ABANDONED
                                    : AAuthError.DENIED,
                            "the Person Server answered 403 " + error(r));
            case 408 ->
                    new AAuthException(
                            AAuthError.EXPIRED, "the pending request expired at the Person Server");
            case 410 ->
                    new AAuthException(
                            AAuthError.INVALID_CODE,
                            "410 Gone for "
                                    + location
                                    + ": the pending request is over, not retried");
            default ->
                    new AAuthException(
                            AAuthError.SERVER_ERROR,
                            "polling " + location + " answered " + r.status() + " " + error(r));
        };
    }

    /** {@code Retry-After} in seconds; absent or not a number of seconds: the default 5 s. */
    static Duration retryAfter(AgentHttp.Response r) {
        String v = r.header("retry-after").orElse(null);
        if (v != null && v.strip().matches("\\d{1,6}")) {
            return Duration.ofSeconds(Long.parseLong(v.strip()));
        }
        return DEFAULT_INTERVAL;
    }

    /**
     * "The Location URL MUST be on the same origin as the responding server"; relative ones resolve
     * against it.
     */
    static String location(AgentHttp.Response r, String respondingUrl) {
        String value =
                r.header("location")
                        .orElseThrow(
                                () ->
                                        new AAuthException(
                                                AAuthError.SERVER_ERROR, "202 without Location"));
        URI base = URI.create(respondingUrl);
        URI resolved = base.resolve(value.strip());
        if (!Objects.equals(resolved.getScheme(), base.getScheme())
                || !Objects.equals(resolved.getAuthority(), base.getAuthority())) {
            throw new AAuthException(
                    AAuthError.SERVER_ERROR,
                    "202 Location " + value + " is not on the origin of " + respondingUrl);
        }
        return resolved.toString();
    }

    private AAuthRequirement requirement(AgentHttp.Response r) {
        String h = r.header(AAuthRequirement.NAME).orElse(null);
        if (h == null) {
            return null;
        }
        try {
            return AAuthRequirement.parse(h, mode);
        } catch (AAuthException e) {
            return null; // a malformed optional header does not end the wait: keep polling
        }
    }

    private static void cancel(PendingCall call, String location) {
        try {
            call.send("DELETE", location, null);
        } catch (RuntimeException e) {
            // best effort: the request expires at the Person Server anyway
        }
    }

    private static List<String> options(Map<String, Object> body) {
        List<String> out = new ArrayList<>();
        if (body.get("options") instanceof List<?> l) {
            for (Object o : l) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    static Map<String, Object> json(String body) {
        try {
            return body == null || body.isBlank() ? Map.of() : JsonUtil.parseJson(body);
        } catch (JoseException | RuntimeException e) {
            return Map.of();
        }
    }

    private static String error(AgentHttp.Response r) {
        Object e = json(r.body()).get("error");
        return e == null ? "" : String.valueOf(e);
    }
}
