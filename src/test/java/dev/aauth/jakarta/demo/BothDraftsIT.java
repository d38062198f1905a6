package dev.aauth.jakarta.demo;

import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.agent.AgentCall;
import dev.aauth.agent.AgentHttp;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.ItRequests;
import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.jakarta.it.ItAgent;
import dev.aauth.jakarta.it.PersonOverHttp;
import dev.aauth.jakarta.it.TokenRequests;
import dev.aauth.jakarta.store.BoundBy;
import dev.aauth.jakarta.store.Person;
import dev.aauth.jose.Jws;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.AuthToken;
import dev.aauth.token.Draft11AuthToken;
import dev.aauth.token.Draft11ResourceToken;
import dev.aauth.token.PersonToken;
import dev.aauth.token.TokenVerifier;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's done-when over real HTTP against the IT server: "A -11 agent and a -01 agent, at the
 * same time, against one {@code mvn liberty:run}, each get a 200 from supply-chain through our
 * Person Server (autonomous and with consent), and each profile's tokens verify under its own rules
 * only." Both are the demo's backend agent, enrolled at the real Agent Provider once for a draft-01
 * agent token and once for a draft-11 one, driven by the core agent runtime ({@link ItAgent}).
 */
class BothDraftsIT {

    static final String BACKEND = "aauth:backend@" + PERSON.substring("http://".length());

    static Person person;

    final TokenVerifier v01 = TokenRequests.verifier(AAuthProfile.DRAFT_01);
    final TokenVerifier v11 = TokenRequests.verifier(AAuthProfile.DRAFT_11);

    /**
     * The one place where the -11 agent is given a person: -11 "Without upstream_token the PS
     * issues for the person bound to the requesting agent" (the IT server binds the backend agent
     * to nobody). If the Person Server asks the person before a first person token, seed that
     * consent here.
     */
    @BeforeAll
    static void personOfTheBackendAgent() {
        person = PersonOverHttp.newPerson("Bea Both");
        ItStore.get().bindings.bind(BACKEND, person.id(), BoundBy.ADMIN);
    }

    @AfterAll
    static void unbind() {
        ItStore.get().consents.revokeAll(person.id(), BACKEND);
        ItStore.get().bindings.unbind(BACKEND, person.id());
    }

    static ItAgent agent(AAuthProfile draft) throws Exception {
        ItAgent a =
                new ItAgent(
                        draft == AAuthProfile.DRAFT_11
                                ? EnrolledAgent.enrollDraft11("backend")
                                : EnrolledAgent.enroll("backend"));
        assertEquals(draft, a.profile());
        assertEquals(BACKEND, a.credentials().agent());
        return a;
    }

    /** Runs both calls at the same time (released together by a barrier). */
    static List<AgentHttp.Response> together(
            Supplier<AgentHttp.Response> one, Supplier<AgentHttp.Response> two) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        CompletableFuture<AgentHttp.Response> f1 =
                CompletableFuture.supplyAsync(() -> awaitThen(start, one));
        CompletableFuture<AgentHttp.Response> f2 =
                CompletableFuture.supplyAsync(() -> awaitThen(start, two));
        return List.of(f1.get(120, TimeUnit.SECONDS), f2.get(120, TimeUnit.SECONDS));
    }

    private static AgentHttp.Response awaitThen(
            CyclicBarrier start, Supplier<AgentHttp.Response> call) {
        try {
            start.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return call.get();
    }

    static Map<String, Object> json(AgentHttp.Response r, int status) throws Exception {
        assertEquals(status, r.status(), r.body());
        return JsonUtil.parseJson(r.body());
    }

    static List<String> kinds(ItAgent a) {
        return a.seen().stream().map(ItAgent.Seen::kind).toList();
    }

    @Test
    @DisplayName(
            "issue 13: a -01 and a -11 backend agent at the same time each get 200 from supply-chain's POST /api/optimize, granted autonomously: -01 resource token and auth token; -11 person token, resource token (ps, sub, presented_jti), auth token")
    void bothDraftsAutonomouslyAtTheSameTime() throws Exception {
        ItAgent a01 = agent(AAuthProfile.DRAFT_01);
        ItAgent a11 = agent(AAuthProfile.DRAFT_11);
        String body = "{\"horizonDays\":30}";
        List<AgentHttp.Response> r =
                together(
                        () -> a01.call("POST", SUPPLY + "/api/optimize", body, AgentCall.DEFAULT),
                        () -> a11.call("POST", SUPPLY + "/api/optimize", body, AgentCall.DEFAULT));

        Map<String, Object> plan01 = json(r.get(0), 200);
        assertEquals(BACKEND, plan01.get("requestedBy"));
        assertEquals(List.of("resource", "auth"), kinds(a01));

        Map<String, Object> plan11 = json(r.get(1), 200);
        // -11: "no token a resource reads carries an agent identifier": the caller is its key
        assertEquals(
                a11.credentials().key().publicJwk().thumbprintUri(), plan11.get("requestedBy"));
        assertEquals(List.of("person", "resource", "auth"), kinds(a11));

        PersonToken pt = v11.verifyPersonToken(a11.last("person"), SUPPLY);
        assertEquals(plan11.get("onBehalfOf"), pt.subject());
        checkOwnRulesOnly(a01, a11, pt, "supply-chain:read");
    }

    @Test
    @DisplayName(
            "issue 13: a -01 and a -11 backend agent at the same time each place an order at supply-chain (supply-chain:optimize, always asked): each token request answers 202, the person approves both over HTTP, each agent's poll gets its draft's auth token, 201")
    void bothDraftsWithConsentAtTheSameTime() throws Exception {
        ItAgent a01 = agent(AAuthProfile.DRAFT_01);
        ItAgent a11 = agent(AAuthProfile.DRAFT_11);
        BlockingQueue<String> codes = new LinkedBlockingQueue<>();
        AgentCall call =
                AgentCall.DEFAULT
                        .withInteraction((url, code, userUrl) -> codes.add(code))
                        .withJustification("Keep the **laptop supply** on target");
        String order = "{\"sku\":\"" + LaptopCatalog.STOCK.get(0).sku() + "\",\"quantity\":2}";
        CompletableFuture<List<AgentHttp.Response>> both =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return together(
                                        () -> a01.call("POST", SUPPLY + "/api/orders", order, call),
                                        () ->
                                                a11.call(
                                                        "POST",
                                                        SUPPLY + "/api/orders",
                                                        order,
                                                        call));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        int approved = approveAsTheyCome(codes, both);
        assertTrue(approved >= 2, "approved " + approved + " requests");
        List<AgentHttp.Response> r = both.get(60, TimeUnit.SECONDS);

        Map<String, Object> order01 = json(r.get(0), 201);
        assertEquals(BACKEND, order01.get("placedBy"));
        Map<String, Object> order11 = json(r.get(1), 201);
        assertEquals(a11.credentials().key().publicJwk().thumbprintUri(), order11.get("placedBy"));
        assertEquals(List.of("resource", "auth"), kinds(a01));
        assertEquals(List.of("person", "resource", "auth"), kinds(a11));

        PersonToken pt = v11.verifyPersonToken(a11.last("person"), SUPPLY);
        assertEquals(pt.subject(), order11.get("onBehalfOf"));
        // -01: the approved token names the person too (pairwise sub)
        assertEquals(
                v01.verifyAuthToken(a01.last("auth"), SUPPLY).subject(), order01.get("onBehalfOf"));
        checkOwnRulesOnly(a01, a11, pt, "supply-chain:optimize");
    }

    /**
     * The person signs in and approves each interaction code as it arrives, until both calls are
     * done; returns how many were approved.
     */
    static int approveAsTheyCome(
            BlockingQueue<String> codes, CompletableFuture<List<AgentHttp.Response>> done)
            throws Exception {
        HttpClient browser = PersonOverHttp.signedIn(person);
        int approved = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!done.isDone() && System.nanoTime() < end) {
            String code = codes.poll(200, TimeUnit.MILLISECONDS);
            if (code == null) {
                continue;
            }
            String page = PersonOverHttp.open(browser, code);
            HttpResponse<String> decided =
                    PersonOverHttp.consentForm(browser, page).post("approve");
            assertTrue(decided.statusCode() < 400, "approve: " + decided.body());
            approved++;
        }
        return approved;
    }

    /**
     * Each draft's tokens verify under its own rules, and the other draft's verifier refuses them
     * naming both drafts ("never mix within one flow"); the Person Server's endpoint of one draft
     * refuses the other draft's resource token.
     */
    void checkOwnRulesOnly(ItAgent a01, ItAgent a11, PersonToken pt, String scope)
            throws Exception {
        String jkt01 = a01.credentials().jkt();
        String jkt11 = a11.credentials().jkt();

        // -01 under -01
        v01.verifyResourceChallenge(a01.last("resource"), SUPPLY, BACKEND, jkt01);
        AuthToken auth01 =
                v01.verifyAuthTokenResponse(
                        a01.last("auth"),
                        PERSON,
                        SUPPLY,
                        a01.credentials().key().publicJwk(),
                        BACKEND);
        assertTrue(auth01.scope().contains(scope), auth01.claims().toString());
        // -11 under -11
        Draft11ResourceToken rt11 =
                v11.verifyDraft11ResourceChallenge(
                        a11.last("resource"), SUPPLY, jkt11, PERSON, pt.subject());
        assertEquals(pt.jti(), rt11.presentedJti());
        assertFalse(rt11.claims().containsKey("agent"));
        Draft11AuthToken auth11 =
                v11.verifyDraft11AuthTokenResponse(
                        a11.last("auth"),
                        PERSON,
                        SUPPLY,
                        a11.credentials().key().publicJwk(),
                        pt.subject());
        assertEquals(PERSON, auth11.ps());
        assertFalse(auth11.claims().containsKey("agent"));
        assertFalse(auth11.claims().containsKey("act"));
        assertTrue(auth11.scope().contains(scope), auth11.claims().toString());

        // each under the other draft's rules: refused, the detail naming both drafts
        mixed(
                () -> v11.verifyDraft11AuthToken(a01.last("auth"), SUPPLY),
                AAuthError.INVALID_JWT,
                "draft-01",
                "draft-11");
        mixed(
                () -> v01.verifyAuthToken(a11.last("auth"), SUPPLY),
                AAuthError.INVALID_JWT,
                "draft-11",
                "draft-01");
        mixed(
                () ->
                        v11.verifyDraft11ResourceChallenge(
                                a01.last("resource"), SUPPLY, jkt01, PERSON, pt.subject()),
                AAuthError.INVALID_RESOURCE_TOKEN,
                "draft-01",
                "draft-11");
        mixed(
                () -> v01.verifyResourceChallenge(a11.last("resource"), SUPPLY, BACKEND, jkt11),
                AAuthError.INVALID_RESOURCE_TOKEN,
                "draft-11",
                "draft-01");
    }

    /** {@code call} refused with {@code code}: "a {@code got} ... where {@code expected} ...". */
    static void mixed(Runnable call, AAuthError code, String got, String expected) {
        AAuthException e = assertThrows(AAuthException.class, call::run);
        assertEquals(code.code(), e.code(), e.detail());
        assertTrue(
                e.detail().startsWith("a " + got + " ")
                        && e.detail().endsWith("where " + expected + " is expected"),
                e.detail());
    }

    @Test
    @DisplayName(
            "issue 13, \"never mix within one flow\": the Person Server's -11 auth_token_endpoint refuses a -01 agent with its -01 resource token (400 invalid_agent_token, naming both drafts); its -01 token_endpoint refuses a -11 resource token (400 invalid_resource_token, naming both drafts)")
    void eachEndpointRefusesTheOtherDraftsResourceToken() throws Exception {
        EnrolledAgent e01 = EnrolledAgent.enroll("backend");
        String rt01 =
                TokenRequests.challenge(
                        ItRequests.get(SUPPLY + "/api/inventory")
                                .sign(e01.key(), e01.jwt())
                                .send());
        HttpResponse<String> at11 =
                ItRequests.post(PERSON + "/aauth/auth-token")
                        .header("content-type", "application/json")
                        .body(JsonUtil.toJson(Map.of("resource_token", rt01)))
                        .sign(e01.key(), e01.jwt())
                        .send();
        // -11 row 1, "the endpoint called": a draft-01 agent's request at the -11 endpoint
        assertEquals(400, at11.statusCode(), at11.body());
        assertEquals(
                "application/problem+json",
                at11.headers().firstValue("content-type").orElse("").split(";")[0]);
        Map<String, Object> problem = JsonUtil.parseJson(at11.body());
        assertEquals("invalid_agent_token", problem.get("error"), at11.body());
        assertEquals(
                "a draft-01 aa-agent+jwt token (JWS alg EdDSA) where draft-11 is expected",
                problem.get("detail"));

        ItAgent a11 = agent(AAuthProfile.DRAFT_11);
        AgentHttp.Response ok = a11.call("GET", SUPPLY + "/api/inventory", null, AgentCall.DEFAULT);
        assertEquals(200, ok.status(), ok.body());
        // a fresh -11 resource token: present the person token again
        EnrolledAgent e11 =
                new EnrolledAgent(a11.credentials().key(), a11.credentials().agentToken());
        HttpResponse<String> challenge =
                ItRequests.get(SUPPLY + "/api/inventory")
                        .sign(e11.key(), new SignatureKey.Jwt(a11.last("person")))
                        .send();
        String rt11 = TokenRequests.challenge(challenge);
        assertEquals(null, Jws.parse(rt11).claims().get("agent"));
        HttpResponse<String> at01 =
                ItRequests.post(PERSON + "/aauth/token")
                        .header("content-type", "application/json")
                        .body(JsonUtil.toJson(Map.of("resource_token", rt11)))
                        .sign(e11.key(), e11.jwt())
                        .send();
        TokenRequests.assertTokenError(at01, 400, "invalid_resource_token");
        assertEquals(
                "a draft-11 aa-resource+jwt token (it has no agent claim) where draft-01 is"
                        + " expected",
                JsonUtil.parseJson(at01.body()).get("error_description"));
    }
}
