package dev.aauth.token;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A -11 revocation request: "The endpoint accepts a signed POST identifying the token to revoke by
 * the pair (iss, jti). Both members are REQUIRED" and "Recipients maintaining revocation state MUST
 * key it by (iss, jti)" (-10: "Revocation identifies a token by (iss, jti)"). This record is that
 * key.
 *
 * @param iss the issuer of the token to revoke
 * @param jti its {@code jti}, unique only within {@code iss}
 */
public record Revocation(String iss, String jti) {

    public Revocation {
        if (iss == null || iss.isEmpty() || jti == null || jti.isEmpty()) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST, "revocation needs both iss and jti (REQUIRED)");
        }
    }

    /** The key of a verified token. */
    public static Revocation of(VerifiedToken token) {
        return new Revocation(token.issuer(), token.jti());
    }

    /**
     * The {@code jti} of a -01 revocation request body {@code {"jti": "..."}} (a resource's and the
     * Person Server's revocation endpoints read it alike); {@code invalid_request} otherwise.
     */
    public static String jti(byte[] body) {
        Map<String, Object> json;
        try {
            json = JsonUtil.parseJson(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        } catch (JoseException | RuntimeException e) {
            throw new AAuthException(AAuthError.INVALID_REQUEST, "the body must be a JSON object");
        }
        if (json == null
                || !(json.get("jti") instanceof String jti)
                || jti.isEmpty()
                || jti.length() > 256) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST, "jti (REQUIRED) must be a non-empty string");
        }
        return jti;
    }

    /**
     * The -11 form of a revocation request body, {@code {"iss": ..., "jti": ...}} ("identifying the
     * token to revoke by the pair (iss, jti). Both members are REQUIRED"), or empty for the -01
     * form {@code {"jti": ...}} (a body without {@code iss}, read by {@link #jti(byte[])}). With
     * {@code iss} present, anything but two non-empty strings ({@code jti} at most 256 characters)
     * is {@code invalid_request}.
     */
    public static java.util.Optional<Revocation> draft11(byte[] body) {
        Map<String, Object> json;
        try {
            json = JsonUtil.parseJson(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        } catch (JoseException | RuntimeException e) {
            throw new AAuthException(AAuthError.INVALID_REQUEST, "the body must be a JSON object");
        }
        if (json == null || !json.containsKey("iss")) {
            return java.util.Optional.empty();
        }
        if (!(json.get("iss") instanceof String iss)
                || !(json.get("jti") instanceof String jti)
                || jti.length() > 256) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST,
                    "iss and jti (both REQUIRED) must be non-empty strings");
        }
        return java.util.Optional.of(new Revocation(iss, jti));
    }

    /** Reads a request body {@code {"iss": ..., "jti": ...}}; anything else is invalid_request. */
    public static Revocation parse(String body) {
        Map<String, Object> map;
        try {
            map = body == null ? null : JsonUtil.parseJson(body);
        } catch (JoseException | RuntimeException e) {
            map = null;
        }
        if (map == null
                || !(map.get("iss") instanceof String iss)
                || !(map.get("jti") instanceof String jti)) {
            throw new AAuthException(
                    AAuthError.INVALID_REQUEST,
                    "revocation body must be an object with string iss and jti");
        }
        return new Revocation(iss, jti);
    }

    public String json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iss", iss);
        m.put("jti", Objects.requireNonNull(jti));
        return JsonUtil.toJson(m);
    }
}
