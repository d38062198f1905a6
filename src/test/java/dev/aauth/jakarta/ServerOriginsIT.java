package dev.aauth.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One Liberty server, one WAR, three origins: each answers with its own configuration. Base URLs
 * come from Failsafe ({@code aauth.it.<origin>.url}), pointing at the aauth-it server.
 */
class ServerOriginsIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static String baseUrl(String origin) {
        String property = "aauth.it." + origin + ".url";
        String url = System.getProperty(property);
        assertNotNull(url, property + " is not set: run the integration tests with `mvn verify`");
        return url;
    }

    @ParameterizedTest(name = "{0} serves its own issuer and roles")
    @CsvSource(
            delimiter = ';',
            value = {
                "person; person-server,agent-provider,agent",
                "supply; resource,agent",
                "market; resource"
            })
    void eachOriginServesItsOwnConfiguration(String origin, String roles) throws Exception {
        HttpResponse<String> response = get(baseUrl(origin) + "/aauth/info");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        Map<String, Object> info = json(response.body());
        assertEquals(baseUrl(origin), info.get("issuer"));
        assertEquals(Set.of(roles.split(",")), Set.copyOf((List<?>) info.get("roles")));
        assertEquals("DEVELOPMENT", info.get("securityMode"));
    }

    @ParameterizedTest(name = "{0} answers / with a page naming it and linking {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "person; /.well-known/aauth-person.json",
                "supply; /.well-known/aauth-resource.json",
                "market; /.well-known/aauth-resource.json"
            })
    void eachOriginAnswersTheRootWithALandingPage(String origin, String metadata) throws Exception {
        HttpResponse<String> response = get(baseUrl(origin) + "/");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                "text/html",
                response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(response.body().contains("AAuth origin " + baseUrl(origin)), response.body());
        assertTrue(response.body().contains("href=\"" + metadata + "\""), response.body());
        assertEquals(
                "default-src 'none'; base-uri 'none'; form-action 'none'",
                response.headers().firstValue("Content-Security-Policy").orElse(""));
    }

    @ParameterizedTest(name = "/health/{0} is UP for all three origins")
    @ValueSource(strings = {"ready", "live"})
    void healthIsUpAndListsEveryOrigin(String kind) throws Exception {
        HttpResponse<String> response = get(baseUrl("person") + "/health/" + kind);

        assertEquals(200, response.statusCode(), response.body());
        Map<String, Object> health = json(response.body());
        assertEquals("UP", health.get("status"), response.body());
        Set<Object> issuers =
                ((List<?>) health.get("checks"))
                        .stream()
                                .map(
                                        check ->
                                                ((Map<?, ?>) ((Map<?, ?>) check).get("data"))
                                                        .get("issuer"))
                                .collect(Collectors.toSet());
        assertEquals(Set.of(baseUrl("person"), baseUrl("supply"), baseUrl("market")), issuers);
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> json(String body) throws JoseException {
        return JsonUtil.parseJson(body);
    }
}
