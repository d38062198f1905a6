package dev.aauth.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The container image (Dockerfile), checked without building it (no container engine or base image
 * here): every source a {@code COPY} names is inside the build context that {@code .dockerignore}
 * leaves, and every file the server configuration reads at start (the demo keys, the default JDBC
 * driver, the application) is copied to where the image's Liberty looks for it. What this does not
 * check: that the base image exists, that {@code features.sh} and {@code configure.sh} succeed,
 * that the server starts.
 */
class ContainerImageTest {

    static final Path ROOT = Path.of(System.getProperty("basedir", "."));

    /** {@code COPY [--flag ...] src... dest}: the sources, relative to the context, and dest. */
    record Copy(List<String> sources, String destination) {}

    static List<Copy> copies(String dockerfile) {
        List<Copy> copies = new ArrayList<>();
        for (String line : dockerfile.replace("\\\n", " ").split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length < 3 || !words[0].equalsIgnoreCase("COPY")) {
                continue;
            }
            List<String> args = new ArrayList<>();
            for (int i = 1; i < words.length; i++) {
                if (!words[i].startsWith("--")) {
                    args.add(words[i]);
                }
            }
            copies.add(
                    new Copy(
                            List.copyOf(args.subList(0, args.size() - 1)),
                            args.get(args.size() - 1)));
        }
        return copies;
    }

    /**
     * Docker's .dockerignore rules: each line a pattern (Go filepath.Match, plus {@code **}), a
     * leading {@code !} an exception; the last pattern matching a path or one of its parent
     * directories decides.
     */
    record DockerIgnore(List<Pattern> patterns, List<Boolean> exceptions) {

        static DockerIgnore parse(String text) {
            List<Pattern> patterns = new ArrayList<>();
            List<Boolean> exceptions = new ArrayList<>();
            for (String raw : text.split("\n")) {
                String line = raw.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                boolean exception = line.startsWith("!");
                String p = (exception ? line.substring(1) : line).trim();
                p = p.replaceAll("^/+", "").replaceAll("/+$", "");
                patterns.add(Pattern.compile(glob(p)));
                exceptions.add(exception);
            }
            return new DockerIgnore(patterns, exceptions);
        }

        static String glob(String p) {
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
                    re.append(".*");
                    i++;
                    if (i + 1 < p.length() && p.charAt(i + 1) == '/') {
                        i++;
                        re.append("(?:/|)");
                    }
                } else if (c == '*') {
                    re.append("[^/]*");
                } else if (c == '?') {
                    re.append("[^/]");
                } else {
                    re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return re.toString();
        }

        /** Whether the file at {@code path} (relative, '/'-separated) is left in the context. */
        boolean included(String path) {
            boolean excluded = false;
            for (int i = 0; i < patterns.size(); i++) {
                if (matchesOrParent(patterns.get(i), path)) {
                    excluded = !exceptions.get(i);
                }
            }
            return !excluded;
        }

        static boolean matchesOrParent(Pattern p, String path) {
            for (String s = path; !s.isEmpty(); ) {
                if (p.matcher(s).matches()) {
                    return true;
                }
                int slash = s.lastIndexOf('/');
                s = slash < 0 ? "" : s.substring(0, slash);
            }
            return false;
        }
    }

    static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }

    /** The files a COPY source stands for: the files under a directory, else the file itself. */
    static List<String> files(String source) throws IOException {
        Path p = ROOT.resolve(source);
        if (!Files.isDirectory(p)) {
            return List.of(source);
        }
        try (Stream<Path> walk = Files.walk(p)) {
            return walk.filter(Files::isRegularFile)
                    .map(f -> ROOT.relativize(f).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    /** Where each copied file lands in the image. */
    static Set<String> imageFiles() throws IOException {
        Set<String> image = new TreeSet<>();
        for (Copy c : copies(read("Dockerfile"))) {
            for (String source : c.sources()) {
                boolean dir = Files.isDirectory(ROOT.resolve(source));
                for (String file : files(source)) {
                    String name =
                            dir
                                    ? file.substring(source.replaceAll("/+$", "").length() + 1)
                                    : file.substring(file.lastIndexOf('/') + 1);
                    String dest = c.destination();
                    image.add((dest.endsWith("/") ? dest : dest + "/") + name);
                }
            }
        }
        return image;
    }

    @Test
    @DisplayName("the .dockerignore rules as Docker applies them (last match wins, parents count)")
    void dockerIgnoreRules() {
        DockerIgnore rules = DockerIgnore.parse("*\n!src/main/x.xml\n!keys\nkeys/secret*\n");
        assertFalse(rules.included("pom.xml"));
        assertFalse(rules.included("src/main/y.xml"));
        assertTrue(rules.included("src/main/x.xml"));
        assertTrue(rules.included("keys/a.json"));
        assertFalse(rules.included("keys/secret.json"));
        assertFalse(DockerIgnore.parse("**/*.log").included("a/b/c.log"));
        assertTrue(DockerIgnore.parse("**/*.log").included("a/b/c.txt"));
    }

    @Test
    @DisplayName("every source a COPY names is in the build context .dockerignore leaves")
    void everyCopySourceIsInTheBuildContext() throws IOException {
        DockerIgnore rules = DockerIgnore.parse(read(".dockerignore"));
        List<Copy> copies = copies(read("Dockerfile"));
        assertFalse(copies.isEmpty());
        List<String> left = new ArrayList<>();
        for (Copy c : copies) {
            for (String source : c.sources()) {
                if (source.startsWith("target/")) {
                    // a build output (mvn package liberty:create), absent from a source checkout
                    assertTrue(rules.included(source), source + " is left out by .dockerignore");
                    continue;
                }
                assertTrue(Files.exists(ROOT.resolve(source)), source + " does not exist");
                for (String file : files(source)) {
                    if (!rules.included(file)) {
                        left.add(file);
                    }
                }
            }
        }
        assertEquals(List.of(), left, "COPY sources that .dockerignore leaves out of the context");
    }

    @Test
    @DisplayName(
            "every file server.xml reads at start is copied: the demo keys, the default JDBC driver, the WAR")
    void everyFileTheServerReadsIsCopied() throws IOException {
        String serverXml = read("src/main/liberty/config/server.xml");
        Map<String, String> dirs =
                Map.of(
                        "server.config.dir", "/config",
                        "shared.resource.dir", "/opt/ol/wlp/usr/shared/resources");
        Set<String> needed = new TreeSet<>();
        Matcher m =
                Pattern.compile("\\$\\{(server\\.config\\.dir|shared\\.resource\\.dir)}(/[^\"]+)")
                        .matcher(serverXml);
        while (m.find()) {
            String path = dirs.get(m.group(1)) + m.group(2);
            if (path.endsWith("/jdbc")) {
                // the driver library: <fileset dir=".../jdbc" includes="${aauth.db.driver}"/>
                Matcher driver =
                        Pattern.compile("name=\"aauth\\.db\\.driver\" defaultValue=\"([^\"]+)\"")
                                .matcher(serverXml);
                assertTrue(driver.find());
                path = path + "/" + driver.group(1);
            }
            if (!path.contains("${")) {
                needed.add(path);
            }
        }
        Matcher app =
                Pattern.compile("name=\"aauth\\.app\\.location\" defaultValue=\"([^\"]+)\"")
                        .matcher(serverXml);
        assertTrue(app.find());
        needed.add("/config/apps/" + app.group(1));
        needed.add("/config/server.xml");
        assertTrue(
                needed.contains("/config/demo-keys/supply-chain.longlived.private.jwk.json"),
                needed.toString());
        assertTrue(
                needed.contains("/opt/ol/wlp/usr/shared/resources/jdbc/h2.jar"), needed.toString());

        Set<String> image = imageFiles();
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(image);
        assertEquals(Set.of(), missing, "read by server.xml at start, not in the image " + image);
    }
}
