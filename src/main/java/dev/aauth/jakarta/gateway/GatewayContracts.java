package dev.aauth.jakarta.gateway;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.FieldLookup;
import java.util.List;
import java.util.Locale;

/**
 * Maps each gateway contract to one {@link GatewayRequest}. Plain Java: the header fields arrive as
 * a case-insensitive {@link FieldLookup} of the check request.
 *
 * <ul>
 *   <li><b>nginx {@code auth_request}</b>: the subrequest carries the original request's headers;
 *       the gateway adds {@value #X_ORIGINAL_METHOD} and {@value #X_ORIGINAL_URI} (the raw {@code
 *       $request_uri}), the host in {@value #X_FORWARDED_HOST} (else {@code Host}), the scheme in
 *       {@value #X_FORWARDED_PROTO}, and the original {@code $content_length} in {@value
 *       #X_ORIGINAL_CONTENT_LENGTH} and {@code Transfer-Encoding} in {@value
 *       #X_ORIGINAL_TRANSFER_ENCODING}: the body itself is never sent, and these are what the
 *       signature check sees as {@code Content-Length} and {@code Transfer-Encoding}.
 *   <li><b>forward-auth</b> (Traefik, Caddy): {@value #X_FORWARDED_METHOD}, {@value
 *       #X_FORWARDED_PROTO}, {@value #X_FORWARDED_HOST}, {@value #X_FORWARDED_URI}; no body.
 *   <li><b>Envoy {@code ext_authz}</b> (HTTP service): the check request is the original one, its
 *       path prefixed with the configured {@code path_prefix}; {@code Host} is the original
 *       authority; the body is there when {@code with_request_body} is set (a partial body, marked
 *       {@value #ENVOY_PARTIAL_BODY}, counts as none).
 * </ul>
 *
 * A contract header that is missing or malformed is {@code 400 invalid_request}: the gateway is
 * misconfigured, and nothing is allowed.
 */
public final class GatewayContracts {

    public static final String X_ORIGINAL_METHOD = "X-Original-Method";
    public static final String X_ORIGINAL_URI = "X-Original-URI";
    public static final String X_ORIGINAL_CONTENT_LENGTH = "X-Original-Content-Length";
    public static final String X_ORIGINAL_TRANSFER_ENCODING = "X-Original-Transfer-Encoding";
    public static final String X_FORWARDED_METHOD = "X-Forwarded-Method";
    public static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    public static final String X_FORWARDED_HOST = "X-Forwarded-Host";
    public static final String X_FORWARDED_URI = "X-Forwarded-Uri";
    public static final String ENVOY_PARTIAL_BODY = "x-envoy-auth-partial-body";

    private GatewayContracts() {}

    /** nginx {@code auth_request}. */
    public static GatewayRequest nginx(FieldLookup headers) {
        String method = method(required(headers, X_ORIGINAL_METHOD));
        String target = required(headers, X_ORIGINAL_URI);
        String host = first(headers, X_FORWARDED_HOST);
        if (host == null) {
            host = required(headers, "Host");
        }
        String length = first(headers, X_ORIGINAL_CONTENT_LENGTH);
        if (length != null && !length.matches("[0-9]{1,18}")) {
            throw malformed(X_ORIGINAL_CONTENT_LENGTH);
        }
        FieldLookup original =
                withContentLength(headers, length, first(headers, X_ORIGINAL_TRANSFER_ENCODING));
        return request(
                GatewayRequest.Contract.NGINX,
                method,
                scheme(headers),
                host,
                target,
                original,
                null);
    }

    /** Traefik / Caddy forward-auth. */
    public static GatewayRequest forwardAuth(FieldLookup headers) {
        String method = method(required(headers, X_FORWARDED_METHOD));
        String host = required(headers, X_FORWARDED_HOST);
        String target = required(headers, X_FORWARDED_URI);
        return request(
                GatewayRequest.Contract.FORWARD_AUTH,
                method,
                scheme(headers),
                host,
                target,
                withContentLength(headers, null, null),
                null);
    }

    /**
     * Envoy {@code ext_authz}.
     *
     * @param method the check request's method (the original one)
     * @param rawTarget the original path and query: the check request's raw target with the {@code
     *     path_prefix} removed
     * @param body the check request's body (may be empty), or null
     */
    public static GatewayRequest envoy(
            String method, String rawTarget, FieldLookup headers, byte[] body) {
        String host = required(headers, "Host");
        boolean partial = "true".equalsIgnoreCase(first(headers, ENVOY_PARTIAL_BODY));
        return request(
                GatewayRequest.Contract.ENVOY,
                method(method),
                scheme(headers),
                host,
                rawTarget.isEmpty() ? "/" : rawTarget,
                headers,
                partial ? null : body);
    }

    private static GatewayRequest request(
            GatewayRequest.Contract contract,
            String method,
            String scheme,
            String host,
            String target,
            FieldLookup fields,
            byte[] body) {
        if (!target.startsWith("/")) {
            throw malformed("original URI (origin-form, starting with /)");
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        int hash = path.indexOf('#');
        if (hash >= 0) {
            throw malformed("original URI (a fragment)");
        }
        return new GatewayRequest(
                contract, method, scheme, host.strip(), path, query, fields, body);
    }

    /**
     * The original headers, but {@code Content-Length} is the original length the gateway reported
     * ({@code length}; none when null) and {@code Transfer-Encoding} the original's ({@code
     * transferEncoding}, none when null): the check request itself has no body, and the signature
     * check must see whether the original had one (a chunked body has no length).
     */
    static FieldLookup withContentLength(
            FieldLookup headers, String length, String transferEncoding) {
        return name -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.equals("content-length")) {
                return length == null || length.equals("0") ? null : List.of(length);
            }
            if (n.equals("transfer-encoding")) {
                return transferEncoding == null || transferEncoding.isBlank()
                        ? null
                        : List.of(transferEncoding);
            }
            return headers.lines(name);
        };
    }

    private static String scheme(FieldLookup headers) {
        String proto = first(headers, X_FORWARDED_PROTO);
        if (proto == null) {
            return null;
        }
        String p = proto.strip().toLowerCase(Locale.ROOT);
        if (!p.equals("http") && !p.equals("https")) {
            throw malformed(X_FORWARDED_PROTO);
        }
        return p;
    }

    private static String method(String m) {
        if (!m.matches("[A-Z]{1,20}")) {
            throw malformed("method");
        }
        return m;
    }

    private static String required(FieldLookup headers, String name) {
        String v = first(headers, name);
        if (v == null || v.isBlank()) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST, "gateway check request without " + name);
        }
        return v.strip();
    }

    /** The field's only value; several lines are refused (which one would the gateway mean?). */
    static String first(FieldLookup headers, String name) {
        List<String> lines = headers.lines(name.toLowerCase(Locale.ROOT));
        if (lines == null || lines.isEmpty()) {
            return null;
        }
        if (lines.size() > 1) {
            throw malformed(name + " (more than one)");
        }
        return lines.get(0);
    }

    private static AAuthException malformed(String what) {
        return new AAuthException(
                AAuthError.INVALID_REQUEST, "gateway check request with a malformed " + what);
    }
}
