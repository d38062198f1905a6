package dev.aauth.jakarta.agent;

import dev.aauth.agent.AgentCall;
import dev.aauth.agent.AgentCredentials;
import dev.aauth.agent.AgentEvents;
import dev.aauth.agent.AgentHttp;
import dev.aauth.agent.AuthTokenChallenge;
import dev.aauth.agent.ClarificationHandler;
import dev.aauth.agent.InteractionCallback;
import dev.aauth.agent.RequestSigning;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.header.AAuthRequirement;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.TokenType;
import dev.aauth.token.VerifiedToken;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Signs every request of a REST client as this origin's agent ("Signing (Agent)"): "@method",
 * "@authority", "@path", "signature-key", plus {@code authorization}, {@code content-type} and
 * {@code content-digest} when present or the resource's metadata lists them in {@code
 * additional_signature_components}. The {@code Signature-Key} is the auth token cached for this
 * resource and route (or just obtained, on a retry), else the agent token. It sends {@code
 * AAuth-Capabilities} ("Agents SHOULD include the AAuth-Capabilities header on signed requests to
 * resources") naming what the current call can handle. The body is serialized here (JSON-B for
 * objects) so that the digest covers exactly the bytes sent.
 *
 * <p>Register it with {@code @RegisterProvider(AAuthClientFilter.class)} together with {@link
 * AuthTokenChallengeMapper}; call through {@link AAuthAgent#call}.
 */
public class AAuthClientFilter implements ClientRequestFilter, ClientResponseFilter {

    static final String CAPABILITIES = "AAuth-Capabilities";
    private static final String STARTED = AAuthClientFilter.class.getName() + ".started";
    private static final String SENT_HEADERS = AAuthClientFilter.class.getName() + ".headers";
    private static final String SENT_BODY = AAuthClientFilter.class.getName() + ".body";

    /** JSON-B, made at the first object body (a filter that never sends one needs no provider). */
    private static final class Binding {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    private AAuthAgent agent;

    public AAuthClientFilter() {}

    public AAuthClientFilter(AAuthAgent agent) {
        this.agent = agent;
    }

    private AAuthAgent agent() {
        if (agent == null) {
            agent = CDI.current().select(AAuthAgent.class).get();
        }
        return agent;
    }

    @Override
    public void filter(ClientRequestContext request) throws IOException {
        AAuthAgent a = agent();
        CallContext ctx = CallContext.current();
        AgentCall call = ctx.call;
        AgentCredentials creds = a.credentials(call);
        URI uri = request.getUri();
        String resource = uri.getScheme() + "://" + uri.getRawAuthority();
        String method = request.getMethod();
        String path =
                uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();

        VerifiedToken token = null;
        if (ctx.retryToken != null && resource.equals(ctx.retryResource)) {
            token = ctx.retryToken;
        } else {
            token = a.responder().presentable(creds, resource, method, path, call).orElse(null);
        }
        SignatureKey sigKey =
                token != null ? new SignatureKey.Jwt(token.compact()) : creds.signatureKey();

        byte[] body = body(request);
        Map<String, String> headers = new LinkedHashMap<>();
        request.getStringHeaders()
                .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
        if (body != null && !headers.containsKey("content-type")) {
            MediaType type =
                    request.getMediaType() == null
                            ? MediaType.APPLICATION_JSON_TYPE
                            : request.getMediaType();
            headers.put("content-type", type.toString());
        }
        capabilities(call).ifPresent(c -> headers.put(CAPABILITIES.toLowerCase(Locale.ROOT), c));
        RequestSigning.sign(
                RequestSigning.signer(creds, a.clock()),
                sigKey,
                method,
                uri.toString(),
                headers,
                body,
                a.requiredComponents(resource));
        for (String name :
                List.of(
                        "content-digest",
                        "signature-key",
                        "signature-input",
                        "signature",
                        "content-type",
                        CAPABILITIES.toLowerCase(Locale.ROOT))) {
            if (headers.containsKey(name)) {
                request.getHeaders().putSingle(name, headers.get(name));
            }
        }
        ctx.last =
                new CallContext.SentRequest(
                        resource,
                        method,
                        path,
                        token != null && token.type() == TokenType.AUTH,
                        token,
                        creds.profile());
        if (recordsExchanges(call)) {
            request.setProperty(STARTED, System.nanoTime());
            request.setProperty(SENT_HEADERS, headers);
            request.setProperty(
                    SENT_BODY, body == null ? null : new String(body, StandardCharsets.UTF_8));
        }
    }

    /**
     * Whether the call's events are told each exchange ({@link AgentEvents#exchange}, the demo's
     * flow steps, tracing): only then are the request and response copied for them. A call with
     * {@link AgentEvents#NONE} (every cached call of an agent nobody watches) costs no copy of
     * either body or of the response headers.
     */
    static boolean recordsExchanges(AgentCall call) {
        return call.events() != AgentEvents.NONE;
    }

    /**
     * Whether a response may be a -11 "Deferred Delivery" to complete here: a {@code 202} to a
     * request a draft-11 agent sent.
     */
    static boolean mayBeDeferred(int status, CallContext.SentRequest sent) {
        return status == 202 && sent != null && sent.profile() == AAuthProfile.DRAFT_11;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void filter(ClientRequestContext request, ClientResponseContext response)
            throws IOException {
        CallContext ctx = CallContext.current();
        AgentCall call = ctx.call;
        boolean records = recordsExchanges(call);
        if (!records && !mayBeDeferred(response.getStatus(), ctx.last)) {
            // nobody records this exchange and there is nothing to complete: the response goes to
            // the client as it came (issue 15: no copy of its body and headers per cached call)
            return;
        }
        Object started = request.getProperty(STARTED);
        long millis = started instanceof Long s ? (System.nanoTime() - s) / 1_000_000 : -1;
        String body = null;
        if (response.hasEntity()) {
            // read, not closed: the client still owns (and closes) the original stream
            InputStream in = response.getEntityStream();
            byte[] bytes = in.readAllBytes();
            response.setEntityStream(new ByteArrayInputStream(bytes));
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
        response.getHeaders().forEach((k, v) -> responseHeaders.put(k, new ArrayList<>(v)));
        if (records) {
            call.events()
                    .exchange(
                            "resource",
                            request.getMethod(),
                            request.getUri().toString(),
                            (Map<String, String>) request.getProperty(SENT_HEADERS),
                            (String) request.getProperty(SENT_BODY),
                            response.getStatus(),
                            responseHeaders,
                            body,
                            millis);
        }
        completeDeferredDelivery(request, response, responseHeaders, body);
    }

    /**
     * -11 "Deferred Delivery": a {@code 202} with {@code requirement=auth-token} to a draft-11
     * agent's request ("Agents MUST support both") is completed here, on the caller's thread: the
     * auth token is obtained as for a {@code 401}, the resource's pending URL polled presenting it,
     * and the held invocation's response replaces the {@code 202}, so the REST client method
     * returns it as if it had been answered at once.
     */
    private void completeDeferredDelivery(
            ClientRequestContext request,
            ClientResponseContext response,
            Map<String, List<String>> responseHeaders,
            String body) {
        CallContext ctx = CallContext.current();
        CallContext.SentRequest sent = ctx.last;
        if (!mayBeDeferred(response.getStatus(), sent)) {
            return;
        }
        Object value = null;
        for (Map.Entry<String, List<String>> e : responseHeaders.entrySet()) {
            if (e.getKey().equalsIgnoreCase(AAuthRequirement.NAME) && !e.getValue().isEmpty()) {
                value = e.getValue().get(0);
            }
        }
        AAuthRequirement.AuthTokenRequired required =
                AuthTokenChallengeMapper.authTokenRequired(value);
        if (required == null) {
            return;
        }
        AAuthAgent a = agent();
        AgentHttp.Response done =
                a.responder()
                        .completeDeferred(
                                a.credentials(ctx.call),
                                new AuthTokenChallenge(
                                        required.resourceToken(),
                                        sent.resource(),
                                        sent.method(),
                                        sent.path(),
                                        sent.carriedAuthToken(),
                                        sent.presented()),
                                new AgentHttp.Response(202, responseHeaders, body),
                                request.getUri().toString(),
                                ctx.call);
        response.setStatus(done.status());
        response.getHeaders().clear();
        done.headers().forEach((k, v) -> response.getHeaders().put(k, new ArrayList<>(v)));
        response.setEntityStream(
                new ByteArrayInputStream(
                        (done.body() == null ? "" : done.body()).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The entity as the bytes to send, replacing an object by its JSON (so the digest is of what is
     * sent).
     */
    private static byte[] body(ClientRequestContext request) {
        if (!request.hasEntity()) {
            return null;
        }
        Object entity = request.getEntity();
        byte[] bytes;
        if (entity instanceof byte[] b) {
            bytes = b;
        } else if (entity instanceof String s) {
            bytes = s.getBytes(StandardCharsets.UTF_8);
        } else {
            bytes = Binding.JSONB.toJson(entity).getBytes(StandardCharsets.UTF_8);
        }
        MediaType type =
                request.getMediaType() == null
                        ? MediaType.APPLICATION_JSON_TYPE
                        : request.getMediaType();
        request.setEntity(bytes, request.getEntityAnnotations(), type);
        return bytes;
    }

    /**
     * "AAuth-Capabilities: interaction, clarification": what the call's handlers can do, or
     * nothing.
     */
    static Optional<String> capabilities(AgentCall call) {
        List<String> caps = new ArrayList<>();
        if (call.interaction() != InteractionCallback.NONE) {
            caps.add("interaction");
        }
        if (call.clarification() != ClarificationHandler.CANCEL) {
            caps.add("clarification");
        }
        return caps.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", caps));
    }
}
