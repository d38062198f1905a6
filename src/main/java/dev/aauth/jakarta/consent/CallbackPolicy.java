package dev.aauth.jakarta.consent;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the browser may be sent to the agent's {@code callback} after the decision: "The {@code
 * callback} URL is constructed from the agent's {@code callback_endpoint} metadata", and "When
 * {@code localhost_callback_allowed} is {@code true} in the agent's metadata, the agent MAY use a
 * localhost callback URL". So a callback is followed only when it is the provider's {@code
 * callback_endpoint} (same scheme, host, port and path; a query of the agent's own may be added)
 * or, where the metadata allows it, an {@code http(s)} URL on {@code localhost}, {@code 127.0.0.1}
 * or {@code [::1]}. Never with a fragment or user info. Anything else gets the completion page.
 * Plain Java.
 */
public final class CallbackPolicy {

    private CallbackPolicy() {}

    public static boolean allows(
            String callback, Optional<String> callbackEndpoint, boolean localhostAllowed) {
        Optional<URI> uri = parse(callback);
        if (uri.isEmpty()) {
            return false;
        }
        URI c = uri.get();
        if (callbackEndpoint.isPresent()) {
            Optional<URI> endpoint = parse(callbackEndpoint.get());
            if (endpoint.isPresent()
                    && endpoint.get().getRawQuery() == null
                    && sameEndpoint(c, endpoint.get())) {
                return true;
            }
        }
        if (localhostAllowed) {
            String host = c.getHost().toLowerCase(Locale.ROOT);
            return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
        }
        return false;
    }

    private static boolean sameEndpoint(URI c, URI e) {
        return c.getScheme().equalsIgnoreCase(e.getScheme())
                && c.getHost().equalsIgnoreCase(e.getHost())
                && port(c) == port(e)
                && c.getRawPath().equals(e.getRawPath());
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static Optional<URI> parse(String value) {
        if (value == null || value.isEmpty() || value.length() > 2000) {
            return Optional.empty();
        }
        try {
            URI u = new URI(value);
            String scheme = u.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    || u.getHost() == null
                    || u.getRawFragment() != null
                    || u.getRawUserInfo() != null) {
                return Optional.empty();
            }
            return Optional.of(u);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
