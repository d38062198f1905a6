package dev.aauth.jakarta.agent;

import dev.aauth.agent.AuthTokenChallenge;
import dev.aauth.error.AAuthException;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.id.SecurityMode;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns {@code 401} with {@code AAuth-Requirement: requirement=auth-token; resource-token="..."}
 * into an {@link AuthTokenChallenge}. Register it on a {@code @RegisterRestClient} interface with
 * {@code @RegisterProvider(AuthTokenChallengeMapper.class)}; it runs before the default mapper
 * (priority {@value #PRIORITY}). Other responses are left to the other mappers.
 */
public class AuthTokenChallengeMapper implements ResponseExceptionMapper<AuthTokenChallenge> {

    public static final int PRIORITY = 100;

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status == 401 && requirement(headers) != null;
    }

    @Override
    public AuthTokenChallenge toThrowable(Response response) {
        AAuthRequirement.AuthTokenRequired r = requirement(response.getHeaders());
        if (r == null) {
            return null;
        }
        CallContext.SentRequest sent = CallContext.current().last;
        if (sent == null) {
            throw new IllegalStateException(
                    "a 401 challenge for a request AAuthClientFilter did not sign: register it too");
        }
        return new AuthTokenChallenge(
                r.resourceToken(),
                sent.resource(),
                sent.method(),
                sent.path(),
                sent.carriedAuthToken());
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    private static AAuthRequirement.AuthTokenRequired requirement(
            MultivaluedMap<String, Object> headers) {
        Object v = null;
        for (String name : headers.keySet()) {
            if (name.equalsIgnoreCase(AAuthRequirement.NAME)) {
                v = headers.getFirst(name);
            }
        }
        if (v == null) {
            return null;
        }
        try {
            // the auth-token requirement has no URL parameter: the mode does not matter here
            return AAuthRequirement.parse(v.toString(), SecurityMode.STRICT)
                            instanceof AAuthRequirement.AuthTokenRequired a
                    ? a
                    : null;
        } catch (AAuthException e) {
            return null;
        }
    }
}
