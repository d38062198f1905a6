package dev.aauth.jakarta.boundary;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.sigkey.AcceptSignature;
import dev.aauth.sigkey.SignatureError;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * The one place an {@link AAuthException} becomes an HTTP response, whether it is thrown by an
 * endpoint (this is its {@link ExceptionMapper}) or caught by the AAuth request filter.
 *
 * <ul>
 *   <li>Signature-Key codes ({@link AAuthError.Family#SIGNATURE}): AAuth draft, "Verification
 *       (Server)": "Any failure MUST result in a 401 response with the appropriate Signature-Error
 *       header"; Signature-Key draft: "Servers SHOULD use Problem Details [RFC9457]
 *       (application/problem+json) for the response body when returning Signature-Error". Every
 *       endpoint here that verifies signatures needs a verified identity, so the response also
 *       carries {@code Accept-Signature} with {@code sigkey=uri} ("The server requires a signed
 *       request with a URI-identified Signature-Key"), listing the components this origin requires.
 *   <li>Endpoint codes ({@link AAuthError.Family#ENDPOINT}): "Token endpoint errors use
 *       Content-Type: application/json with the following members: error (REQUIRED) ...
 *       error_description (OPTIONAL)", with the status the draft gives the code; the authorization
 *       endpoint's errors "use the same format".
 * </ul>
 *
 * Every such response is {@code Cache-Control: no-store}. The detail never holds a token or key.
 */
@Provider
@ApplicationScoped
public class AAuthExceptionMapper implements ExceptionMapper<AAuthException> {

    public static final String ACCEPT_SIGNATURE = AcceptSignature.NAME;

    @Inject AAuthConfig config;

    private AcceptSignature acceptSignature;

    @PostConstruct
    void init() {
        acceptSignature =
                new AcceptSignature(
                        AAuthRequestSigner.LABEL,
                        CoreProducers.policy(config).requiredComponents(),
                        AcceptSignature.SigKey.URI);
    }

    @Override
    public Response toResponse(AAuthException e) {
        return toResponse(e, acceptSignature);
    }

    /**
     * As {@link #toResponse(AAuthException)}, with another {@code Accept-Signature} (or none, when
     * {@code accept} is null) on signature errors.
     */
    public Response toResponse(AAuthException e, AcceptSignature accept) {
        if (e.error().family() == AAuthError.Family.SIGNATURE) {
            SignatureError header = SignatureError.of(e);
            Response.ResponseBuilder b =
                    Response.status(e.status())
                            .header(SignatureError.NAME, header.headerValue())
                            .header("Cache-Control", "no-store")
                            .type(SignatureError.PROBLEM_JSON)
                            .entity(
                                    header.problemJson(
                                            e.status(),
                                            SignatureError.title(e.code()),
                                            e.detail()));
            if (accept != null) {
                b.header(ACCEPT_SIGNATURE, accept.headerValue());
            }
            return b.build();
        }
        Response r = endpointError(e.status(), e.code(), e.detail());
        if (e.retryAfter() >= 0) {
            // RFC 6585 429 / RFC 9110 503: "The server MAY send a Retry-After header field"; the
            // exception's value replaces endpointError's default for a 503 (one field, not two)
            return Response.fromResponse(r)
                    .header("Retry-After", null)
                    .header("Retry-After", Long.toString(e.retryAfter()))
                    .build();
        }
        return r;
    }

    /** The token-endpoint error format: {@code {"error": code, "error_description": detail}}. */
    public static Response endpointError(int status, String code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        if (description != null) {
            body.put("error_description", description);
        }
        return Response.status(status)
                .header("Cache-Control", "no-store")
                // 503 temporarily_unavailable (a full replay cache, an unreachable database): RFC
                // 9110 "The server MAY send a Retry-After header field"
                .header("Retry-After", status == 503 ? "1" : null)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(JsonUtil.toJson(body))
                .build();
    }

    /** The Accept-Signature this origin sends with signature errors. */
    public AcceptSignature acceptSignature() {
        return acceptSignature;
    }
}
