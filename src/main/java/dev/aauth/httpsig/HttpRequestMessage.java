package dev.aauth.httpsig;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * A request as the signature code sees it: method, target URI (scheme, authority, path, query) as
 * given, and a {@link FieldLookup} over its header fields. No servlet or JAX-RS types; an adapter
 * builds one per request without copying headers.
 *
 * <p>The path and query are kept raw (percent-encoded, as on the wire): RFC 9421 Section 2.2.6 says
 * "Path components are represented by their values before decoding any percent-encoded octets" and
 * Section 2.2.7 "percent-encoded octets are not decoded". A malformed method, scheme or authority
 * is a programming error of the adapter and throws {@link IllegalArgumentException}.
 */
public final class HttpRequestMessage implements HttpMessage {

    private final String method;
    private final String scheme;
    private final String authority;
    private final String path;
    private final String query;
    private final FieldLookup fields;
    private final String normalizedAuthority;

    private HttpRequestMessage(
            String method,
            String scheme,
            String authority,
            String path,
            String query,
            FieldLookup fields) {
        this.method = checkMethod(method);
        this.scheme = checkScheme(scheme);
        this.authority = Objects.requireNonNull(authority, "authority");
        this.path = path == null ? "" : path;
        if (!this.path.isEmpty() && this.path.charAt(0) != '/') {
            throw new IllegalArgumentException("path must be empty or start with '/': " + path);
        }
        this.query = query;
        this.fields = Objects.requireNonNull(fields, "fields");
        this.normalizedAuthority = normalizeAuthority(this.scheme, authority);
    }

    /**
     * A request from its parts.
     *
     * @param authority host and optional port, e.g. {@code example.com:8443}
     * @param path the raw absolute path, may be empty
     * @param query the raw query without {@code ?}, or null when the target URI has none
     */
    public static HttpRequestMessage of(
            String method,
            String scheme,
            String authority,
            String path,
            String query,
            FieldLookup fields) {
        return new HttpRequestMessage(method, scheme, authority, path, query, fields);
    }

    /**
     * A request from an absolute target URI such as {@code https://example.com/foo?a=b} (a fragment
     * is dropped).
     */
    public static HttpRequestMessage of(String method, String targetUri, FieldLookup fields) {
        Objects.requireNonNull(targetUri, "targetUri");
        int sep = targetUri.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("target URI must be absolute: " + targetUri);
        }
        String scheme = targetUri.substring(0, sep);
        int end = targetUri.indexOf('#');
        if (end < 0) {
            end = targetUri.length();
        }
        int authStart = sep + 3;
        int authEnd = authStart;
        while (authEnd < end && "/?".indexOf(targetUri.charAt(authEnd)) < 0) {
            authEnd++;
        }
        int q = targetUri.indexOf('?', authEnd);
        if (q > end) {
            q = -1;
        }
        String path = targetUri.substring(authEnd, q < 0 ? end : q);
        String query = q < 0 ? null : targetUri.substring(q + 1, end);
        return new HttpRequestMessage(
                method, scheme, targetUri.substring(authStart, authEnd), path, query, fields);
    }

    /**
     * A request from a {@link URI} (for example JAX-RS {@code UriInfo.getRequestUri()}), using its
     * raw parts.
     */
    public static HttpRequestMessage of(String method, URI targetUri, FieldLookup fields) {
        if (!targetUri.isAbsolute() || targetUri.getRawAuthority() == null) {
            throw new IllegalArgumentException("target URI must be absolute: " + targetUri);
        }
        return new HttpRequestMessage(
                method,
                targetUri.getScheme(),
                targetUri.getRawAuthority(),
                targetUri.getRawPath(),
                targetUri.getRawQuery(),
                fields);
    }

    /**
     * The same request with other header fields (for instance after adding the signature fields).
     */
    public HttpRequestMessage withFields(FieldLookup newFields) {
        return new HttpRequestMessage(method, scheme, authority, path, query, newFields);
    }

    public String method() {
        return method;
    }

    /** The scheme as given. */
    public String scheme() {
        return scheme;
    }

    /** The authority as given. */
    public String authority() {
        return authority;
    }

    /** The raw path as given (may be empty). */
    public String path() {
        return path;
    }

    /** The raw query without the leading {@code ?}, or null when the target URI has no query. */
    public String query() {
        return query;
    }

    @Override
    public FieldLookup fields() {
        return fields;
    }

    /**
     * The {@code @authority} value. RFC 9421 Section 2.2.3: "The component value MUST be normalized
     * according to the rules provided in Section 4.2.3 of [HTTP]. Namely, the hostname is
     * normalized to lowercase, and the default port is omitted." Userinfo, which HTTP forbids in a
     * target authority, is dropped; an empty port is omitted.
     */
    public String normalizedAuthority() {
        return normalizedAuthority;
    }

    /**
     * The {@code @target-uri} value: lowercase scheme, normalized authority, the path ({@code /}
     * when empty, Section 4.2.3 of HTTP) and the query. RFC 9421 Section 2.2.2: "The component
     * value is the target URI of the request ..., as fully assembled from all available parts".
     */
    public String targetUri() {
        StringBuilder sb =
                new StringBuilder(
                        scheme.length() + normalizedAuthority.length() + path.length() + 16);
        appendTargetUri(sb);
        return sb.toString();
    }

    void appendTargetUri(StringBuilder sb) {
        appendLower(sb, scheme);
        sb.append("://").append(normalizedAuthority);
        appendRequestTarget(sb);
    }

    /** Origin form: path ({@code /} when empty) and {@code ?query} when the URI has a query. */
    void appendRequestTarget(StringBuilder sb) {
        appendPath(sb);
        if (query != null) {
            sb.append('?').append(query);
        }
    }

    void appendPath(StringBuilder sb) {
        if (path.isEmpty()) {
            sb.append('/');
        } else {
            sb.append(path);
        }
    }

    static void appendLower(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
    }

    @Override
    public String toString() {
        return method
                + " "
                + scheme
                + "://"
                + authority
                + path
                + (query == null ? "" : "?" + query);
    }

    // RFC 9110 Section 9.1: method = token
    private static String checkMethod(String method) {
        if (method == null || method.isEmpty()) {
            throw new IllegalArgumentException("empty method");
        }
        for (int i = 0; i < method.length(); i++) {
            if (!Syntax.isTchar(method.charAt(i))) {
                throw new IllegalArgumentException("invalid method: " + method);
            }
        }
        return method;
    }

    // RFC 3986 Section 3.1: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    private static String checkScheme(String scheme) {
        if (scheme == null || scheme.isEmpty()) {
            throw new IllegalArgumentException("empty scheme");
        }
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!(alpha
                    || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) {
                throw new IllegalArgumentException("invalid scheme: " + scheme);
            }
        }
        return scheme;
    }

    static String normalizeAuthority(String scheme, String authority) {
        String hostPort = authority;
        int at = hostPort.lastIndexOf('@');
        if (at >= 0) {
            hostPort = hostPort.substring(at + 1);
        }
        String host;
        String port;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("invalid authority: " + authority);
            }
            host = hostPort.substring(0, close + 1);
            String rest = hostPort.substring(close + 1);
            if (rest.isEmpty()) {
                port = "";
            } else if (rest.charAt(0) == ':') {
                port = rest.substring(1);
            } else {
                throw new IllegalArgumentException("invalid authority: " + authority);
            }
        } else {
            int colon = hostPort.lastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            port = colon < 0 ? "" : hostPort.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("authority without host: " + authority);
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= 0x20 || c >= 0x7F || "/?#@\"<>\\^`{|}".indexOf(c) >= 0) {
                throw new IllegalArgumentException("invalid host: " + authority);
            }
        }
        host = host.toLowerCase(Locale.ROOT);
        if (port.isEmpty()) {
            return host;
        }
        int portNumber = 0;
        for (int i = 0; i < port.length(); i++) {
            char c = port.charAt(i);
            if (c < '0' || c > '9' || i > 5) {
                throw new IllegalArgumentException("invalid port: " + authority);
            }
            portNumber = portNumber * 10 + (c - '0');
        }
        if (portNumber > 65535) {
            throw new IllegalArgumentException("invalid port: " + authority);
        }
        if (portNumber == defaultPort(scheme)) {
            return host;
        }
        return host + ":" + portNumber;
    }

    private static int defaultPort(String scheme) {
        if (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("wss")) {
            return 443;
        }
        if (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("ws")) {
            return 80;
        }
        return -1;
    }
}
