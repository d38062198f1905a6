package dev.aauth.id;

/**
 * How strictly identifiers and outbound fetches are checked.
 *
 * <p>{@link #STRICT} is the default and implements the draft as written. {@link #DEVELOPMENT}
 * exists for local demos only: it allows {@code http}, explicit ports and loopback hosts ({@code
 * localhost}, {@code 127.0.0.1}, {@code [::1]}) in server identifiers, agent identifier domains,
 * endpoint URLs and outbound fetches, and NOTHING else. Every other rule (lowercase, no path, no
 * query, no fragment, no trailing slash, no userinfo, ACE-only host names, refusing private and
 * link-local addresses) still applies in DEVELOPMENT. Never run a deployment reachable from a
 * network in DEVELOPMENT mode.
 */
public enum SecurityMode {
    /** The draft's rules exactly: https only, no ports, no loopback. */
    STRICT,
    /**
     * Local demos only: additionally allows http, explicit ports and loopback hosts. Nothing else.
     */
    DEVELOPMENT;

    /** True when http, explicit ports and loopback hosts are permitted. */
    public boolean allowsLocalDevelopment() {
        return this == DEVELOPMENT;
    }
}
