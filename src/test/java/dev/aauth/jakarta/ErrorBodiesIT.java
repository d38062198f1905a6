package dev.aauth.jakarta;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.it.Deferred.jwt;
import static dev.aauth.jakarta.it.Origins.MARKET;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.it.TokenRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every error answer has a body, on every server: an answer without one of its own gets RFC 9457
 * problem details ({@code type}, {@code title}, {@code status}), whether JAX-RS made it ({@code
 * ProblemBodies}) or the container ({@code ErrorPage}); never a server's HTML error page. The
 * headers that matter stay; the endpoints' own JSON errors are unchanged.
 */
class ErrorBodiesIT {

    static HttpResponse<String> plain(String url, String method) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    static void assertProblem(HttpResponse<String> r, int status) throws Exception {
        String where = r.request().method() + " " + r.uri() + " " + r.headers().map();
        assertEquals(status, r.statusCode(), where + " " + r.body());
        assertEquals(
                "application/problem+json",
                r.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", ""),
                where);
        Map<String, Object> body = JsonUtil.parseJson(r.body());
        assertEquals("about:blank", body.get("type"), r.body());
        assertEquals((long) status, ((Number) body.get("status")).longValue(), r.body());
        assertTrue(body.get("title") instanceof String t && !t.isEmpty(), r.body());
        assertFalse(r.body().contains("<html"), "not a server's HTML page: " + r.body());
    }

    @Test
    @DisplayName(
            "the resource's 401 auth-token challenge has a problem-details body, AAuth-Requirement kept")
    void authTokenChallengeHasABody() throws Exception {
        StandInIssuers.Agent a =
                StandInIssuers.agentProvider(Map.of("client_name", "Error Bodies"))
                        .agent("errors-" + UUID.randomUUID().toString().substring(0, 8), PERSON);
        HttpResponse<String> r = get(SUPPLY + "/api/inventory").sign(a.key(), jwt(a)).send();
        TokenRequests.challenge(r);
        assertProblem(r, 401);
    }

    @Test
    @DisplayName(
            "404s of a role the origin lacks, of an unknown path and of the person pages elsewhere have problem-details bodies")
    void notFoundHasABody() throws Exception {
        assertProblem(plain(MARKET + "/.well-known/aauth-person.json", "GET"), 404);
        assertProblem(plain(MARKET + "/no/such/thing", "GET"), 404);
        assertProblem(plain(SUPPLY + "/login", "GET"), 404);
        assertProblem(plain(PERSON + "/interaction/status?request=x", "GET"), 401);
    }

    @Test
    @DisplayName("the endpoints' own JSON errors are unchanged (Signature-Error problem details)")
    void endpointErrorsUnchanged() throws Exception {
        HttpResponse<String> r = plain(SUPPLY + "/api/inventory", "GET");
        assertEquals(401, r.statusCode());
        assertTrue(
                r.headers().firstValue("Signature-Error").isPresent(),
                r.headers().map().toString());
        Map<String, Object> body = JsonUtil.parseJson(r.body());
        assertTrue(
                String.valueOf(body.get("type")).startsWith("urn:ietf:params:sig-error:"),
                r.body());
    }

    @Test
    @DisplayName(
            "no answer names the server: no Server or X-Powered-By header (Payara: xpowered-by and server-header off)")
    void noServerHeaders() throws Exception {
        for (String url :
                new String[] {
                    PERSON + "/aauth/info", PERSON + "/login", MARKET + "/no/such/thing"
                }) {
            HttpResponse<String> r = plain(url, "GET");
            assertEquals(java.util.Optional.empty(), r.headers().firstValue("X-Powered-By"), url);
            assertEquals(java.util.Optional.empty(), r.headers().firstValue("Server"), url);
        }
    }
}
