package dev.aauth.jakarta.personserver;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jakarta.boundary.CoreProducers;
import dev.aauth.personserver.TokenExchange;
import dev.aauth.profile.AAuthRequestSigner;
import dev.aauth.profile.ErrorResponse;
import dev.aauth.sigkey.AcceptSignature;
import dev.aauth.sigkey.AcceptSignatureScheme;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * How the Person Server's draft -11 endpoints ({@link PersonTokenEndpoint}, {@link
 * AuthTokenEndpoint}) answer: the one place their {@link AAuthException}s become HTTP, as {@link
 * ErrorResponse} shapes them under -11 (RFC 9457 {@code application/problem+json} with {@code
 * error} and {@code detail}; {@code Signature-Error} without {@code supported_algorithms}; {@code
 * Accept-Signature-Scheme} / {@code Accept-Signature-Alg} where -11 asks for them; never those on a
 * {@code 403}), plus {@code Accept-Signature} naming what these endpoints require on signature
 * failures and {@code Retry-After} when the error carries one. Every answer is {@code
 * Cache-Control: no-store}.
 */
final class Draft11Answers {

    private Draft11Answers() {}

    /**
     * What a refused signature at these endpoints is told to cover: the token endpoint's components
     * and, since every request here has a body, content-type and content-digest ("Every request
     * with a body to a PS ... MUST sign content-digest and content-type").
     */
    static final AcceptSignature ACCEPT_SIGNATURE = acceptSignature();

    private static AcceptSignature acceptSignature() {
        List<String> components = new ArrayList<>(TokenExchange.ACCEPT_SIGNATURE.components());
        for (String c : CoreProducers.SERVER_BODY_COMPONENTS) {
            if (!components.contains(c)) {
                components.add(c);
            }
        }
        return new AcceptSignature(
                AAuthRequestSigner.LABEL, components, AcceptSignature.SigKey.URI);
    }

    /** {@code 200} with {@code json}, {@code Cache-Control: no-store}. */
    static Response ok(Map<String, Object> json) {
        return Response.ok(JsonUtil.toJson(json))
                .type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .build();
    }

    /** The -11 answer to {@code e}. */
    static Response error(AAuthException e) {
        return error(e, ACCEPT_SIGNATURE);
    }

    /**
     * The -11 answer to {@code e}, naming {@code accept} on signature failures (the pending URL's
     * {@code GET} and {@code DELETE} have no body to cover).
     */
    static Response error(AAuthException e, AcceptSignature accept) {
        ErrorResponse r = ErrorResponse.of(e, AAuthProfile.DRAFT_11, AcceptSignatureScheme.AAUTH);
        Response.ResponseBuilder b =
                Response.status(r.status()).type(r.contentType()).entity(r.body());
        r.headers().forEach(b::header);
        if (e.error().family() == AAuthError.Family.SIGNATURE) {
            b.header(AcceptSignature.NAME, accept.headerValue());
        }
        if (e.retryAfter() >= 0) {
            b.header("Retry-After", Long.toString(e.retryAfter()));
        } else if (r.status() == 503) {
            b.header("Retry-After", "1");
        }
        return b.build();
    }

    /** {@code 404}: draft-11 is not served here ({@code aauth.profiles}). */
    static Response notServed() {
        return Response.status(Response.Status.NOT_FOUND)
                .header("Cache-Control", "no-store")
                .build();
    }
}
