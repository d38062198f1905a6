package dev.aauth.jakarta.reliability;

import static dev.aauth.jakarta.it.Deferred.jwt;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static dev.aauth.jakarta.it.TokenRequests.challenge;
import static dev.aauth.jakarta.it.TokenRequests.tokenRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.StandInIssuers;
import dev.aauth.jakarta.it.Deferred;
import dev.aauth.jakarta.it.ItServer;
import dev.aauth.jakarta.it.PersonOverHttp;
import dev.aauth.jakarta.store.Person;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reliability scenario 3 (issue 12): the server process killed with {@code kill -9} (SIGKILL,
 * {@link ProcessHandle#destroyForcibly()} of the pid Liberty records) while the person's approvals
 * and the agent's direct grants are in flight, then started again. After the restart nothing
 * decided is lost or duplicated and waiting requests are still answerable:
 *
 * <ul>
 *   <li>a decision acknowledged before the crash holds: approved and not yet collected gives its
 *       token, denied answers {@code 403 denied}, collected answers {@code 410};
 *   <li>a decision in flight at the crash either committed (the poll gives the token) or did not
 *       (the request is still waiting and the person can decide it again): never both, never lost;
 *       an approval whose {@code 302} arrived always committed;
 *   <li>every request gives at most one token: after its {@code 200}, {@code 410 invalid_code};
 *   <li>undecided requests survive: their interaction codes open, approval gives the token;
 *   <li>the remembered consent survives: the agent's next request is a direct grant;
 *   <li>nothing answers {@code 5xx} after the restart.
 * </ul>
 *
 * Runs in the late Failsafe execution ({@code *RestartIT}), after every other IT. Sessions live in
 * the server's memory, so the person signs in again after the crash. The agents are stand-ins run
 * by this test, so their keys and agent tokens outlive the server.
 */
class CrashRestartIT {

    /** Direct grants in flight at the crash. */
    static final int GRANTS = 8;

    /** One answer (or the connection's failure) of a request in flight at the crash. */
    record Outcome(String who, int status, String body) {
        static Outcome failed(String who, Exception e) {
            return new Outcome(who, -1, String.valueOf(e));
        }
    }

    @Test
    @DisplayName(
            "Scenario 3: kill -9 mid-consent and mid-grant: after restart nothing decided is lost or duplicated, waiting requests are still answerable")
    void killedMidConsentAndMidGrant() throws Exception {
        StandInIssuers.AgentProvider provider =
                StandInIssuers.agentProvider(Map.of("client_name", "Crash Tester"));
        Person person = PersonOverHttp.newPerson("Casey Crash");
        HttpClient session = PersonOverHttp.signedIn(person);

        // before the crash: collected, approved, denied
        Deferred collected = PersonOverHttp.deferInventory(provider);
        decide(session, collected, "approve");
        assertEquals(200, collected.pollUntilAnswered().statusCode(), "collected before");
        Deferred approved = PersonOverHttp.deferInventory(provider);
        decide(session, approved, "approve");
        Deferred denied = PersonOverHttp.deferInventory(provider);
        decide(session, denied, "deny");

        // the collected agent's consent is remembered: its next request is a direct grant
        StandInIssuers.Agent granted = collected.agent();
        assertEquals(200, directGrant(granted).statusCode(), "remembered consent: direct grant");

        // in flight at the crash: three approvals and GRANTS direct grants
        List<Deferred> racing = new ArrayList<>();
        List<PersonOverHttp.ConsentForm> forms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Deferred d = PersonOverHttp.deferInventory(provider);
            racing.add(d);
            forms.add(PersonOverHttp.consentForm(session, PersonOverHttp.open(session, d.code())));
        }
        List<String> grantTokens = new ArrayList<>();
        for (int i = 0; i < GRANTS; i++) {
            grantTokens.add(resourceToken(granted));
        }
        // waiting through the crash, codes not yet opened
        List<Deferred> waiting =
                List.of(
                        PersonOverHttp.deferInventory(provider),
                        PersonOverHttp.deferInventory(provider));

        List<Outcome> inFlight = crashWhile(forms, granted, grantTokens);
        ItServer.start();

        List<String> problems = new ArrayList<>();
        HttpClient again = PersonOverHttp.signedIn(person);

        // acknowledged before the crash
        expect(problems, "collected", collected.poll(), 410);
        HttpResponse<String> approvedPoll = approved.pollUntilAnswered();
        expect(problems, "approved before the crash", approvedPoll, 200);
        expect(problems, "approved, collected", approved.poll(), 410);
        HttpResponse<String> deniedPoll = denied.pollUntilAnswered();
        expect(problems, "denied before the crash", deniedPoll, 403);
        if (deniedPoll.statusCode() == 403) {
            assertEquals("denied", error(deniedPoll));
        }
        expect(problems, "denied, answered", denied.poll(), 410);

        // in flight: committed or still waiting, never lost, at most one token
        for (int i = 0; i < racing.size(); i++) {
            Deferred d = racing.get(i);
            Outcome approval = inFlight.get(i);
            HttpResponse<String> first = d.poll();
            if (approval.status() == 302 || approval.status() == 200) {
                // the person saw the decision page: the approval (or an earlier one) committed
                expect(problems, "acknowledged approval " + i, first, 200);
            } else if (first.statusCode() == 202) {
                // not committed: still waiting; the person decides again in a new session
                String page = "/interaction?request=" + last(d.location());
                PersonOverHttp.consentForm(again, page).post("approve");
                expect(problems, "re-approved " + i, d.pollUntilAnswered(), 200);
            } else {
                expect(problems, "committed approval " + i, first, 200);
            }
            expect(problems, "in-flight approval " + i + " collected", d.poll(), 410);
        }

        // undecided requests: their codes open and approval gives the token
        for (Deferred d : waiting) {
            expect(problems, "waiting request", d.poll(), 202);
            String page = PersonOverHttp.open(again, d.code());
            PersonOverHttp.consentForm(again, page).post("approve");
            expect(problems, "waiting request approved", d.pollUntilAnswered(), 200);
        }

        // grants in flight: a 200 carried a token, nothing else but a failed connection
        for (Outcome o : inFlight.subList(racing.size(), inFlight.size())) {
            assertTrue(o.status() == 200 || o.status() == -1, "a grant in flight answered " + o);
            if (o.status() == 200) {
                assertNotNull(JsonUtil.parseJson(o.body()).get("auth_token"), o.body());
            }
        }
        expect(problems, "direct grant after the restart", directGrant(granted), 200);

        // the token of a request approved before the crash opens the resource
        if (approvedPoll.statusCode() == 200) {
            String token = (String) JsonUtil.parseJson(approvedPoll.body()).get("auth_token");
            HttpResponse<String> inventory =
                    ItRequests.get(SUPPLY + "/api/inventory")
                            .sign(
                                    approved.agent().key(),
                                    new dev.aauth.sigkey.SignatureKey.Jwt(token))
                            .send();
            expect(problems, "the resource with the token", inventory, 200);
        }
        System.out.println("CrashRestartIT in flight at the crash: " + inFlight);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    static void decide(HttpClient session, Deferred d, String button) throws Exception {
        String page = PersonOverHttp.open(session, d.code());
        HttpResponse<String> r = PersonOverHttp.consentForm(session, page).post(button);
        assertEquals(302, r.statusCode(), button + ": " + r.body());
    }

    static String resourceToken(StandInIssuers.Agent a) {
        return challenge(ItRequests.get(SUPPLY + "/api/inventory").sign(a.key(), jwt(a)).send());
    }

    static HttpResponse<String> directGrant(StandInIssuers.Agent a) {
        return directGrant(a, resourceToken(a));
    }

    static HttpResponse<String> directGrant(StandInIssuers.Agent a, String resourceToken) {
        return tokenRequest(
                a.key(), jwt(a), JsonUtil.toJson(Map.of("resource_token", resourceToken)));
    }

    /**
     * Releases the approvals and the grants at once and kills the server as soon as the first
     * answer arrives (or after 2 s), so that some are answered and some are cut off; returns their
     * outcomes, approvals first.
     */
    static List<Outcome> crashWhile(
            List<PersonOverHttp.ConsentForm> forms,
            StandInIssuers.Agent agent,
            List<String> resourceTokens)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(forms.size() + resourceTokens.size());
        try {
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch firstAnswer = new CountDownLatch(1);
            List<Callable<Outcome>> calls = new ArrayList<>();
            for (int i = 0; i < forms.size(); i++) {
                PersonOverHttp.ConsentForm form = forms.get(i);
                String who = "approval " + i;
                calls.add(
                        () -> {
                            gate.await();
                            try {
                                HttpResponse<String> r = form.post("approve");
                                firstAnswer.countDown();
                                return new Outcome(who, r.statusCode(), r.body());
                            } catch (Exception e) {
                                return Outcome.failed(who, e);
                            }
                        });
            }
            for (int i = 0; i < resourceTokens.size(); i++) {
                String rt = resourceTokens.get(i);
                String who = "grant " + i;
                calls.add(
                        () -> {
                            gate.await();
                            try {
                                HttpResponse<String> r = directGrant(agent, rt);
                                firstAnswer.countDown();
                                return new Outcome(who, r.statusCode(), r.body());
                            } catch (RuntimeException e) {
                                return Outcome.failed(who, e);
                            }
                        });
            }
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Callable<Outcome> c : calls) {
                futures.add(pool.submit(c));
            }
            gate.countDown();
            firstAnswer.await(2, TimeUnit.SECONDS);
            ItServer.kill();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    static void expect(List<String> problems, String what, HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            problems.add(
                    what + ": expected " + status + ", got " + r.statusCode() + " " + r.body());
        }
    }

    static String error(HttpResponse<String> r) {
        try {
            return (String) JsonUtil.parseJson(r.body()).get("error");
        } catch (Exception e) {
            return null;
        }
    }

    static String last(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
