package dev.aauth.discovery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Test-only HTTP server on 127.0.0.1 that answers every connection with canned bytes, so the tests
 * control framing exactly. It records each request head. Optionally it writes {@code first}, then
 * waits for {@link #release} before writing {@code rest}.
 */
final class RawHttpServer implements AutoCloseable {

    final ServerSocket socket;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);
    private final Thread thread;

    RawHttpServer(String first) throws IOException {
        this(first, null);
    }

    RawHttpServer(String first, String rest) throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread =
                new Thread(
                        () ->
                                serve(
                                        first.getBytes(StandardCharsets.ISO_8859_1),
                                        rest == null
                                                ? null
                                                : rest.getBytes(StandardCharsets.ISO_8859_1)),
                        "raw-http");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private void serve(byte[] first, byte[] rest) {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                requests.add(readHead(s.getInputStream()));
                OutputStream out = s.getOutputStream();
                out.write(first);
                out.flush();
                if (rest != null) {
                    release.await();
                    out.write(rest);
                    out.flush();
                }
            } catch (IOException e) {
                // closed by the test or by the client: keep serving until the socket closes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int c;
        while (matched < 4 && (c = in.read()) >= 0) {
            head.write(c);
            matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        release.countDown();
        socket.close();
    }
}
