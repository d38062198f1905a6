package dev.aauth.jakarta.personserver;

import static dev.aauth.jakarta.it.EnrolledAgent.enroll;
import static dev.aauth.jakarta.it.EnrolledDeferred.send;
import static dev.aauth.jakarta.it.Origins.PERSON;
import static dev.aauth.jakarta.it.TokenRequests.granted;
import static dev.aauth.jakarta.it.TokenRequests.pending;
import static dev.aauth.jakarta.it.TokenRequests.tokenRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.ItStore;
import dev.aauth.jakarta.it.EnrolledAgent;
import dev.aauth.jakarta.it.TokenRequests;
import dev.aauth.jakarta.store.Person;
import dev.aauth.jose.Jws;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Identity scopes over HTTP: a resource token asking {@code openid profile email} (identity scopes
 * this PS declares in {@code scopes_supported}) goes to the person; once the person approved
 * (through the store, as the consent pages do), the token handed out carries the person's {@code
 * email} and {@code name} ("When identity scopes are present, the auth token includes the
 * corresponding identity claims").
 */
class IdentityClaimsIT {

    @Test
    @DisplayName(
            "identity scopes add the person's claims to the auth token, only with the person's consent")
    void identityScopesAddThePersonsClaimsAfterApproval() throws Exception {
        EnrolledAgent backend = enroll("backend");
        StandInResource resource = StandInResource.get();
        String agent = "aauth:backend@" + PERSON.substring("http://".length());
        String rt =
                resource.tokens
                        .resourceToken(
                                PERSON,
                                agent,
                                backend.key().publicJwk().thumbprint(),
                                List.of("openid", "profile", "email", "standin:read"),
                                null,
                                Duration.ofMinutes(5))
                        .compact();
        HttpResponse<String> deferred = tokenRequest(backend, rt);
        String location = pending(deferred);
        String code = TokenRequests.interactionCode(deferred);

        Person person = ItStore.get().newPerson("Ines Identity", "ines@example.test");
        assertTrue(ItStore.get().redeem(code, person));
        assertTrue(
                ItStore.get()
                        .pending
                        .approve(
                                ItStore.get().request(location).id(),
                                person.id(),
                                "IdentityClaimsIT approves"));
        Thread.sleep(5_100); // the first poll is allowed Retry-After (5 s) after the 202
        Map<String, Object> claims =
                Jws.parse(granted(send("GET", location, backend, null))).claims();
        assertEquals("ines@example.test", claims.get("email"));
        assertEquals("Ines Identity", claims.get("name"));
        assertEquals(resource.issuer, claims.get("aud"));
        assertEquals("email openid profile standin:read", claims.get("scope"));
    }
}
