package dev.aauth.httpsig;

import java.util.Objects;

/**
 * A response as the signature code sees it: status, header fields, and (optionally) the request it
 * answers, which components with the {@code req} parameter read from (RFC 9421 Section 2.4).
 */
public final class HttpResponseMessage implements HttpMessage {

    private final int status;
    private final FieldLookup fields;
    private final HttpRequestMessage relatedRequest;

    private HttpResponseMessage(int status, FieldLookup fields, HttpRequestMessage relatedRequest) {
        // RFC 9421 Section 2.2.9: "the three-digit numeric HTTP status code"
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status must have three digits: " + status);
        }
        this.status = status;
        this.fields = Objects.requireNonNull(fields, "fields");
        this.relatedRequest = relatedRequest;
    }

    public static HttpResponseMessage of(int status, FieldLookup fields) {
        return new HttpResponseMessage(status, fields, null);
    }

    /** A response with the request that triggered it, for components marked {@code req}. */
    public static HttpResponseMessage of(
            int status, FieldLookup fields, HttpRequestMessage relatedRequest) {
        return new HttpResponseMessage(status, fields, relatedRequest);
    }

    public HttpResponseMessage withFields(FieldLookup newFields) {
        return new HttpResponseMessage(status, newFields, relatedRequest);
    }

    public int status() {
        return status;
    }

    @Override
    public FieldLookup fields() {
        return fields;
    }

    /** The request this response answers, or null when unknown. */
    public HttpRequestMessage relatedRequest() {
        return relatedRequest;
    }

    @Override
    public String toString() {
        return "HTTP " + status;
    }
}
