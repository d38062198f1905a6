package dev.aauth.jakarta.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.gateway.GatewaySettings;
import dev.aauth.jakarta.resource.ResourceConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is the one configuration reference: every property the application reads is
 * in it, and it names no property the application does not read.
 */
class ConfigurationReferenceTest {

    private static final Path REFERENCE =
            Path.of(System.getProperty("basedir", "."), "docs/configuration.md");

    /** A first table cell naming a MicroProfile Config property: {@code | `aauth.x.y` |}. */
    private static final Pattern DOCUMENTED =
            Pattern.compile("(?m)^\\| `(aauth\\.[a-z0-9.<>-]+)` \\|");

    /**
     * Where the reference turns to Liberty's server variables, which are not MicroProfile Config.
     */
    private static final String SERVER_VARIABLES = "Liberty server variables";

    static Set<String> documented() throws IOException {
        String text = Files.readString(REFERENCE);
        int end = text.indexOf(SERVER_VARIABLES);
        assertTrue(end > 0, "the reference has a section on Liberty server variables");
        Matcher m = DOCUMENTED.matcher(text.substring(0, end));
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Every name the application asks for while reading a configuration with every role. */
    static Set<String> read() {
        Map<String, String> everyRole =
                Map.of(
                        AAuthConfig.ROLES,
                        "person-server,agent-provider,agent,resource",
                        AAuthConfig.ISSUER,
                        "http://localhost:9080",
                        AAuthConfig.SECURITY_MODE,
                        "DEVELOPMENT",
                        AAuthConfig.AGENT_NAME,
                        "backend",
                        ResourceConfiguration.HOSTS,
                        "example",
                        ResourceConfiguration.HOST_PREFIX + "example.identifier",
                        "http://localhost:9090");
        Set<String> names = new TreeSet<>();
        Function<String, Optional<String>> property =
                name -> {
                    names.add(name.replace(".host.example.", ".host.<name>."));
                    return Optional.ofNullable(everyRole.get(name));
                };
        new ResourceConfiguration(property, new AAuthConfig(property));
        new GatewaySettings(property, new AAuthConfig(property));
        return names;
    }

    @Test
    @DisplayName("every property the application reads is in docs/configuration.md, and no other")
    void theReferenceListsExactlyThePropertiesRead() throws IOException {
        Set<String> read = read();
        Set<String> documented = documented();
        assertTrue(documented.contains(AAuthConfig.ISSUER), "the reference's tables were found");
        assertTrue(!documented.contains("aauth.http.host"), "server variables are not MP Config");

        Set<String> undocumented = new TreeSet<>(read);
        undocumented.removeAll(documented);
        Set<String> notRead = new TreeSet<>(documented);
        notRead.removeAll(read);
        assertEquals(Set.of(), undocumented, "read but not in docs/configuration.md");
        assertEquals(Set.of(), notRead, "in docs/configuration.md but never read");
    }
}
