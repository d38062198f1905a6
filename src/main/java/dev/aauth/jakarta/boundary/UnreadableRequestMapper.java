package dev.aauth.jakarta.boundary;

import dev.aauth.error.AAuthError;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A request whose body cannot be read (a malformed chunked encoding, a body shorter than its {@code
 * Content-Length}, a connection cut mid-body) is the client's fault: {@code 400 invalid_request} in
 * the endpoint error format, not the {@code 500} the JAX-RS runtime answers by default. Seen on
 * Open Liberty: {@code Transfer-Encoding: chunked} with a chunk size {@code zz} made every endpoint
 * that takes its body as {@code byte[]} answer {@code 500} ({@code IllegalHttpBodyException}, an
 * {@link IOException}, from the container's input stream). No resource method of this application
 * throws an {@code IOException} of its own, so the only ones that reach this mapper come from
 * reading the request.
 */
@Provider
public class UnreadableRequestMapper implements ExceptionMapper<IOException> {

    private static final Logger LOG = Logger.getLogger(UnreadableRequestMapper.class.getName());

    @Override
    public Response toResponse(IOException e) {
        LOG.log(Level.FINE, "request body unreadable", e);
        return AAuthExceptionMapper.endpointError(
                AAuthError.INVALID_REQUEST.status(),
                AAuthError.INVALID_REQUEST.code(),
                "the request could not be read");
    }
}
