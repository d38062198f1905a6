package dev.aauth.jakarta.resource;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.http.CanonicalPath;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.jakarta.boundary.AAuthExceptionMapper;
import dev.aauth.jakarta.boundary.CoreProducers;
import dev.aauth.jakarta.boundary.Drafts;
import dev.aauth.jakarta.boundary.JaxRsRequests;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.ErrorResponse;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.sigkey.AcceptSignatureScheme;
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
 *
 * <p>Every draft this origin serves ({@code aauth.profiles}, {@link Drafts}) is enforced by the
 * same decider: draft-01 with the request verifier every -01 endpoint has always used, draft-11
 * with the foundation's -11 keys and policy, which at a resource also accepts person tokens
 * wherever it accepts agent tokens (-11 "Person Token Usage": "in place of the agent token").
 * Failures are answered in the shape of the request's draft ({@link #error}).
 */
@ApplicationScoped
public class AAuthEnforcer {

    private static final Logger LOG = Logger.getLogger(AAuthEnforcer.class.getName());

    @Inject AAuthConfig config;
    @Inject ResourceConfiguration resourceConfig;
    @Inject AAuthRequestVerifier verifier;
    @Inject RevocationStore revocations;
    @Inject AAuthExceptionMapper errors;
    @Inject AAuthCaller caller;
    @Inject Clock clock;
    @Inject DecisionMetrics metrics;
    @Inject SignatureKeyResolver keys;
    @Inject Drafts drafts;

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
        List<TokenIssuer> issuers = new ArrayList<>();
        for (AAuthProfile p : drafts.served()) {
            issuers.add(drafts.issuer(p));
        }
        resourceTokens = new ResourceTokens(issuers, settings);
        decider =
                new AccessDecider(
                        drafts.requests(),
                        settings,
                        resourceTokens,
                        revocations,
                        config.securityMode(),
                        new PersonTokenMemory(PersonTokenMemory.DEFAULT_MAX_ENTRIES, clock));
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

    /**
     * The request verifier of this resource (or a host behind a gateway, {@code audience}) under
     * {@code profile}: for this origin the one {@link Drafts} holds (draft-01's is the bean every
     * -01 endpoint has always used); for a gateway host the same policy and keys with the host as
     * the audience auth tokens must carry.
     */
    public AAuthRequestVerifier resourceVerifier(AAuthProfile profile, String audience) {
        if (audience.equals(config.issuer())) {
            return drafts.verifier(profile);
        }
        VerificationPolicy p = drafts.policy(profile);
        p =
                new VerificationPolicy(
                        p.requiredComponents(),
                        p.signatureWindow(),
                        p.allowedSchemes(),
                        p.allowedJwtTypes(),
                        audience,
                        profile);
        return new AAuthRequestVerifier(
                p,
                drafts.keys(profile),
                clock,
                verifier.replays(),
                CoreProducers.resourceBodyComponents(config));
    }

    /** The drafts this origin serves. */
    public Drafts drafts() {
        return drafts;
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
            return error(f.error(), f.profile());
        }
        if (decision instanceof Decision.Challenged c) {
            return challenge(c.resourceToken().compact());
        }
        if (decision instanceof Decision.Required r) {
            return requirement(r.requirement());
        }
        Decision.Denied d = (Decision.Denied) decision;
        return forbidden(d.reason(), d.detail());
    }

    /**
     * The answer to {@code e} under {@code profile}: draft-01's exactly as the exception mapper has
     * always written it; draft-11's from the core's {@link ErrorResponse} (RFC 9457 problem
     * details, {@code Signature-Error} without {@code supported_algorithms}, {@code
     * Accept-Signature-Scheme} / {@code Accept-Signature-Alg} where -11 asks for them, never on a
     * {@code 403}) with this origin's {@code Accept-Signature} on signature failures, as draft-01.
     */
    public Response error(AAuthException e, AAuthProfile profile) {
        if (profile == AAuthProfile.DRAFT_01) {
            return errors.toResponse(e);
        }
        ErrorResponse answer =
                ErrorResponse.of(
                        e,
                        profile,
                        new AcceptSignatureScheme(
                                List.copyOf(
                                        new java.util.TreeSet<>(
                                                verifier.policy().allowedSchemes()))));
        Response.ResponseBuilder b = Response.status(answer.status());
        answer.headers().forEach(b::header);
        if (e.error().family() == AAuthError.Family.SIGNATURE && answer.status() == 401) {
            b.header(AAuthExceptionMapper.ACCEPT_SIGNATURE, errors.acceptSignature().headerValue());
        }
        if (e.retryAfter() >= 0) {
            b.header("Retry-After", Long.toString(e.retryAfter()));
        } else if (answer.status() == 503) {
            b.header("Retry-After", "1");
        }
        return b.type(answer.contentType()).entity(answer.body()).build();
    }

    /**
     * {@code 401} with an {@code AAuth-Requirement} that needs no resource token (-11 {@code
     * requirement=person-token}, {@code requirement=agent-token}): "The header carries no
     * additional parameters".
     */
    public static Response requirement(AAuthRequirement requirement) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(AAuthRequirement.NAME, requirement.serialize())
                .header("Cache-Control", "no-store")
                .build();
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
