package dev.aauth.jakarta.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ProblemBodiesTest {

    /** A response as JAX-RS hands it to the filter: status, headers, entity. */
    static final class Answer {
        int status;
        Object entity;
        MediaType type;
        final MultivaluedMap<String, Object> headers = new MultivaluedHashMap<>();

        Answer(int status, Object entity) {
            this.status = status;
            this.entity = entity;
        }

        ContainerResponseContext context() {
            return (ContainerResponseContext)
                    Proxy.newProxyInstance(
                            getClass().getClassLoader(),
                            new Class<?>[] {ContainerResponseContext.class},
                            (proxy, method, args) ->
                                    switch (method.getName()) {
                                        case "getStatus" -> status;
                                        case "hasEntity" -> entity != null;
                                        case "getHeaders" -> headers;
                                        case "setEntity" -> {
                                            entity = args[0];
                                            type = (MediaType) args[2];
                                            yield null;
                                        }
                                        default ->
                                                throw new UnsupportedOperationException(
                                                        method.getName());
                                    });
        }

        Answer filtered() {
            new ProblemBodies().filter(null, context());
            return this;
        }
    }

    @Test
    @DisplayName(
            "a bodyless error answer gets RFC 9457 problem details (type, title, status), its headers kept")
    void bodylessErrorsGetProblemDetails() throws Exception {
        Answer a = new Answer(401, null);
        a.headers.putSingle("WWW-Authenticate", "AAuth");
        a.headers.putSingle("AAuth-Requirement", "requirement=auth-token; resource-token=\"x\"");
        a.filtered();
        assertEquals("application", a.type.getType());
        assertEquals("problem+json", a.type.getSubtype());
        assertEquals(
                Map.of("type", "about:blank", "title", "Unauthorized", "status", 401L),
                JsonUtil.parseJson((String) a.entity));
        assertEquals("AAuth", a.headers.getFirst("WWW-Authenticate"));
        assertEquals(
                "requirement=auth-token; resource-token=\"x\"",
                a.headers.getFirst("AAuth-Requirement"));
        assertEquals("no-store", a.headers.getFirst("Cache-Control"));

        Answer notFound = new Answer(404, null).filtered();
        assertEquals(
                "Not Found", JsonUtil.parseJson((String) notFound.entity).get("title").toString());
        Answer unusual = new Answer(499, null).filtered();
        assertEquals("Error", JsonUtil.parseJson((String) unusual.entity).get("title"));
    }

    @Test
    @DisplayName(
            "answers with a body (the endpoints' JSON errors) and success answers are left alone")
    void othersAreLeftAlone() {
        String endpointError = "{\"error\":\"invalid_request\"}";
        Answer a = new Answer(400, endpointError).filtered();
        assertSame(endpointError, a.entity);
        assertNull(a.type);
        assertNull(new Answer(204, null).filtered().entity);
        assertNull(new Answer(302, null).filtered().entity);
        Answer kept = new Answer(503, null);
        kept.headers.putSingle("Cache-Control", "max-age=5");
        assertEquals("max-age=5", kept.filtered().headers.getFirst("Cache-Control"));
    }
}
