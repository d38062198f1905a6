package dev.aauth.jakarta.boundary;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.FieldLookup;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * Shows a JAX-RS request to the core as an {@link HttpRequestMessage}, without copying headers: the
 * {@link FieldLookup} reads the container's (case-insensitive) header map on demand.
 *
 * <p>{@code @authority} and the scheme come from this origin's configured identifier, never from
 * the {@code Host} header: RFC 9421 Section 2.2.3 defines {@code @authority} as "the authority
 * component of the target URI of the HTTP request message", and this origin is reachable under one
 * identifier. A request signed for another host therefore fails with {@code invalid_signature} and
 * cannot be replayed here, whatever {@code Host} it carries. The path and query are the raw (still
 * percent-encoded) ones received, as RFC 9421 Section 2.2.6 requires.
 */
public final class JaxRsRequests {

    /** Largest request body read to check a {@code Content-Digest}. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private final String scheme;
    private final String authority;

    /** For the origin {@code issuer} (a server identifier). */
    public JaxRsRequests(String issuer, SecurityMode mode) {
        ServerIdentifier id = ServerIdentifier.parse(issuer, mode);
        this.scheme = id.scheme();
        this.authority = id.authority();
    }

    /**
     * The request as the signature code sees it.
     *
     * @param method the request method
     * @param requestUri the absolute request URI from {@code UriInfo.getRequestUri()} (path and
     *     query are used)
     * @param headers the container's request headers
     */
    public HttpRequestMessage message(
            String method, URI requestUri, MultivaluedMap<String, String> headers) {
        FieldLookup fields = headers::get;
        return HttpRequestMessage.of(
                method,
                scheme,
                authority,
                requestUri.getRawPath(),
                requestUri.getRawQuery(),
                fields);
    }

    /**
     * Reads a request body of at most {@link #MAX_BODY_BYTES}; a larger one is {@code
     * invalid_request} (it is never buffered whole).
     */
    public static byte[] readBody(InputStream in) {
        try {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new AAuthException(
                        AAuthError.SIGNATURE_INVALID_REQUEST,
                        "request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new AAuthException(
                    AAuthError.SIGNATURE_INVALID_REQUEST, "request body could not be read");
        }
    }
}
