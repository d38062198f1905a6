package dev.aauth.token;

import dev.aauth.error.AAuthError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code mission} claim: "approver: HTTPS URL of the entity that approved the mission; s256:
 * SHA-256 hash of the approved mission JSON (base64url)".
 */
public record Mission(String approver, String s256) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("approver", approver);
        m.put("s256", s256);
        return m;
    }

    static Mission fromClaim(Object claim, AAuthError code) {
        if (claim == null) {
            return null;
        }
        if (!(claim instanceof Map<?, ?> m)
                || !(m.get("approver") instanceof String approver)
                || !(m.get("s256") instanceof String s256)
                || approver.isEmpty()
                || s256.isEmpty()) {
            throw Claims.fail(
                    code, "mission must be an object with non-empty string approver and s256");
        }
        return new Mission(approver, s256);
    }
}
