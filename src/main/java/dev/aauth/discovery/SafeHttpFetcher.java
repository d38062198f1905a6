package dev.aauth.discovery;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.SocketFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * SSRF-safe outbound HTTP GET for metadata documents and JWKS (and {@link #post} for signed
 * server-to-server calls).
 *
 * <p>What it does, in order:
 *
 * <ol>
 *   <li>Accepts only {@code https} URLs ({@code http} only in {@link SecurityMode#DEVELOPMENT}),
 *       with a host, without userinfo or fragment, and without an explicit port other than 443 in
 *       STRICT (DEVELOPMENT allows any port).
 *   <li>Resolves the host itself through the injected {@link HostResolver} and refuses the request
 *       if ANY resolved address is not public ({@link AddressPolicy}); DEVELOPMENT allows loopback.
 *   <li>Connects a plain socket to a vetted {@link InetAddress} (never to the name), so DNS
 *       rebinding between check and connect is impossible, then layers TLS over it with {@link
 *       SSLSocketFactory#createSocket(Socket, String, int, boolean)}, SNI and {@code
 *       endpointIdentificationAlgorithm=HTTPS} (the certificate must match the URL's host).
 *   <li>Writes a minimal HTTP/1.1 GET ({@code Host}, {@code Accept: application/json}, {@code
 *       Accept-Encoding: identity}, {@code Connection: close}) and parses the response with hard
 *       limits on head and body size.
 *   <li>Follows NO redirects: a 3xx response is a failure. Following redirects would need the whole
 *       vetting again for every hop and no AAuth document needs one.
 * </ol>
 *
 * Time is bounded three ways: connect timeout, read timeout (per read) and a total deadline
 * measured on the injected {@link Clock}. Every failure is an {@link AAuthException} with the
 * caller's code; no {@link IOException} escapes.
 */
public final class SafeHttpFetcher implements HttpFetcher {

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final int MAX_URL_LENGTH = 2048;
    private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SecurityMode mode;
    private final HostResolver resolver;
    private final SocketFactory socketFactory;
    private final SSLSocketFactory sslSocketFactory;
    private final Clock clock;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final long totalTimeoutMillis;
    private final int maxBodyBytes;
    private final int maxHeaderBytes;
    private final String userAgent;

    private SafeHttpFetcher(Builder b) {
        this.mode = b.mode;
        this.resolver = b.resolver;
        this.socketFactory = b.socketFactory;
        this.sslSocketFactory = b.sslSocketFactory;
        this.clock = b.clock;
        this.connectTimeoutMillis = millis(b.connectTimeout);
        this.readTimeoutMillis = millis(b.readTimeout);
        this.totalTimeoutMillis = b.totalTimeout.toMillis();
        this.maxBodyBytes = b.maxBodyBytes;
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.userAgent = b.userAgent;
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }

    /** A fetcher with all defaults for {@code mode}. */
    public static SafeHttpFetcher create(SecurityMode mode) {
        return builder(mode).build();
    }

    public static Builder builder(SecurityMode mode) {
        return new Builder(mode);
    }

    public SecurityMode mode() {
        return mode;
    }

    @Override
    public FetchResult get(String url, AAuthError codeOnFailure) {
        return send("GET", url, Map.of(), null, codeOnFailure);
    }

    /**
     * POSTs {@code body} to {@code url} with the same vetting, pinning, limits and timeouts as
     * {@link #get}: for the signed server-to-server calls of the protocol (e.g. a Person Server
     * calling a resource's {@code revocation_endpoint}).
     *
     * @param headers header fields to send besides {@code Host}, {@code Content-Length} and the
     *     fetcher's own (e.g. {@code Content-Type}, {@code Signature}); names and values must be
     *     visible ASCII (values may contain spaces)
     */
    public FetchResult post(
            String url, Map<String, String> headers, byte[] body, AAuthError codeOnFailure) {
        Objects.requireNonNull(body, "body");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!h.getKey().matches("[A-Za-z0-9-]+") || !h.getValue().matches("[\\x20-\\x7e]*")) {
                throw new IllegalArgumentException(
                        "header field " + h.getKey() + " is not visible ASCII");
            }
        }
        return send("POST", url, headers, body, codeOnFailure);
    }

    private FetchResult send(
            String method,
            String url,
            Map<String, String> headers,
            byte[] body,
            AAuthError codeOnFailure) {
        Objects.requireNonNull(codeOnFailure, "codeOnFailure");
        Target target = target(url, codeOnFailure);
        long deadline = clock.millis() + totalTimeoutMillis;
        List<InetAddress> addresses = vet(target, codeOnFailure);
        try (Socket socket = connect(addresses, target, deadline)) {
            Socket channel = target.https ? startTls(socket, target, deadline) : socket;
            OutputStream out = channel.getOutputStream();
            out.write(request(method, target, headers, body).getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in =
                    new BufferedInputStream(
                            new DeadlineInputStream(channel.getInputStream(), channel, deadline),
                            8192);
            Http11ResponseReader reader =
                    new Http11ResponseReader(in, maxHeaderBytes, maxBodyBytes);
            Http11ResponseReader.Head head = reader.readHead();
            if (head.status() >= 300 && head.status() < 400) {
                throw new AAuthException(
                        codeOnFailure,
                        "fetch of "
                                + target.host
                                + " answered "
                                + head.status()
                                + ": redirects are not followed");
            }
            byte[] responseBody = reader.readBody(head);
            return new FetchResult(head.status(), head.headers(), responseBody);
        } catch (AAuthException e) {
            throw e;
        } catch (SocketTimeoutException e) {
            // the timeout is the cause: the issuer was too slow, not wrong (JwksCache.isTransient);
            // a refused connection or a TLS failure stays the issuer's answer
            throw new AAuthException(codeOnFailure, "fetch of " + target.host + " timed out", e);
        } catch (Http11ResponseReader.ProtocolException e) {
            throw new AAuthException(
                    codeOnFailure, "fetch of " + target.host + " refused: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new AAuthException(
                    codeOnFailure,
                    "fetch of " + target.host + " failed: " + e.getClass().getSimpleName());
        }
    }

    // ---------------------------------------------------------------- URL

    /** The parts of a URL the fetcher uses. */
    private record Target(
            boolean https,
            String host,
            boolean literal,
            int port,
            String requestTarget,
            String hostHeader) {}

    private Target target(String url, AAuthError code) {
        if (url == null || url.isEmpty() || url.length() > MAX_URL_LENGTH) {
            throw new AAuthException(code, "fetch refused: missing or overlong URL");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new AAuthException(
                        code,
                        "fetch refused: URL contains a space, control or non-ASCII character");
            }
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new AAuthException(code, "fetch refused: not a valid URI");
        }
        String scheme = uri.getScheme();
        boolean https = "https".equals(scheme);
        if (!https && !("http".equals(scheme) && mode.allowsLocalDevelopment())) {
            throw new AAuthException(code, "fetch refused: only https URLs are fetched");
        }
        if (uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new AAuthException(code, "fetch refused: URL needs a host and no userinfo");
        }
        if (uri.getRawFragment() != null) {
            throw new AAuthException(code, "fetch refused: URL has a fragment");
        }
        int defaultPort = https ? 443 : 80;
        int port = uri.getPort();
        if (port != -1 && port != defaultPort && !mode.allowsLocalDevelopment()) {
            throw new AAuthException(
                    code, "fetch refused: explicit ports are allowed only in DEVELOPMENT mode");
        }
        if (port == 0) {
            throw new AAuthException(code, "fetch refused: invalid port");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        boolean literal = host.startsWith("[") || IPV4_LITERAL.matcher(host).matches();
        String path =
                uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String requestTarget = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        String hostHeader = port == -1 || port == defaultPort ? host : host + ":" + port;
        return new Target(
                https, host, literal, port == -1 ? defaultPort : port, requestTarget, hostHeader);
    }

    // ---------------------------------------------------------------- addresses

    /** Resolves the host and refuses if ANY address is not allowed. */
    private List<InetAddress> vet(Target target, AAuthError code) {
        List<InetAddress> addresses;
        try {
            if (target.literal) {
                String literal =
                        target.host.startsWith("[")
                                ? target.host.substring(1, target.host.length() - 1)
                                : target.host;
                addresses = List.of(InetAddress.getByName(literal)); // a literal: no lookup happens
            } else {
                addresses = resolver.resolve(target.host);
            }
        } catch (IOException | RuntimeException e) {
            throw new AAuthException(code, "fetch refused: cannot resolve " + target.host);
        }
        if (addresses == null || addresses.isEmpty()) {
            throw new AAuthException(code, "fetch refused: no address for " + target.host);
        }
        for (InetAddress address : addresses) {
            String refusal = AddressPolicy.refusal(address, mode);
            if (refusal != null) {
                throw new AAuthException(
                        code,
                        "fetch refused: "
                                + target.host
                                + " resolves to a "
                                + refusal
                                + " address "
                                + AddressPolicy.describe(address));
            }
        }
        return List.copyOf(addresses);
    }

    // ---------------------------------------------------------------- connection

    private int remaining(long deadline) throws SocketTimeoutException {
        long left = deadline - clock.millis();
        if (left <= 0) {
            throw new SocketTimeoutException("total deadline exceeded");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /**
     * Connects to the first vetted address that accepts, by address: the name is never resolved
     * again.
     */
    private Socket connect(List<InetAddress> addresses, Target target, long deadline)
            throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = socketFactory.createSocket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(
                        new InetSocketAddress(address, target.port),
                        Math.min(connectTimeoutMillis, remaining(deadline)));
                socket.setSoTimeout(Math.min(readTimeoutMillis, remaining(deadline)));
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
                if (e instanceof SocketTimeoutException && clock.millis() >= deadline) {
                    break;
                }
            }
        }
        throw last != null ? last : new IOException("no address");
    }

    private Socket startTls(Socket plain, Target target, long deadline) throws IOException {
        SSLSocket ssl =
                (SSLSocket) sslSocketFactory.createSocket(plain, target.host, target.port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!target.literal) {
            params.setServerNames(List.of(new SNIHostName(target.host)));
        }
        List<String> supported = Arrays.asList(ssl.getSupportedProtocols());
        List<String> protocols = new ArrayList<>();
        for (String p : TLS_PROTOCOLS) {
            if (supported.contains(p)) {
                protocols.add(p);
            }
        }
        params.setProtocols(protocols.toArray(new String[0]));
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(Math.min(readTimeoutMillis, remaining(deadline)));
        ssl.startHandshake();
        return ssl;
    }

    private String request(String method, Target target, Map<String, String> headers, byte[] body) {
        StringBuilder r =
                new StringBuilder(256)
                        .append(method)
                        .append(' ')
                        .append(target.requestTarget)
                        .append(" HTTP/1.1\r\n")
                        .append("Host: ")
                        .append(target.hostHeader)
                        .append("\r\n")
                        .append("Accept: application/json\r\n")
                        .append("Accept-Encoding: identity\r\n")
                        .append("User-Agent: ")
                        .append(userAgent)
                        .append("\r\n")
                        .append("Connection: close\r\n");
        headers.forEach((name, value) -> r.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            r.append("Content-Length: ").append(body.length).append("\r\n");
        }
        return r.append("\r\n").toString();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Before every read, shortens the socket timeout to what is left of the total deadline. */
    private final class DeadlineInputStream extends InputStream {
        private final InputStream in;
        private final Socket socket;
        private final long deadline;

        DeadlineInputStream(InputStream in, Socket socket, long deadline) {
            this.in = in;
            this.socket = socket;
            this.deadline = deadline;
        }

        private void arm() throws IOException {
            socket.setSoTimeout(Math.min(readTimeoutMillis, remaining(deadline)));
        }

        @Override
        public int read() throws IOException {
            arm();
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            arm();
            return in.read(b, off, len);
        }
    }

    // ---------------------------------------------------------------- builder

    /** Configuration; every value has a safe default. */
    public static final class Builder {
        private final SecurityMode mode;
        private HostResolver resolver = HostResolver.system();
        private SocketFactory socketFactory = SocketFactory.getDefault();
        private SSLSocketFactory sslSocketFactory;
        private Clock clock = Clock.systemUTC();
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(5);
        private Duration totalTimeout = Duration.ofSeconds(5);
        private int maxBodyBytes = 256 * 1024;
        private int maxHeaderBytes = 16 * 1024;
        private String userAgent = "aauth-jakarta";

        private Builder(SecurityMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
        }

        public Builder resolver(HostResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver);
            return this;
        }

        /** Creates the plain TCP sockets; must support {@link SocketFactory#createSocket()}. */
        public Builder socketFactory(SocketFactory socketFactory) {
            this.socketFactory = Objects.requireNonNull(socketFactory);
            return this;
        }

        /** Layers TLS over the plain socket; default is the JDK's default SSL context. */
        public Builder sslSocketFactory(SSLSocketFactory sslSocketFactory) {
            this.sslSocketFactory = Objects.requireNonNull(sslSocketFactory);
            return this;
        }

        /** The clock the total deadline is measured on. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** Default 5 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout);
            return this;
        }

        /** Longest wait for any single read; default 5 s. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive(timeout);
            return this;
        }

        /** Deadline for the whole exchange from connect to last byte; default 5 s. */
        public Builder totalTimeout(Duration timeout) {
            this.totalTimeout = positive(timeout);
            return this;
        }

        /** Default 256 KiB. */
        public Builder maxBodyBytes(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxBodyBytes");
            }
            this.maxBodyBytes = max;
            return this;
        }

        /** Limit for status line plus header fields; default 16 KiB. */
        public Builder maxHeaderBytes(int max) {
            if (max < 64) {
                throw new IllegalArgumentException("maxHeaderBytes");
            }
            this.maxHeaderBytes = max;
            return this;
        }

        public Builder userAgent(String userAgent) {
            if (userAgent == null || !userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("userAgent");
            }
            this.userAgent = userAgent;
            return this;
        }

        private static Duration positive(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            return d;
        }

        public SafeHttpFetcher build() {
            if (sslSocketFactory == null) {
                sslSocketFactory = (SSLSocketFactory) SSLSocketFactory.getDefault();
            }
            return new SafeHttpFetcher(this);
        }
    }
}
