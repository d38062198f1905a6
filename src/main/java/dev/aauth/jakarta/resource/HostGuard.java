package dev.aauth.jakarta.resource;

import dev.aauth.http.CanonicalPath;
import dev.aauth.httpsig.FieldLookup;
import dev.aauth.httpsig.HttpRequestMessage;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * AAuth for one {@link ProtectedHost}, for callers outside JAX-RS routing (the gateway check
 * endpoint): the host's rules ({@link EndpointProtection}, without an annotation or a routed
 * method: a {@code HEAD} is also decided by the {@code GET} rules), the same {@link AccessDecider}
 * the in-process filter uses, with the host's identifier as the auth tokens' audience, the resource
 * tokens' issuer and the signed {@code @authority}, and the host's {@link DecisionLog}.
 */
public final class HostGuard {

    private final ProtectedHost host;
    private final AccessDecider decider;
    private final DecisionLog log;

    HostGuard(ProtectedHost host, AccessDecider decider, DecisionLog log) {
        this.host = Objects.requireNonNull(host, "host");
        this.decider = Objects.requireNonNull(decider, "decider");
        this.log = Objects.requireNonNull(log, "log");
    }

    public ProtectedHost host() {
        return host;
    }

    public DecisionLog log() {
        return log;
    }

    /**
     * The protection of {@code method} on the canonical {@code path}; null when no rule applies.
     */
    public Protection protection(String method, CanonicalPath path) {
        return EndpointProtection.decide(host.settings().protect(), method, null, path, null);
    }

    /**
     * The request as the agent signed it: for this host's identifier (scheme and authority), with
     * the raw path and query received and the header fields of the original request.
     */
    public HttpRequestMessage message(
            String method, String rawPath, String rawQuery, FieldLookup fields) {
        return HttpRequestMessage.of(
                method, host.scheme(), host.authority(), rawPath, rawQuery, fields);
    }

    /** Decides as the in-process filter does ({@link AccessDecider#decide}). */
    public Decision decide(
            HttpRequestMessage message, Protection protection, Supplier<byte[]> body) {
        return decider.decide(message, protection, body);
    }
}
