package dev.aauth.jakarta.resource;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The {@link SecurityContext} of an AAuth-verified request: its principal's name is the agent
 * identifier; the authentication scheme is {@code AAuth}. AAuth has no roles: {@link #isUserInRole}
 * is false (use {@link AAuthCaller#scopes()}).
 */
public final class AAuthSecurityContext implements SecurityContext {

    public static final String AUTHENTICATION_SCHEME = "AAuth";

    /** The agent as a principal. */
    public record AgentPrincipal(String name) implements Principal {
        @Override
        public String getName() {
            return name;
        }
    }

    private final AgentPrincipal principal;
    private final boolean secure;

    public AAuthSecurityContext(String agent, boolean secure) {
        this.principal = new AgentPrincipal(agent);
        this.secure = secure;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return AUTHENTICATION_SCHEME;
    }
}
