package dev.aauth.jakarta.reliability;

import static dev.aauth.jakarta.it.Deferred.jwt;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.it.Deferred;
import dev.aauth.jakarta.it.PersonOverHttp;
import dev.aauth.jakarta.store.Person;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reliability scenario 2 (issue 12): the person's Approve (one browser session) and Deny (another
 * session of the same person) on the consent form, the agent's {@code DELETE} of the pending URL
 * and three of its polls, all released at once by a start gate, over real HTTP against the IT
 * server, for several rounds. Whatever wins, there is exactly one outcome: the cancellation's
 * {@code 204}, or one {@code 200} with the token, or one {@code 403 denied}; never a {@code 5xx};
 * then the pending URL answers {@code 410 invalid_code}. A {@code 429 slow_down} (the polls' rate
 * limit) is an allowed answer of a racing poll, and the polls afterwards honour {@code
 * Retry-After}.
 */
class DecisionRaceIT {

    /**
     * Rounds of the full race (approve, deny, cancel, polls): 4 in {@code mvn verify}, more under
     * {@code -Preliability}.
     */
    static final int ROUNDS = Integer.getInteger("aauth.reliability.decision-rounds", 4);

    /**
     * Rounds of two approvals (both sessions) and polls: the token branch, which the full race
     * rarely reaches (a cancellation or a denial is quicker than an approval).
     */
    static final int APPROVAL_ROUNDS = Integer.getInteger("aauth.reliability.approval-rounds", 2);

    static final Duration DEADLINE = Duration.ofSeconds(60);

    static StandInIssuers.AgentProvider provider;
    static ExecutorService pool;

    @BeforeAll
    static void start() {
        provider = StandInIssuers.agentProvider(Map.of("client_name", "Reliability Racer"));
        pool = Executors.newFixedThreadPool(6);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    /** One labelled answer of the race. */
    record Answer(String who, int status, String body, String error) {
        static Answer of(String who, HttpResponse<String> r) {
            String error = null;
            if (r.statusCode() >= 400
                    && r.headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .startsWith("application/json")) {
                try {
                    error = (String) JsonUtil.parseJson(r.body()).get("error");
                } catch (Exception e) {
                    error = "unparsable";
                }
            }
            return new Answer(who, r.statusCode(), r.body(), error);
        }
    }

    @Test
    @DisplayName(
            "Scenario 2: Approve, deny, cancel and polls racing on one request over HTTP: one outcome, at most one token, never a 5xx, later polls 410 (-01: \"Once a terminal response is returned, the pending URL MUST return 410 Gone\")")
    void approveDenyCancelAndPollsRacing() throws Exception {
        Person person = PersonOverHttp.newPerson("Rachel Racer");
        HttpClient approver = PersonOverHttp.signedIn(person);
        HttpClient denier = PersonOverHttp.signedIn(person);
        Map<String, Integer> winners = new java.util.TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            String winner = round(approver, denier, round, true);
            winners.merge(winner, 1, Integer::sum);
        }
        System.out.println("DecisionRaceIT winners over " + ROUNDS + " full rounds: " + winners);
        for (int round = 0; round < APPROVAL_ROUNDS; round++) {
            assertEquals(
                    "approve",
                    round(approver, denier, ROUNDS + round, false),
                    "two approvals racing the polls: one token");
        }
    }

    /**
     * One round; returns what won: approve, deny or cancel. {@code full}: Approve, Deny, DELETE and
     * 3 polls; otherwise Approve in both sessions and 3 polls.
     */
    String round(HttpClient approver, HttpClient denier, int round, boolean full) throws Exception {
        Deferred d = PersonOverHttp.deferInventory(provider);
        String page = PersonOverHttp.open(approver, d.code());
        PersonOverHttp.ConsentForm approveForm = PersonOverHttp.consentForm(approver, page);
        PersonOverHttp.ConsentForm denyForm = PersonOverHttp.consentForm(denier, page);

        CountDownLatch gate = new CountDownLatch(1);
        List<Callable<Answer>> racers = new ArrayList<>();
        racers.add(gated(gate, () -> Answer.of("approve", approveForm.post("approve"))));
        if (!full) {
            racers.add(gated(gate, () -> Answer.of("approve", denyForm.post("approve"))));
        } else {
            racers.add(gated(gate, () -> Answer.of("deny", denyForm.post("deny"))));
        }
        if (full) {
            racers.add(
                    gated(
                            gate,
                            () ->
                                    Answer.of(
                                            "cancel",
                                            new ItRequests.Req("DELETE", d.location())
                                                    .sign(d.agent().key(), jwt(d.agent()))
                                                    .send())));
        }
        for (int i = 0; i < 3; i++) {
            racers.add(gated(gate, () -> Answer.of("poll", d.poll())));
        }
        List<Future<Answer>> futures = new ArrayList<>();
        for (Callable<Answer> c : racers) {
            futures.add(pool.submit(c));
        }
        gate.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : futures) {
            answers.add(f.get(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        }

        // the agent goes on polling as the draft says until the pending URL is gone
        answers.addAll(pollUntilGone(d));
        // and a later poll is 410 again, at once: the terminal answer is given once
        Answer later = Answer.of("later poll", d.poll());
        answers.add(later);
        String context = "round " + round + ": " + answers;

        for (Answer a : answers) {
            assertTrue(a.status() < 500, "never a 5xx: " + a + " in " + context);
        }
        assertEquals(410, later.status(), context);
        assertEquals("invalid_code", later.error(), context);

        long tokens =
                answers.stream().filter(a -> a.who().contains("poll") && a.status() == 200).count();
        long denials =
                answers.stream()
                        .filter(a -> a.who().contains("poll") && a.status() == 403)
                        .peek(a -> assertEquals("denied", a.error(), context))
                        .count();
        long cancels =
                answers.stream().filter(a -> a.who().equals("cancel") && a.status() == 204).count();
        assertTrue(tokens <= 1, "at most one token: " + context);
        assertEquals(1, tokens + denials + cancels, "exactly one outcome: " + context);
        for (Answer a : answers) {
            if (a.who().contains("poll")) {
                assertTrue(
                        List.of(200, 202, 403, 410, 429).contains(a.status()),
                        "a poll answers 202, its one terminal answer, 410 or 429: " + context);
            }
            if (a.who().equals("cancel")) {
                assertTrue(List.of(204, 410).contains(a.status()), context);
            }
            if (a.who().equals("approve") || a.who().equals("deny")) {
                // 302 to /done, or 200 with "This request has ended" when another won first
                assertTrue(List.of(200, 302).contains(a.status()), context);
            }
        }
        if (tokens == 1) {
            Answer granted =
                    answers.stream()
                            .filter(a -> a.who().contains("poll") && a.status() == 200)
                            .findFirst()
                            .orElseThrow();
            String token = (String) JsonUtil.parseJson(granted.body()).get("auth_token");
            assertEquals(3, token.split("\\.").length, context);
        }

        // the person's page agrees with what the agent was told
        String shown = PersonOverHttp.get(approver, PERSON + page).body();
        String winner = tokens == 1 ? "approve" : denials == 1 ? "deny" : "cancel";
        String expected =
                switch (winner) {
                    case "approve" -> "You approved this request";
                    case "deny" -> "You denied this request";
                    default -> "The agent withdrew this request";
                };
        assertTrue(shown.contains(expected), expected + " expected, " + context + "\n" + shown);
        return winner;
    }

    static Callable<Answer> gated(CountDownLatch gate, Callable<Answer> c) {
        return () -> {
            gate.await();
            return c.call();
        };
    }

    /**
     * Polls until {@code 410}, honouring {@code Retry-After} on {@code 429}; the decision is
     * already made, so a {@code 202} is a failure. Bounded by {@link #DEADLINE}.
     */
    static List<Answer> pollUntilGone(Deferred d) throws InterruptedException {
        List<Answer> answers = new ArrayList<>();
        Instant end = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(end)) {
            HttpResponse<String> r = d.poll();
            Answer a = Answer.of("after poll", r);
            answers.add(a);
            if (r.statusCode() == 410) {
                return answers;
            }
            assertTrue(r.statusCode() != 202, "still waiting after every decision was made: " + a);
            if (r.statusCode() == 429) {
                long wait = Long.parseLong(r.headers().firstValue("Retry-After").orElse("5"));
                Thread.sleep(Math.max(1, wait) * 1000);
            }
        }
        throw new AssertionError("no 410 within " + DEADLINE + ": " + answers);
    }
}
