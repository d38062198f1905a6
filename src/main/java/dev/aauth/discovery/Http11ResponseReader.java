package dev.aauth.discovery;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately small HTTP/1.1 response parser (RFC 9112) with hard limits: the status line and
 * header section together may not exceed {@code maxHeaderBytes}, the body may not exceed {@code
 * maxBodyBytes}. Framing is Content-Length, chunked, or read-until-close. Anything ambiguous (both
 * Transfer-Encoding and Content-Length, differing Content-Lengths, obsolete line folding, a
 * transfer or content coding other than chunked/identity) is refused.
 */
final class Http11ResponseReader {

    /** Thrown for a response that violates the limits or HTTP/1.1 syntax. */
    static final class ProtocolException extends IOException {
        private static final long serialVersionUID = 1L;

        ProtocolException(String message) {
            super(message, null);
        }
    }

    /** Status line and header fields. */
    record Head(int status, Map<String, List<String>> headers) {}

    private static final int MAX_CHUNK_LINE = 1024;

    private final InputStream in;
    private final int maxHeaderBytes;
    private final int maxBodyBytes;
    private int headerBytesLeft;

    Http11ResponseReader(InputStream in, int maxHeaderBytes, int maxBodyBytes) {
        this.in = in;
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
        this.headerBytesLeft = maxHeaderBytes;
    }

    /** Reads the final (non-1xx) status line and its header fields. */
    Head readHead() throws IOException {
        while (true) {
            String statusLine = readHeaderLine();
            int status = parseStatus(statusLine);
            Map<String, List<String>> headers = readFields();
            if (status == 101) {
                throw new ProtocolException("unexpected 101 Switching Protocols");
            }
            if (status >= 200) {
                return new Head(status, headers);
            }
            // 1xx interim response: discard and read the next head, within the same header budget
        }
    }

    /** Reads the body that follows {@code head}. */
    byte[] readBody(Head head) throws IOException {
        int status = head.status();
        if (status == 204 || status == 304) {
            return new byte[0];
        }
        Map<String, List<String>> h = head.headers();
        for (String coding : values(h, "content-encoding")) {
            if (!coding.equalsIgnoreCase("identity")) {
                throw new ProtocolException("unsupported content coding");
            }
        }
        List<String> te = values(h, "transfer-encoding");
        List<String> cl = values(h, "content-length");
        if (!te.isEmpty()) {
            if (!cl.isEmpty()) {
                throw new ProtocolException("both Transfer-Encoding and Content-Length");
            }
            if (te.size() != 1 || !te.get(0).equalsIgnoreCase("chunked")) {
                throw new ProtocolException("unsupported transfer coding");
            }
            return readChunked();
        }
        if (!cl.isEmpty()) {
            return readFixed(contentLength(cl));
        }
        return readToEnd();
    }

    private static List<String> values(Map<String, List<String>> h, String name) {
        List<String> raw = h.getOrDefault(name, List.of());
        List<String> out = new ArrayList<>();
        for (String v : raw) {
            for (String part : v.split(",", -1)) {
                String t = part.trim();
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private long contentLength(List<String> values) throws ProtocolException {
        String first = values.get(0);
        for (String v : values) {
            if (!v.equals(first)) {
                throw new ProtocolException("conflicting Content-Length");
            }
        }
        if (first.isEmpty()
                || first.length() > 12
                || !first.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ProtocolException("invalid Content-Length");
        }
        long n = Long.parseLong(first);
        if (n > maxBodyBytes) {
            throw new ProtocolException("body larger than " + maxBodyBytes + " bytes");
        }
        return n;
    }

    private byte[] readFixed(long length) throws IOException {
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) {
            throw new EOFException("connection closed before the end of the body");
        }
        return body;
    }

    private byte[] readToEnd() throws IOException {
        byte[] body = in.readNBytes(maxBodyBytes + 1);
        if (body.length > maxBodyBytes) {
            throw new ProtocolException("body larger than " + maxBodyBytes + " bytes");
        }
        return body;
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String line = readLine(MAX_CHUNK_LINE, "chunk size line too long");
            int semi = line.indexOf(';');
            String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
            if (hex.isEmpty()
                    || hex.length() > 7
                    || !hex.chars().allMatch(Http11ResponseReader::isHex)) {
                throw new ProtocolException("invalid chunk size");
            }
            int size = Integer.parseInt(hex, 16);
            if (size == 0) {
                readFields(); // trailer section, discarded, within the header budget
                return out.toByteArray();
            }
            if ((long) out.size() + size > maxBodyBytes) {
                throw new ProtocolException("body larger than " + maxBodyBytes + " bytes");
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("connection closed inside a chunk");
            }
            out.write(chunk);
            if (!readLine(2, "missing CRLF after chunk data").isEmpty()) {
                throw new ProtocolException("missing CRLF after chunk data");
            }
        }
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int parseStatus(String line) throws ProtocolException {
        // status-line = HTTP-version SP status-code SP [ reason-phrase ]
        if (line.length() < 12 || !(line.startsWith("HTTP/1.1 ") || line.startsWith("HTTP/1.0 "))) {
            throw new ProtocolException("invalid status line");
        }
        String code = line.substring(9, 12);
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9')
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new ProtocolException("invalid status line");
        }
        int status = Integer.parseInt(code);
        if (status < 100 || status > 599) {
            throw new ProtocolException("invalid status code");
        }
        return status;
    }

    private Map<String, List<String>> readFields() throws IOException {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        while (true) {
            String line = readHeaderLine();
            if (line.isEmpty()) {
                Map<String, List<String>> frozen = new LinkedHashMap<>();
                fields.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
                return frozen;
            }
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') {
                throw new ProtocolException("obsolete line folding");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException("invalid header field");
            }
            String name = line.substring(0, colon);
            for (int i = 0; i < name.length(); i++) {
                if (!isTokenChar(name.charAt(i))) {
                    throw new ProtocolException("invalid header field name");
                }
            }
            String value = line.substring(colon + 1).strip();
            fields.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(value);
        }
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private String readHeaderLine() throws IOException {
        String line =
                readLine(headerBytesLeft, "response head larger than " + maxHeaderBytes + " bytes");
        headerBytesLeft -= line.length() + 2;
        return line;
    }

    /**
     * Reads one line terminated by CRLF (a bare LF is tolerated), without the terminator. At most
     * {@code limit} bytes including the terminator.
     */
    private String readLine(int limit, String tooLong) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int count = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed inside the response head");
            }
            if (++count > limit) {
                throw new ProtocolException(tooLong);
            }
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (c == 0) {
                throw new ProtocolException("NUL in response head");
            }
            sb.append((char) c);
        }
    }
}
