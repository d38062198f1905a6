package dev.aauth.jakarta.demo;

import static dev.aauth.jakarta.ItRequests.baseUrl;
import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.store.Person;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Liberty restarted while "Place orders" waits for the person: the backend agent's deferred token
 * request is in the database ({@code agent_pending_calls}), so after the restart the flow is back
 * under its id, with the same interaction code, and the agent polls the same pending URL with its
 * new key.
 */
class DemoRestartIT {

    static void server(String command) throws IOException, InterruptedException {
        Path serverDir = Path.of(System.getProperty("aauth.it.server.dir"));
        Path wlp = serverDir.getParent().getParent().getParent();
        Process p =
                new ProcessBuilder(
                                wlp.resolve("bin/server").toString(),
                                command,
                                serverDir.getFileName().toString())
                        .inheritIO()
                        .start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("server " + command + " did not finish in 180 s");
        }
        assertEquals(0, p.exitValue(), "server " + command);
    }

    static HttpResponse<String> tryGet(String url) {
        try {
            return get(url).send();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> awaitFlow(
            String id, java.util.function.Predicate<Map<String, Object>> done, Duration within)
            throws Exception {
        Instant deadline = Instant.now().plus(within);
        Map<String, Object> last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = tryGet(PERSON + "/demo/api/flows/" + id);
            if (r != null && r.statusCode() == 200) {
                last = DemoIT.json(r);
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        fail("flow " + id + " not there within " + within + ": " + last);
        return last;
    }

    @Test
    @DisplayName(
            "Liberty restarted while a consent is pending: the flow is resumed (same code, same pending URL, same key) and completes once the person approves")
    @SuppressWarnings("unchecked")
    void restartWhileConsentPendingResumesTheFlow() throws Exception {
        HttpResponse<String> r = post(PERSON + "/demo/api/orders").send();
        assertEquals(202, r.statusCode(), r.body());
        String id = (String) DemoIT.json(r).get("id");
        Map<String, Object> before =
                awaitFlow(id, f -> "waiting".equals(f.get("state")), Duration.ofSeconds(30));
        String code = (String) ((Map<String, Object>) before.get("interaction")).get("code");
        String location =
                DemoIT.exchanges(before).stream()
                        .filter(s -> ((Number) s.get("status")).intValue() == 202)
                        .map(s -> DemoIT.headers(s, "responseHeaders").get("location"))
                        .findFirst()
                        .orElseThrow();

        server("stop");
        server("start");
        for (String origin : List.of("person", "supply", "market")) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            HttpResponse<String> info;
            do {
                info = tryGet(baseUrl(origin) + "/aauth/info");
                if (info == null || info.statusCode() != 200) {
                    Thread.sleep(250);
                }
            } while ((info == null || info.statusCode() != 200)
                    && Instant.now().isBefore(deadline));
            assertNotNull(info, origin + " is back");
            assertEquals(200, info.statusCode(), origin + " is back");
        }

        Map<String, Object> after =
                awaitFlow(
                        id,
                        f ->
                                DemoIT.exchanges(f).stream()
                                        .anyMatch(
                                                s ->
                                                        "GET".equals(s.get("method"))
                                                                && location.equals(s.get("url"))),
                        Duration.ofSeconds(90));
        assertEquals("waiting", after.get("state"), String.valueOf(after.get("error")));
        assertEquals(
                code,
                ((Map<String, Object>) after.get("interaction")).get("code"),
                "the same interaction code");
        assertTrue(
                DemoIT.steps(after).stream()
                        .anyMatch(
                                s ->
                                        String.valueOf(s.get("text"))
                                                .startsWith("resumed after a restart")));
        Map<String, Object> poll =
                DemoIT.exchanges(after).stream()
                        .filter(s -> "GET".equals(s.get("method")) && location.equals(s.get("url")))
                        .findFirst()
                        .orElseThrow();
        assertEquals(
                202,
                ((Number) poll.get("status")).intValue(),
                "the PS still knows the request: it is the same one");

        // the person (alice, who owns the backend agent) takes up the code and approves, as the
        // consent page does
        Person alice = ItStore.get().persons.findByUsername("alice").orElseThrow();
        assertTrue(ItStore.get().redeem(code, alice));
        assertTrue(
                ItStore.get()
                        .pending
                        .approve(
                                ItStore.get().request(location).id(),
                                alice.id(),
                                "approved in DemoRestartIT"));
        Map<String, Object> done =
                awaitFlow(id, f -> !"waiting".equals(f.get("state")), Duration.ofSeconds(90));
        assertEquals("done", done.get("state"), String.valueOf(done.get("error")));
        Map<String, Object> order = (Map<String, Object>) done.get("result");
        assertEquals("placed", order.get("status"));
        assertEquals(70L, ((Number) order.get("quantity")).longValue());
        assertEquals(DemoIT.BACKEND, order.get("placedBy"));
        assertNotNull(order.get("onBehalfOf"), "the person's pairwise sub");
    }
}
