package dev.aauth.jakarta.it;

import static dev.aauth.jakarta.ItRequests.post;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.Origins.SUPPLY;
import static dev.aauth.jakarta.it.Origins.TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.digest.ContentDigest;
import dev.aauth.discovery.JwksCache;
import dev.aauth.discovery.SafeHttpFetcher;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.SigningKey;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.StructuredFields;
import dev.aauth.sigkey.SignatureError;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * The token endpoint of the real Person Server over HTTP: a resource's challenge, the agent's token
 * request, and the checked answers (a direct grant, a deferred 202, an error).
 */
public final class TokenRequests {

    private TokenRequests() {}

    /** The resource token of a 401 {@code AAuth-Requirement: requirement=auth-token}. */
    public static String challenge(HttpResponse<String> r) {
        assertEquals(401, r.statusCode(), r.body());
        String h = r.headers().firstValue("AAuth-Requirement").orElse(null);
        assertNotNull(h, "no AAuth-Requirement: " + r.headers().map());
        Item requirement = (Item) StructuredFields.parseDictionary(h).get("requirement");
        assertEquals("auth-token", requirement.tokenValue());
        return requirement.parameters().getString("resource-token");
    }

    /** A signed token request with body {@code json}. */
    public static HttpResponse<String> tokenRequest(
            SigningKey key, SignatureKey sigKey, String json) {
        return post(TOKEN).body(json).sign(key, sigKey).send();
    }

    /** {@code agent}'s token request with {@code resourceToken}. */
    public static HttpResponse<String> tokenRequest(EnrolledAgent agent, String resourceToken) {
        return tokenRequest(
                agent.key(), agent.jwt(), JsonUtil.toJson(Map.of("resource_token", resourceToken)));
    }

    /**
     * An error of the token endpoint: status, no-store, a JSON {@code error}, no Signature-Error.
     */
    public static void assertTokenError(HttpResponse<String> r, int status, String code)
            throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(
                "application/json",
                r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals(code, JsonUtil.parseJson(r.body()).get("error"), r.body());
        assertFalse(r.headers().firstValue(SignatureError.NAME).isPresent());
    }

    /** The auth token of a 200 direct grant. */
    public static String granted(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        Map<String, Object> json = JsonUtil.parseJson(r.body());
        long expiresIn = ((Number) json.get("expires_in")).longValue();
        assertTrue(expiresIn > 0 && expiresIn <= 3600, r.body());
        return (String) json.get("auth_token");
    }

    /**
     * A "User interaction required response (202)": Location on this origin with 128 random bits,
     * Retry-After 5, Cache-Control no-store, AAuth-Requirement interaction with url and code, body
     * {"status":"pending"}. Returns the Location.
     */
    public static String pending(HttpResponse<String> r) throws Exception {
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("5", r.headers().firstValue("Retry-After").orElse(""));
        assertEquals(Map.of("status", "pending"), JsonUtil.parseJson(r.body()));
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(PERSON + "/aauth/pending/"), location);
        assertEquals(
                16,
                java.util.Base64.getUrlDecoder()
                        .decode(location.substring(location.lastIndexOf('/') + 1))
                        .length);
        Item requirement =
                (Item)
                        StructuredFields.parseDictionary(
                                        r.headers().firstValue("AAuth-Requirement").orElseThrow())
                                .get("requirement");
        assertEquals("interaction", requirement.tokenValue());
        assertEquals(PERSON + "/interaction", requirement.parameters().getString("url"));
        assertTrue(requirement.parameters().getString("code").matches("[A-Z0-9]{4}-[A-Z0-9]{4}"));
        return location;
    }

    /** The code of a 202's {@code AAuth-Requirement: requirement=interaction}. */
    public static String interactionCode(HttpResponse<String> r) {
        return assertInstanceOf(
                        AAuthRequirement.InteractionRequired.class,
                        AAuthRequirement.parse(
                                r.headers().firstValue(AAuthRequirement.NAME).orElseThrow(),
                                SecurityMode.DEVELOPMENT))
                .code();
    }

    /**
     * The resource token of supply's {@code POST /api/orders} (scope {@code supply-chain:optimize},
     * which the demo policy always asks the person about).
     */
    public static String alwaysAskChallenge(EnrolledAgent backend) {
        String json = "{\"sku\":\"x\"}";
        HttpResponse<String> c =
                post(SUPPLY + "/api/orders")
                        .body(json)
                        .header(
                                "content-digest",
                                ContentDigest.create(json.getBytes(StandardCharsets.UTF_8)))
                        .sign(backend.key(), backend.jwt(), "content-digest")
                        .send();
        return challenge(c);
    }

    /**
     * A verifier of the IT server's tokens, fetching its JWKS (development mode: http, loopback).
     */
    public static TokenVerifier verifier() {
        return verifier(AAuthProfile.DRAFT_01);
    }

    /**
     * A verifier of {@code profile}'s tokens, fetching issuers' keys from the IT server over HTTP
     * (as a peer in another process would).
     */
    public static TokenVerifier verifier(AAuthProfile profile) {
        JwksCache jwks =
                JwksCache.builder(
                                SafeHttpFetcher.create(SecurityMode.DEVELOPMENT),
                                SecurityMode.DEVELOPMENT)
                        .build();
        return new TokenVerifier(
                jwks::findKey,
                Clock.systemUTC(),
                SecurityMode.DEVELOPMENT,
                VerifiedTokenCache.disabled(Clock.systemUTC()),
                TokenVerifier.DEFAULT_IAT_LEEWAY,
                profile);
    }
}
