package dev.aauth.jakarta.resource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client would send as written: the request
 * target goes on the wire byte for byte (no normalization, no validation), header fields too, NUL
 * bytes and all. One request per connection ({@code Connection: close}); the answer is read to the
 * end of the stream.
 */
final class RawHttp {

    private RawHttp() {}

    /** An answer: status, header fields (lowercase names), body (de-chunked). */
    record Answer(int status, Map<String, List<String>> fields, byte[] body) {
        String field(String name) {
            List<String> v = fields.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            String t = text();
            return status + " " + (t.length() > 160 ? t.substring(0, 160) + "..." : t);
        }
    }

    /** The bytes of a request: request line, Host, Connection: close, the fields, the body. */
    static byte[] request(
            String method, String rawTarget, String host, byte[] fields, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(
                (method + " " + rawTarget + " HTTP/1.1\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(
                ("Host: " + host + "\r\nConnection: close\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(fields);
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Header fields as bytes, each {@code name: value\r\n}, in ISO-8859-1 (any byte passes). */
    static byte[] fields(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((n, v) -> b.append(n).append(": ").append(v).append("\r\n"));
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends {@code method rawTarget} to the origin of {@code baseUrl}. */
    static Answer send(
            String baseUrl, String method, String rawTarget, Map<String, String> fields) {
        return send(baseUrl, method, rawTarget, fields(fields), new byte[0]);
    }

    static Answer send(
            String baseUrl, String method, String rawTarget, byte[] fields, byte[] body) {
        URI origin = URI.create(baseUrl);
        String host = origin.getHost() + ":" + origin.getPort();
        byte[] request = request(method, rawTarget, host, fields, body);
        try (Socket s = new Socket(origin.getHost(), origin.getPort())) {
            s.setSoTimeout(60_000);
            // written by a thread of its own: a server may answer an oversized request and close
            // the connection before it is all written (the write then fails, the answer stands)
            OutputStream out = s.getOutputStream();
            Thread writer =
                    new Thread(
                            () -> {
                                try {
                                    out.write(request);
                                    out.flush();
                                } catch (IOException e) {
                                    // the answer came first
                                }
                            },
                            "RawHttp writer");
            writer.start();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (java.net.SocketException e) {
                if (received.size() == 0) {
                    throw e; // reset before any answer
                }
            }
            writer.join(60_000);
            return parse(received.toByteArray(), method.equals("HEAD"));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + rawTarget, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Answer parse(byte[] raw, boolean head) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            throw new IOException("no complete response head in " + raw.length + " bytes");
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            fields.computeIfAbsent(
                            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        List<String> te = fields.get("transfer-encoding");
        if (!head && te != null && te.toString().toLowerCase(Locale.ROOT).contains("chunked")) {
            body = dechunk(body);
        }
        return new Answer(status, fields, body);
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    return out.toByteArray();
                }
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int semicolon = size.indexOf(";");
            int n =
                    Integer.parseInt(
                            semicolon < 0 ? size.toString() : size.substring(0, semicolon), 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            in.read();
            in.read(); // CRLF
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
