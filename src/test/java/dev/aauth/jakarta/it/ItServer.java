package dev.aauth.jakarta.it;

import static dev.aauth.jakarta.ItRequests.get;
import static dev.aauth.jakarta.it.Origins.MARKET;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Liberty IT server as a process (Failsafe's {@code aauth.it.server.dir}): stopped, killed and
 * started with its own {@code bin/server}, and waited for (bounded) until its three origins serve
 * again. For the ITs that run after every other one ({@code restart-it}).
 */
public final class ItServer {

    /** How long a start (or stop) and the origins' coming back may take. */
    public static final Duration START_DEADLINE = Duration.ofSeconds(180);

    private ItServer() {}

    /** The server's directory: {@code <liberty>/usr/servers/<name>}. */
    public static Path serverDir() {
        String dir = System.getProperty("aauth.it.server.dir");
        assertNotNull(
                dir, "aauth.it.server.dir is not set: run the integration tests with `mvn verify`");
        return Path.of(dir);
    }

    /** {@code server stop} then {@code server start}, then waits until the origins serve. */
    public static void restart() throws Exception {
        run("stop");
        start();
    }

    /**
     * SIGKILL to the IT server: Liberty records its pid in {@code usr/servers/.pid/<name>.pid}.
     * Waits until the process is gone.
     */
    public static void kill() throws Exception {
        Path dir = serverDir();
        Path pidFile = dir.getParent().resolve(".pid").resolve(dir.getFileName() + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle server =
                ProcessHandle.of(pid)
                        .orElseThrow(() -> new AssertionError("no process " + pid + " running"));
        assertTrue(server.destroyForcibly(), "SIGKILL to " + pid);
        server.onExit().get(30, TimeUnit.SECONDS);
    }

    /** {@code server start}, then waits until the three origins serve again. */
    public static void start() throws Exception {
        run("start");
        long end = System.nanoTime() + START_DEADLINE.toNanos();
        for (String url :
                List.of(PERSON + "/health/ready", SUPPLY + "/aauth/info", MARKET + "/aauth/info")) {
            while (!answers200(url)) {
                if (System.nanoTime() - end > 0) {
                    throw new AssertionError(
                            "the restarted server does not serve " + url + " in " + START_DEADLINE);
                }
                Thread.sleep(250); // polling a condition, bounded by the deadline above
            }
        }
    }

    private static boolean answers200(String url) {
        try {
            return get(url).send().statusCode() == 200;
        } catch (RuntimeException e) {
            return false; // not listening yet
        }
    }

    /** {@code bin/server <action> <name>} of the server's Liberty, within the deadline. */
    private static void run(String action) throws IOException, InterruptedException {
        Path dir = serverDir();
        Path script = dir.getParent().getParent().getParent().resolve("bin").resolve("server");
        String name = dir.getFileName().toString();
        Path log = Files.createTempFile("aauth-it-" + action, ".log");
        ProcessBuilder pb =
                new ProcessBuilder(script.toString(), action, name)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        if (!p.waitFor(START_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(
                    "server " + action + " did not finish within " + START_DEADLINE);
        }
        assertEquals(
                0, p.exitValue(), "server " + action + " " + name + ": " + Files.readString(log));
    }
}
