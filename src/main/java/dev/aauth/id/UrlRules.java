package dev.aauth.id;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The checks shared by {@link EndpointUrl} and {@link OtherUrl}. */
final class UrlRules {

    static final int MAX_LENGTH = 2048;

    private UrlRules() {}

    /**
     * Returns {@code null} when {@code value} is acceptable, otherwise the reason.
     *
     * @param endpoint true for the "Endpoint URLs" rules (no query, no fragment)
     */
    static String check(String value, SecurityMode mode, boolean endpoint) {
        if (value == null || value.isEmpty()) {
            return "missing";
        }
        if (value.length() > MAX_LENGTH) {
            return "too long";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return "contains a space, control or non-ASCII character";
            }
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return "not a valid URI";
        }
        String scheme = uri.getScheme();
        boolean https = "https".equals(scheme);
        boolean http = "http".equals(scheme) && mode.allowsLocalDevelopment();
        if (!https && !http) {
            return "MUST use the https scheme";
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            return "missing host";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not contain userinfo";
        }
        if (uri.getHost() == null) {
            return "missing or invalid host";
        }
        if (endpoint && uri.getRawQuery() != null) {
            return "MUST NOT contain a query string";
        }
        if (endpoint && uri.getRawFragment() != null) {
            return "MUST NOT contain a fragment";
        }
        return Hosts.checkHost(uri.getHost().toLowerCase(Locale.ROOT), mode);
    }
}
