package dev.aauth.discovery;

import dev.aauth.error.AAuthError;

/**
 * An outbound HTTP GET for JSON. {@link SafeHttpFetcher} is the implementation; the interface lets
 * {@link JwksCache} be tested with a fake.
 */
@FunctionalInterface
public interface HttpFetcher {

    /**
     * GETs {@code url} with {@code Accept: application/json}.
     *
     * @param codeOnFailure code of the {@link dev.aauth.error.AAuthException} thrown for any
     *     failure (refused URL or address, I/O error, timeout, size limit, redirect)
     * @return the response; any status except 3xx
     */
    FetchResult get(String url, AAuthError codeOnFailure);
}
