package dev.aauth.jakarta.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.demo.DemoGateFilter;
import dev.aauth.jakarta.resource.AAuthProtectedFilter;
import dev.aauth.jakarta.resource.ConfiguredProtectionFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatchedResourceTest {

    /** A request context that only keeps properties, as the filters use it. */
    private static ContainerRequestContext request() {
        Map<String, Object> properties = new HashMap<>();
        return (ContainerRequestContext)
                Proxy.newProxyInstance(
                        MatchedResourceTest.class.getClassLoader(),
                        new Class<?>[] {ContainerRequestContext.class},
                        (proxy, method, args) ->
                                switch (method.getName()) {
                                    case "setProperty" -> properties.put((String) args[0], args[1]);
                                    case "getProperty" -> properties.get((String) args[0]);
                                    default ->
                                            throw new UnsupportedOperationException(
                                                    method.getName());
                                });
    }

    public String endpoint() {
        return "";
    }

    @Test
    void theFilterRecordsTheMatchedClassAndMethodForTheOtherFilters() throws Exception {
        Method method = MatchedResourceTest.class.getMethod("endpoint");
        MatchedResource filter = new MatchedResource();
        filter.resourceInfo =
                new ResourceInfo() {
                    @Override
                    public Method getResourceMethod() {
                        return method;
                    }

                    @Override
                    public Class<?> getResourceClass() {
                        return MatchedResourceTest.class;
                    }
                };
        ContainerRequestContext request = request();
        filter.filter(request);
        ResourceInfo seen = MatchedResource.of(request);
        assertEquals(MatchedResourceTest.class, seen.getResourceClass());
        assertEquals(method, seen.getResourceMethod());
    }

    @Test
    void withoutTheFilterTheMatchedResourceIsAnErrorNotANull() {
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> MatchedResource.of(request()));
        assertTrue(e.getMessage().contains(MatchedResource.class.getName()), e.getMessage());
    }

    @Test
    void theFilterRunsBeforeEveryFilterThatReadsIt() {
        int priority = MatchedResource.class.getAnnotation(Priority.class).value();
        assertEquals(MatchedResource.PRIORITY, priority);
        for (Class<?> reader :
                List.of(
                        RoleGateFilter.class,
                        DemoGateFilter.class,
                        AAuthProtectedFilter.class,
                        ConfiguredProtectionFilter.class)) {
            assertTrue(
                    priority < reader.getAnnotation(Priority.class).value(),
                    reader.getSimpleName());
        }
    }

    @Test
    void theFilterIsNoCdiBeanSoTheJaxRsRuntimeInjectsItsContext() {
        for (var a : MatchedResource.class.getAnnotations()) {
            String type = a.annotationType().getName();
            assertTrue(
                    !type.startsWith("jakarta.enterprise.context.")
                            && !type.equals("jakarta.inject.Singleton"),
                    "a bean-defining annotation would make it a CDI bean: " + type);
        }
    }
}
