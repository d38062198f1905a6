package dev.aauth.personserver;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import java.util.List;
import java.util.Map;

/**
 * The JSON body of a draft -11 person token request ("Person Token Endpoint"). Every failure is
 * {@code invalid_request} (400): "invalid_request covers a missing or malformed resource or
 * mission_s256 value".
 *
 * <ul>
 *   <li>"resource (REQUIRED): The HTTPS URL of the resource the person token is for, conforming to
 *       the Server Identifier requirements ... The PS MUST validate it against those requirements."
 *   <li>"upstream_token (OPTIONAL): An auth token issued to the requester for an upstream resource,
 *       present when a resource acting as an agent needs a person token for a downstream resource":
 *       a non-empty string when present, verified by the Person Server ({@link
 *       TokenExchange#verifyUpstream11}).
 *   <li>{@code mission_s256} and {@code subagent_token} (OPTIONAL) are not supported by this Person
 *       Server yet (missions and sub-agents under -11): a request carrying one is refused with
 *       {@code invalid_request} and a detail saying so, never issued as if the member were absent
 *       ("The PS MUST verify the mission exists ... and MUST reject the request otherwise").
 * </ul>
 *
 * @param resource the resource, the {@code aud} of the token to issue
 * @param upstreamToken the {@code upstream_token} (call chaining), or null
 */
public record PersonTokenRequest(String resource, String upstreamToken) {

    /** The optional members this Person Server does not support yet. */
    static final List<String> NOT_SUPPORTED = List.of("mission_s256", "subagent_token");

    /** Parses and checks a body; {@code mode} decides what a server identifier may be. */
    public static PersonTokenRequest parse(byte[] body, SecurityMode mode) {
        Map<String, Object> json = TokenRequest.jsonObject(body, "resource");
        Object resource = json.get("resource");
        if (!(resource instanceof String r) || r.isEmpty()) {
            throw invalid("resource (REQUIRED) must be a non-empty string");
        }
        if (!ServerIdentifier.isValid(r, mode)) {
            throw invalid("resource must be a server identifier (an HTTPS origin)");
        }
        for (String name : NOT_SUPPORTED) {
            Object v = json.get(name);
            if (v != null) {
                throw invalid(
                        name
                                + (v instanceof String
                                        ? " is not supported by this Person Server"
                                        : " must be a string (and is not supported by this"
                                                + " Person Server)"));
            }
        }
        Object upstream = json.get("upstream_token");
        if (upstream != null && !(upstream instanceof String u && !u.isEmpty())) {
            throw invalid("upstream_token must be a non-empty string (an auth token)");
        }
        return new PersonTokenRequest(r, (String) upstream);
    }

    private static AAuthException invalid(String detail) {
        return new AAuthException(AAuthError.INVALID_REQUEST, detail);
    }
}
