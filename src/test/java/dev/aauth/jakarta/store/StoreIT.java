package dev.aauth.jakarta.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.Test;

/**
 * The store in the real server: the data source jdbc/aauth works, the migrations ran (once, though
 * three applications share the database), on the database the build chose: H2 by default,
 * PostgreSQL under {@code -Ppostgres} (Failsafe sets {@code aauth.it.database}).
 */
class StoreIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static String property(String name) {
        String value = System.getProperty(name);
        assertNotNull(value, name + " is not set: run the integration tests with `mvn verify`");
        return value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> storeChecks() throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(property("aauth.it.person.url") + "/health/ready"))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        List<Map<String, Object>> checks =
                (List<Map<String, Object>>) JsonUtil.parseJson(response.body()).get("checks");
        return checks.stream().filter(check -> "aauth-store".equals(check.get("name"))).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOriginsStoreIsReadyOnTheConfiguredDatabaseWithTheNewestSchema() throws Exception {
        List<Integer> versions = MigrationContract.migrationVersions();
        String newest = String.valueOf(versions.get(versions.size() - 1));

        List<Map<String, Object>> checks = storeChecks();

        assertEquals(3, checks.size(), "one store check per application: " + checks);
        Set<Object> issuers =
                checks.stream()
                        .map(check -> ((Map<String, Object>) check.get("data")).get("issuer"))
                        .collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        property("aauth.it.person.url"),
                        property("aauth.it.supply.url"),
                        property("aauth.it.market.url")),
                issuers);
        for (Map<String, Object> check : checks) {
            Map<String, Object> data = (Map<String, Object>) check.get("data");
            assertEquals("UP", check.get("status"), check.toString());
            assertEquals(property("aauth.it.database"), data.get("database"), check.toString());
            assertEquals(newest, data.get("schemaVersion"), check.toString());
            assertEquals(
                    versions.size(),
                    ((Number) data.get("appliedMigrations")).intValue(),
                    "each migration recorded once, though three applications ran them: " + check);
        }
    }

    @Test
    void theEmbeddedDefaultIsAnH2DatabaseFileInTheServersOutputDirectory() {
        if (!"H2".equals(property("aauth.it.database"))) {
            return; // the PostgreSQL pass: nothing is kept in files
        }
        Path file = Path.of(property("aauth.it.server.dir"), "data", "aauth.mv.db");
        assertTrue(Files.isRegularFile(file), file + " missing");
    }
}
