package dev.aauth.jakarta.it;

import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.jakarta.agentprovider.JktJwts;
import dev.aauth.jose.SignatureAlgorithm;
import dev.aauth.jose.SigningKey;
import dev.aauth.sigkey.SignatureKey;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * An agent enrolled at the real Agent Provider of the IT server (person origin): its short-lived
 * key and the agent token the Agent Provider issued for it.
 */
public record EnrolledAgent(SigningKey key, String agentToken) {

    /** The agent token as the request's {@code Signature-Key} ({@code scheme=jwt}). */
    public SignatureKey jwt() {
        return new SignatureKey.Jwt(agentToken);
    }

    /** Agent {@code local} with a fresh Ed25519 key. */
    public static EnrolledAgent enroll(String local) throws Exception {
        return enroll(local, SigningKey.generate(SignatureAlgorithm.ED25519, null));
    }

    /**
     * Agent {@code local} with {@code key} (the same key again: the same agent after a restart).
     */
    public static EnrolledAgent enroll(String local, SigningKey key) throws Exception {
        return new EnrolledAgent(key, agentToken(local, key));
    }

    /**
     * Agent {@code local} with a fresh Ed25519 key and a draft-11 agent token (JWS {@code alg}
     * {@code Ed25519}, {@code cnf.jwk} with {@code alg}): the enrollment body says {@code "draft":
     * "draft-11"}.
     */
    public static EnrolledAgent enrollDraft11(String local) throws Exception {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, null);
        return new EnrolledAgent(key, agentToken(local, key, AAuthProfile.DRAFT_11));
    }

    /**
     * Enrolls agent {@code local} with the demo's long-lived key; returns the agent token for
     * {@code shortLived}.
     */
    public static String agentToken(String local, SigningKey shortLived) throws Exception {
        return agentToken(local, shortLived, null);
    }

    /** As {@link #agentToken(String, SigningKey)}, asking for {@code draft}'s token shape. */
    public static String agentToken(String local, SigningKey shortLived, AAuthProfile draft)
            throws Exception {
        HttpResponse<String> r =
                enrollResponse(local, JktJwts.demoLongLivedKey(local), shortLived, draft);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        Map<String, Object> json = JsonUtil.parseJson(r.body());
        assertTrue(((Number) json.get("expires_in")).longValue() > 0);
        return (String) json.get("agent_token");
    }

    /** The Agent Provider's answer to an enrollment signed with a {@code jkt-jwt} delegation. */
    public static HttpResponse<String> enrollResponse(
            String local, SigningKey longLived, SigningKey shortLived) {
        return enrollResponse(local, longLived, shortLived, null);
    }

    /** As above, with {@code "draft": draft.id()} in the body when {@code draft} is not null. */
    public static HttpResponse<String> enrollResponse(
            String local, SigningKey longLived, SigningKey shortLived, AAuthProfile draft) {
        String draftMember = draft == null ? "" : ",\"draft\":\"" + draft.id() + "\"";
        return post(PERSON + "/aauth/agent-token")
                .body("{\"agent\":\"" + local + "\"" + draftMember + "}")
                .sign(
                        shortLived,
                        new SignatureKey.JktJwt(
                                JktJwts.delegation(longLived, shortLived, Clock.systemUTC(), 300)))
                .send();
    }
}
