package dev.aauth.jakarta.resource;

import dev.aauth.error.AAuthException;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.http.CanonicalPath;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.jakarta.boundary.AAuthExceptionMapper;
import dev.aauth.jakarta.boundary.CoreProducers;
import dev.aauth.jakarta.boundary.JaxRsRequests;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.token.TokenIssuer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayInputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jose4j.json.JsonUtil;

/**
 * Runs AAuth on one JAX-RS request for the two request filters ({@link AAuthProtectedFilter},
 * {@link ConfiguredProtectionFilter}): finds the endpoint's {@link Protection}, asks the {@link
 * AccessDecider}, and either lets the request through — with an {@link AAuthSecurityContext} and
 * the {@link AAuthCaller} filled in — or aborts it with the decision's response. Every decision is
 * written to the {@link DecisionLog}.
 */
@ApplicationScoped
public class AAuthEnforcer {

    private static final Logger LOG = Logger.getLogger(AAuthEnforcer.class.getName());

    @Inject AAuthConfig config;
    @Inject ResourceConfiguration resourceConfig;
    @Inject AAuthRequestVerifier verifier;
    @Inject TokenIssuer tokenIssuer;
    @Inject RevocationStore revocations;
    @Inject AAuthExceptionMapper errors;
    @Inject AAuthCaller caller;
    @Inject Clock clock;
    @Inject DecisionMetrics metrics;
    @Inject SignatureKeyResolver keys;

    private ResourceSettings settings;
    private ResourceTokens resourceTokens;
    private AccessDecider decider;
    private JaxRsRequests requests;
    private DecisionLog log;
    private AAuthRequestVerifier revocationVerifier;
    private final Map<Method, Endpoint> endpoints = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        settings = resourceConfig.settings();
        resourceTokens = new ResourceTokens(tokenIssuer, settings);
        decider =
                new AccessDecider(
                        verifier, settings, resourceTokens, revocations, config.securityMode());
        requests = new JaxRsRequests(config.issuer(), config.securityMode());
        log = new DecisionLog(config.issuer(), clock, metrics);
        // Only servers revoke: the jwks_uri scheme, whose id is the signer's server identifier.
        VerificationPolicy policy = verifier.policy();
        revocationVerifier =
                new AAuthRequestVerifier(
                        new VerificationPolicy(
                                policy.requiredComponents(),
                                policy.signatureWindow(),
                                Set.of("jwks_uri"),
                                Set.of(),
                                null),
                        keys,
                        clock,
                        verifier.replays(),
                        CoreProducers.resourceBodyComponents(config));
    }

    ResourceSettings settings() {
        return settings;
    }

    ResourceTokens resourceTokens() {
        return resourceTokens;
    }

    AccessDecider decider() {
        return decider;
    }

    JaxRsRequests requests() {
        return requests;
    }

    DecisionLog log() {
        return log;
    }

    AAuthRequestVerifier verifier() {
        return verifier;
    }

    /** Verifies revocation requests: {@code jwks_uri} only, otherwise this resource's policy. */
    AAuthRequestVerifier revocationVerifier() {
        return revocationVerifier;
    }

    /**
     * The protection in force for the resource method the request runs ({@link
     * EndpointProtection}): the configured rules for its canonical path and its {@link
     * AAuthProtected} annotation, the stricter winning; null when neither applies. The annotation
     * is validated once per method: a scope outside {@code aauth.resource.scopes} is a deployment
     * error. {@link ProtectionCheck} refuses the deployment for it; should an endpoint escape that
     * check (a resource class that is not a CDI bean), it is reported as {@code 500} and logged,
     * never let through.
     *
     * @throws AAuthException {@code invalid_request} when rules are configured and the request's
     *     path cannot be matched safely
     * @throws IllegalStateException when the annotation is misconfigured
     */
    Protection protection(ResourceInfo info, ContainerRequestContext request) {
        Method method = info.getResourceMethod();
        Protection annotation = null;
        String routedMethod = null;
        if (method != null) {
            Endpoint endpoint =
                    endpoints.computeIfAbsent(
                            method,
                            m -> {
                                Protection p = protectionOf(info.getResourceClass(), m);
                                if (p != null) {
                                    // throws IllegalStateException when misconfigured
                                    settings.challengeScopes(p);
                                }
                                return new Endpoint(p, designator(m));
                            });
            annotation = endpoint.annotation();
            routedMethod = endpoint.httpMethod();
        }
        if (settings.protect().isEmpty()) {
            return annotation;
        }
        return EndpointProtection.decide(
                settings.protect(),
                request.getMethod(),
                routedMethod,
                canonicalPath(request.getUriInfo()),
                annotation);
    }

    /** What is known of a resource method once: its annotation and its HTTP method designator. */
    private record Endpoint(Protection annotation, String httpMethod) {}

    /** The value of the resource method's {@code @GET}, {@code @POST}, ...; null if none. */
    static String designator(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    /**
     * The request's canonical path below the application root, from the raw request URI (not the
     * runtime's decoded path), checked against the segments the runtime routed by ({@link
     * EndpointProtection#canonicalPath}).
     */
    static CanonicalPath canonicalPath(UriInfo uri) {
        List<PathSegment> segments = uri.getPathSegments(true);
        List<String> routed = new ArrayList<>(segments.size());
        for (PathSegment s : segments) {
            routed.add(s.getPath());
        }
        String base = uri.getBaseUri().getRawPath();
        return EndpointProtection.canonicalPath(
                uri.getRequestUri().getRawPath(), base == null ? "/" : base, routed);
    }

    /** Refuses a request whose path cannot be matched safely, and logs it. */
    void refuse(ContainerRequestContext request, AAuthException e) {
        request.abortWith(errors.toResponse(e));
        log.log(request.getMethod(), path(request), new Decision.Failed(null, e), 0);
    }

    /**
     * The annotated protection of a resource method: the method's {@link AAuthProtected}, else its
     * class's; null when neither carries one.
     */
    static Protection protectionOf(Class<?> resourceClass, Method method) {
        AAuthProtected a = method.getAnnotation(AAuthProtected.class);
        if (a != null) {
            return Protection.of(
                    a,
                    "@AAuthProtected on "
                            + method.getDeclaringClass().getSimpleName()
                            + "."
                            + method.getName());
        }
        a = resourceClass.getAnnotation(AAuthProtected.class);
        return a == null
                ? null
                : Protection.of(a, "@AAuthProtected on " + resourceClass.getSimpleName());
    }

    static boolean isAnnotated(ResourceInfo info) {
        Method m = info.getResourceMethod();
        return m != null
                && (m.isAnnotationPresent(AAuthProtected.class)
                        || info.getResourceClass().isAnnotationPresent(AAuthProtected.class));
    }

    /** Decides, logs, and lets the request through or aborts it. */
    void enforce(ContainerRequestContext request, Protection protection) {
        long start = System.nanoTime();
        HttpRequestMessage message =
                requests.message(
                        request.getMethod(),
                        request.getUriInfo().getRequestUri(),
                        request.getHeaders());
        Decision decision = decider.decide(message, protection, () -> buffer(request));
        if (decision instanceof Decision.Allowed allowed) {
            caller.set(allowed.request(), allowed.callerLevel(), allowed.mission());
            request.setSecurityContext(
                    new AAuthSecurityContext(
                            allowed.request().identity(),
                            request.getSecurityContext() != null
                                    && request.getSecurityContext().isSecure()));
        } else {
            request.abortWith(response(decision));
        }
        log.log(request.getMethod(), path(request), decision, System.nanoTime() - start);
    }

    /** The response of a decision that stops the request. */
    public Response response(Decision decision) {
        if (decision instanceof Decision.Failed f) {
            return errors.toResponse(f.error());
        }
        if (decision instanceof Decision.Challenged c) {
            return challenge(c.resourceToken().compact());
        }
        Decision.Denied d = (Decision.Denied) decision;
        return forbidden(d.reason(), d.detail());
    }

    /** {@code 401} with {@code AAuth-Requirement: requirement=auth-token; resource-token="..."}. */
    public static Response challenge(String resourceToken) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(
                        AAuthRequirement.NAME,
                        AAuthRequirement.authToken(resourceToken).serialize())
                .header("Cache-Control", "no-store")
                .build();
    }

    /**
     * {@code 403}: "This is not a signature error — the authentication succeeded but authorization
     * was denied. The response MUST NOT include an Accept-Signature header with sigkey or a
     * Signature-Error header." The body is a problem+json naming the policy reason.
     */
    public static Response forbidden(String reason, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", "Forbidden");
        body.put("status", 403);
        body.put("reason", reason);
        body.put("detail", detail);
        return Response.status(Response.Status.FORBIDDEN)
                .header("Cache-Control", "no-store")
                .type("application/problem+json")
                .entity(JsonUtil.toJson(body))
                .build();
    }

    /** The request path for the decision log, as received (still percent-encoded). */
    static String path(ContainerRequestContext request) {
        String p = request.getUriInfo().getRequestUri().getRawPath();
        return p == null || p.isEmpty() ? "/" : p;
    }

    /** Reads the body (bounded) for a Content-Digest check and puts it back for the endpoint. */
    private static byte[] buffer(ContainerRequestContext request) {
        if (!request.hasEntity()) {
            return new byte[0];
        }
        byte[] body = JaxRsRequests.readBody(request.getEntityStream());
        request.setEntityStream(new ByteArrayInputStream(body));
        return body;
    }

    static void misconfigured(IllegalStateException e) {
        LOG.log(Level.SEVERE, "AAuth protection misconfigured: " + e.getMessage());
    }
}
