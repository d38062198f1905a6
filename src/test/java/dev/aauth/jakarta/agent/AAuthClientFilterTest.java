package dev.aauth.jakarta.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.agent.AgentCall;
import dev.aauth.agent.AgentEvents;
import dev.aauth.draft.AAuthProfile;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signing filter's response side (issue 15, "Agent calls as fast as a plain client"): the
 * exchange is copied for the call's events only when someone records it, and a -11 {@code 202}
 * ("Deferred Delivery") is still seen without a listener.
 */
class AAuthClientFilterTest {

    /** A response stub recording which of its methods were called. */
    private static final class Response {
        final List<String> calls = new ArrayList<>();
        final MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        InputStream entity;
        final int status;

        Response(int status, String body) {
            this.status = status;
            this.entity = new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
            headers.putSingle("content-type", "application/json");
        }

        ClientResponseContext context() {
            return (ClientResponseContext)
                    Proxy.newProxyInstance(
                            getClass().getClassLoader(),
                            new Class<?>[] {ClientResponseContext.class},
                            (proxy, method, args) -> {
                                calls.add(method.getName());
                                return switch (method.getName()) {
                                    case "getStatus" -> status;
                                    case "hasEntity" -> true;
                                    case "getEntityStream" -> entity;
                                    case "setEntityStream" -> {
                                        entity = (InputStream) args[0];
                                        yield null;
                                    }
                                    case "getHeaders" -> headers;
                                    default -> null;
                                };
                            });
        }
    }

    private static ClientRequestContext request(Map<String, Object> properties) {
        return (ClientRequestContext)
                Proxy.newProxyInstance(
                        AAuthClientFilterTest.class.getClassLoader(),
                        new Class<?>[] {ClientRequestContext.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "getMethod" -> "GET";
                                    case "getUri" -> URI.create("http://localhost:1/api/inventory");
                                    case "getProperty" -> properties.get((String) args[0]);
                                    case "setProperty" -> properties.put((String) args[0], args[1]);
                                    default -> null;
                                });
    }

    private static void respond(AgentCall call, Response response) throws Exception {
        CallContext previous = CallContext.enter(call);
        try {
            new AAuthClientFilter(null).filter(request(new HashMap<>()), response.context());
        } finally {
            CallContext.restore(previous);
        }
    }

    @Test
    void aResponseNobodyRecordsIsLeftUntouchedNoBodyOrHeaderCopy() throws Exception {
        Response r = new Response(200, "{\"items\":[]}");
        InputStream original = r.entity;
        respond(AgentCall.DEFAULT, r);
        assertFalse(r.calls.contains("getEntityStream"), r.calls.toString());
        assertFalse(r.calls.contains("getHeaders"), r.calls.toString());
        assertTrue(r.entity == original, "the client reads the original stream");
    }

    @Test
    void aRecordedExchangeIsToldWithItsBodyAndTheBodyStaysReadable() throws Exception {
        Response r = new Response(200, "{\"items\":[]}");
        List<String> told = new ArrayList<>();
        AgentEvents events =
                new AgentEvents() {
                    @Override
                    public void exchange(
                            String party,
                            String method,
                            String url,
                            Map<String, String> requestHeaders,
                            String requestBody,
                            int status,
                            Map<String, List<String>> responseHeaders,
                            String responseBody,
                            long millis) {
                        told.add(party + " " + method + " " + status + " " + responseBody);
                    }
                };
        respond(AgentCall.DEFAULT.withEvents(events), r);
        assertEquals(List.of("resource GET 200 {\"items\":[]}"), told);
        assertEquals("{\"items\":[]}", new String(r.entity.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void onlyA202ToADraft11RequestMayBeADeferredDelivery() {
        CallContext.SentRequest d11 =
                new CallContext.SentRequest(
                        "http://r", "GET", "/", true, null, AAuthProfile.DRAFT_11);
        CallContext.SentRequest d01 =
                new CallContext.SentRequest(
                        "http://r", "GET", "/", true, null, AAuthProfile.DRAFT_01);
        assertTrue(AAuthClientFilter.mayBeDeferred(202, d11));
        assertFalse(AAuthClientFilter.mayBeDeferred(200, d11));
        assertFalse(AAuthClientFilter.mayBeDeferred(202, d01));
        assertFalse(AAuthClientFilter.mayBeDeferred(202, null));
    }

    @Test
    void aDraft11202WithoutRequirementIsReadEvenWithNoListenerAndPassedOnUnchanged()
            throws Exception {
        Response r = new Response(202, "{\"status\":\"pending\"}");
        CallContext previous = CallContext.enter(AgentCall.DEFAULT);
        try {
            CallContext.current().last =
                    new CallContext.SentRequest(
                            "http://localhost:1",
                            "GET",
                            "/api/inventory",
                            false,
                            null,
                            AAuthProfile.DRAFT_11);
            new AAuthClientFilter(null).filter(request(new HashMap<>()), r.context());
        } finally {
            CallContext.restore(previous);
        }
        assertTrue(r.calls.contains("getHeaders"), r.calls.toString());
        assertEquals(
                "{\"status\":\"pending\"}",
                new String(r.entity.readAllBytes(), StandardCharsets.UTF_8));
    }
}
