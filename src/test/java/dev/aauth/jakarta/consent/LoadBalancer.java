package dev.aauth.jakarta.consent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load balancer in front of several instances of one public origin, as a browser's HTTP proxy
 * on loopback ({@link ConsentBrowser#ConsentBrowser(String)}): the browser believes it talks to the
 * public origin (its {@code Origin} and {@code Referer} are the issuer's, as behind a real load
 * balancer), and each of its requests for that origin is sent to the instance {@link #route} chose,
 * the way a reverse proxy does it: {@code Host} set to the instance (Liberty picks the virtual host
 * by it), a {@code Location} on the instance rewritten to the public origin (nginx's {@code
 * proxy_redirect default}), every other field and the body passed through unchanged. No sticky
 * sessions. Requests for any other origin get {@code 502}. One request per connection ({@code
 * Connection: close} both ways), bodies with {@code Content-Length} only (what browsers send for
 * forms).
 */
public final class LoadBalancer implements AutoCloseable {

    private static final int MAX_HEAD = 64 * 1024;

    private final String publicOrigin;
    private volatile URI backend;
    private final ServerSocket listener;
    private final ExecutorService connections =
            Executors.newCachedThreadPool(
                    r -> {
                        Thread t = new Thread(r, "load-balancer");
                        t.setDaemon(true);
                        return t;
                    });
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

    /**
     * Balances {@code publicOrigin} (e.g. {@code http://localhost:19080}) to the instance at {@code
     * backend}.
     */
    public LoadBalancer(String publicOrigin, String backend) {
        this.publicOrigin = publicOrigin;
        route(backend);
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        connections.execute(this::accept);
    }

    /** From now on, requests go to the instance at {@code backend} (its base URL). */
    public void route(String backend) {
        this.backend = URI.create(backend);
    }

    /** How many requests the instance at {@code backend} has answered through this balancer. */
    public int served(String backend) {
        AtomicInteger n = served.get(backend);
        return n == null ? 0 : n.get();
    }

    /** {@code host:port} of the proxy, for the browser. */
    public String proxy() {
        return listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort();
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.shutdownNow();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(60_000);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            List<String> head = readHead(in);
            if (head == null) {
                return;
            }
            String[] line = head.get(0).split(" ", 3);
            if (line.length != 3
                    || !(line[1].equals(publicOrigin) || line[1].startsWith(publicOrigin + "/"))
                    || header(head, "Transfer-Encoding") != null) {
                out.write(
                        "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            URI to = backend;
            String path = line[1].substring(publicOrigin.length());
            StringBuilder request =
                    new StringBuilder(line[0])
                            .append(' ')
                            .append(path.isEmpty() ? "/" : path)
                            .append(' ')
                            .append(line[2])
                            .append("\r\n");
            request.append("Host: ").append(to.getRawAuthority()).append("\r\n");
            fields(head, request, null);
            try (Socket server = new Socket(to.getHost(), to.getPort())) {
                server.setSoTimeout(60_000);
                OutputStream up = server.getOutputStream();
                up.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
                String length = header(head, "Content-Length");
                up.write(in.readNBytes(length == null ? 0 : Integer.parseInt(length)));
                up.flush();

                InputStream down = server.getInputStream();
                List<String> answer = readHead(down);
                if (answer == null) {
                    return;
                }
                StringBuilder response = new StringBuilder(answer.get(0)).append("\r\n");
                fields(answer, response, to.getScheme() + "://" + to.getRawAuthority());
                out.write(response.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
                String status = answer.get(0).split(" ", 3)[1];
                String bodyLength = header(answer, "Content-Length");
                boolean bodiless =
                        line[0].equals("HEAD")
                                || status.startsWith("1")
                                || status.equals("204")
                                || status.equals("304");
                if (!bodiless && bodyLength != null) {
                    out.write(down.readNBytes(Integer.parseInt(bodyLength)));
                } else if (!bodiless) {
                    down.transferTo(
                            out); // Connection: close: the instance ends the body by closing
                }
                out.flush();
                served.computeIfAbsent(
                                to.getScheme() + "://" + to.getRawAuthority(),
                                k -> new AtomicInteger())
                        .incrementAndGet();
            }
        } catch (IOException e) {
            // the browser or the instance went away: nothing to answer
        }
    }

    /**
     * Copies the header fields of {@code head} but the hop-by-hop ones and {@code Host}, adding
     * {@code Connection: close}; with {@code instanceOrigin}, a {@code Location} on it is rewritten
     * to the public origin.
     */
    private void fields(List<String> head, StringBuilder to, String instanceOrigin) {
        for (String field : head.subList(1, head.size())) {
            String name =
                    field.substring(0, Math.max(field.indexOf(':'), 0))
                            .trim()
                            .toLowerCase(Locale.ROOT);
            if (List.of("host", "connection", "proxy-connection", "keep-alive").contains(name)) {
                continue;
            }
            if (instanceOrigin != null && name.equals("location")) {
                String value = field.substring(field.indexOf(':') + 1).trim();
                if (value.equals(instanceOrigin) || value.startsWith(instanceOrigin + "/")) {
                    field = "Location: " + publicOrigin + value.substring(instanceOrigin.length());
                }
            }
            to.append(field).append("\r\n");
        }
        to.append("Connection: close\r\n");
    }

    private static String header(List<String> head, String name) {
        for (String field : head.subList(1, head.size())) {
            int colon = field.indexOf(':');
            if (colon > 0 && field.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return field.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The start line and header fields up to the empty line; null if the peer closed first. */
    private static List<String> readHead(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (bytes.size() >= MAX_HEAD) {
                throw new IOException("header too large");
            }
            bytes.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        List<String> lines =
                new ArrayList<>(List.of(text.substring(0, text.length() - 4).split("\r\n")));
        return lines.isEmpty() || lines.get(0).isEmpty() ? null : lines;
    }
}
