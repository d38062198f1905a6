package dev.aauth.jakarta.reliability;

import static dev.aauth.jakarta.it.Origins.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.it.Deferred;
import dev.aauth.jakarta.it.PersonOverHttp;
import dev.aauth.jakarta.store.Person;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reliability scenario 1 (issue 12), short version: 50 concurrent {@code GET
 * /interaction?code=<code>} of one interaction code, from 10 signed-in browser sessions of 5
 * persons (5 requests per session), released at once by a start gate, over real HTTP; several
 * rounds, each with a new request. "Redemption" is {@code ConsentService.open}: one conditional
 * update turns the request {@code interacting} and binds it to the person; the code works once,
 * also for the person who opened it ("once the user arrives at the URL with a valid code, the code
 * is consumed and cannot be reused"). So each round has exactly one winner (the {@code 302} to
 * {@code /interaction?request=<id>}); every other answer is the "This code was already used" page
 * (or a {@code 429} should the pages be rate-limited), never a {@code 5xx}, and the winner's
 * session, and only it, sees the request.
 */
class CodeRedemptionRaceIT {

    /** Rounds: 5 in {@code mvn verify}, 1,000 under {@code -Preliability} (the long version). */
    static final int ROUNDS = Integer.getInteger("aauth.reliability.code-rounds", 5);

    static final int PERSONS = 5;
    static final int SESSIONS_PER_PERSON = 2;
    static final int REQUESTS_PER_SESSION = 5;

    static StandInIssuers.AgentProvider provider;
    static ExecutorService pool;

    @BeforeAll
    static void start() {
        provider = StandInIssuers.agentProvider(Map.of("client_name", "Redemption Racer"));
        pool = Executors.newFixedThreadPool(50);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    record Redemption(int session, int status, String location, String body) {}

    @Test
    @DisplayName(
            "Scenario 1: 50 concurrent redemptions of one interaction code over HTTP: exactly one winner each time (the code is single-use, even for the person who opened it)")
    void fiftyConcurrentRedemptions() throws Exception {
        List<HttpClient> sessions = new ArrayList<>();
        for (int p = 0; p < PERSONS; p++) {
            Person person = PersonOverHttp.newPerson("Redeemer " + p);
            for (int s = 0; s < SESSIONS_PER_PERSON; s++) {
                sessions.add(PersonOverHttp.signedIn(person));
            }
        }
        for (int round = 0; round < ROUNDS; round++) {
            round(sessions, round);
        }
    }

    void round(List<HttpClient> sessions, int round) throws Exception {
        Deferred d = PersonOverHttp.deferInventory(provider);
        String url = PERSON + "/interaction?code=" + d.code();
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Redemption>> futures = new ArrayList<>();
        for (int s = 0; s < sessions.size(); s++) {
            HttpClient c = sessions.get(s);
            int session = s;
            for (int i = 0; i < REQUESTS_PER_SESSION; i++) {
                futures.add(
                        pool.submit(
                                () -> {
                                    gate.await();
                                    HttpResponse<String> r = PersonOverHttp.get(c, url);
                                    return new Redemption(
                                            session,
                                            r.statusCode(),
                                            r.headers().firstValue("Location").orElse(null),
                                            r.body());
                                }));
            }
        }
        gate.countDown();
        List<Redemption> all = new ArrayList<>();
        for (Future<Redemption> f : futures) {
            all.add(f.get(60, TimeUnit.SECONDS));
        }
        assertEquals(50, all.size());
        String context = "round " + round;
        List<Redemption> winners = new ArrayList<>();
        for (Redemption r : all) {
            assertTrue(r.status() < 500, "never a 5xx: " + r + " " + context);
            if (r.status() == 302) {
                assertTrue(
                        r.location() != null && r.location().contains("/interaction?request="),
                        r + " " + context);
                winners.add(r);
            } else if (r.status() != 429) {
                assertEquals(200, r.status(), r + " " + context);
                assertTrue(
                        r.body().contains("This code was already used"),
                        "a loser is told the code was used: " + context + "\n" + r.body());
            }
        }
        assertEquals(1, winners.size(), "exactly one winner: " + context + " " + winners);

        // the winner's session sees the consent screen; a session of another person does not
        Redemption w = winners.get(0);
        String path =
                w.location().startsWith("http")
                        ? w.location().substring(PERSON.length())
                        : w.location();
        String mine = PersonOverHttp.get(sessions.get(w.session()), PERSON + path).body();
        assertTrue(mine.contains("id=\"consent\""), context + "\n" + mine);
        int other = (w.session() + SESSIONS_PER_PERSON) % sessions.size();
        String theirs = PersonOverHttp.get(sessions.get(other), PERSON + path).body();
        assertTrue(theirs.contains("There is no such request"), context + "\n" + theirs);
    }
}
