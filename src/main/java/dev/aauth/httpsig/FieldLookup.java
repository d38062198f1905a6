package dev.aauth.httpsig;

import java.util.List;

/**
 * Read access to the header fields of one HTTP message: the field lines of one name, in message
 * order.
 *
 * <p>An adapter does not have to copy anything: over a servlet request it can be {@code name ->
 * Collections.list(request.getHeaders(name))}, over a JAX-RS request {@code
 * requestContext.getHeaders()::get} (both look names up case-insensitively).
 */
@FunctionalInterface
public interface FieldLookup {

    /**
     * The field lines of a field.
     *
     * @param name the field name in lowercase (RFC 9421 Section 2.1: "implementations MUST use
     *     lowercased field names ... when using them as component names"); implementations must
     *     match it case-insensitively
     * @return the field lines in the order they occur in the message, or null or an empty list when
     *     the message has no such field
     */
    List<String> lines(String name);
}
