package dev.aauth.agent;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * {@link AgentHttp} over {@code java.net.http}: no redirects, a connect and a request timeout, so
 * every call is bounded. Restricted header names ({@code host}, {@code content-length}) are left to
 * the client, which derives them from the URL and body.
 */
public final class JdkAgentHttp implements AgentHttp {

    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection");

    private final HttpClient client;
    private final Duration timeout;

    public JdkAgentHttp(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        // HTTP/1.1: no h2c upgrade attempts on http:// origins (the demo's), one request per
        // exchange
        this.client =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(timeout)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
    }

    @Override
    public Response send(Request request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(request.url())).timeout(timeout);
        request.headers()
                .forEach(
                        (k, v) -> {
                            if (!RESTRICTED.contains(k)) {
                                b.header(k, v);
                            }
                        });
        b.method(
                request.method(),
                request.body() == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new AAuthException(
                    AAuthError.SERVER_ERROR,
                    request.method() + " " + request.url() + " failed: " + e,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AAuthException(
                    AAuthError.SERVER_ERROR,
                    request.method() + " " + request.url() + " interrupted",
                    e);
        }
    }
}
