package dev.aauth.jakarta.agent;

import dev.aauth.agent.AuthTokenChallenge;
import dev.aauth.agent.PersonTokenChallenge;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthException;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.id.SecurityMode;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/**
 * Turns {@code 401} with {@code AAuth-Requirement: requirement=auth-token; resource-token="..."}
 * into an {@link AuthTokenChallenge}, and, for a draft-11 agent, {@code 401} with {@code
 * requirement=person-token} into a {@link PersonTokenChallenge}. Register it on a
 * {@code @RegisterRestClient} interface with
 * {@code @RegisterProvider(AuthTokenChallengeMapper.class)}; it runs before the default mapper
 * (priority {@value #PRIORITY}). Other responses are left to the other mappers.
 */
public class AuthTokenChallengeMapper implements ResponseExceptionMapper<RuntimeException> {

    public static final int PRIORITY = 100;

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status == 401 && (requirement(headers) != null || personTokenRequired(headers));
    }

    @Override
    public RuntimeException toThrowable(Response response) {
        AAuthRequirement.AuthTokenRequired r = requirement(response.getHeaders());
        boolean person = r == null && personTokenRequired(response.getHeaders());
        if (r == null && !person) {
            return null;
        }
        CallContext.SentRequest sent = CallContext.current().last;
        if (sent == null) {
            throw new IllegalStateException(
                    "a 401 challenge for a request AAuthClientFilter did not sign: register it too");
        }
        if (person) {
            return new PersonTokenChallenge(sent.resource(), sent.method(), sent.path());
        }
        return new AuthTokenChallenge(
                r.resourceToken(),
                sent.resource(),
                sent.method(),
                sent.path(),
                sent.carriedAuthToken(),
                sent.presented());
    }

    /**
     * -11 "Person Token Required", answered only for a request a draft-11 agent sent (a draft-01
     * agent leaves it to the other mappers, as it always did).
     */
    private static boolean personTokenRequired(MultivaluedMap<String, Object> headers) {
        CallContext.SentRequest sent = CallContext.current().last;
        if (sent == null || sent.profile() != AAuthProfile.DRAFT_11) {
            return false;
        }
        Object v = header(headers);
        try {
            return v != null
                    && AAuthRequirement.parse(v.toString(), SecurityMode.STRICT)
                            instanceof AAuthRequirement.PersonTokenRequired;
        } catch (AAuthException e) {
            return false;
        }
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    private static Object header(MultivaluedMap<String, ?> headers) {
        Object v = null;
        for (String name : headers.keySet()) {
            if (name.equalsIgnoreCase(AAuthRequirement.NAME)) {
                v = headers.getFirst(name);
            }
        }
        return v;
    }

    private static AAuthRequirement.AuthTokenRequired requirement(
            MultivaluedMap<String, Object> headers) {
        return authTokenRequired(header(headers));
    }

    /** The {@code requirement=auth-token} of an {@code AAuth-Requirement} value, or null. */
    static AAuthRequirement.AuthTokenRequired authTokenRequired(Object v) {
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
