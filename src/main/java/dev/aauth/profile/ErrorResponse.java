package dev.aauth.profile;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.error.ProblemDetails;
import dev.aauth.sigkey.AcceptSignatureAlg;
import dev.aauth.sigkey.AcceptSignatureScheme;
import dev.aauth.sigkey.SignatureError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The whole HTTP answer to an {@link AAuthException} under one draft: status, headers, content type
 * and body. A boundary copies it onto its response and adds nothing AAuth-specific, so the rules
 * below hold in one place:
 *
 * <ul>
 *   <li>Signature failures: "Any failure MUST result in a 401 response with the appropriate
 *       Signature-Error header". -11 adds: "A server returning unsupported_scheme SHOULD include
 *       Accept-Signature-Scheme, and one returning unsupported_algorithm SHOULD include
 *       Accept-Signature-Alg"; -08 dropped {@code supported_algorithms} from {@code
 *       Signature-Error}.
 *   <li>"A 403 response denies access after the signature verified ... such a response MUST NOT
 *       include a Signature-Error, Accept-Signature-Scheme, or Accept-Signature-Alg header": only
 *       the signature family gets those headers and it is always 401; {@link #of} refuses to build
 *       anything else.
 *   <li>Endpoint failures: {@link ProblemDetails} in the draft's shape.
 * </ul>
 *
 * Every answer is {@code Cache-Control: no-store}; the detail never holds a token or key.
 *
 * @param status the HTTP status
 * @param headers header name to value, in order
 * @param contentType the body's media type
 * @param body the body
 */
public record ErrorResponse(
        int status, Map<String, String> headers, String contentType, String body) {

    public ErrorResponse {
        headers = Map.copyOf(headers);
        if (status == 403
                && (headers.containsKey(SignatureError.NAME)
                        || headers.containsKey(AcceptSignatureScheme.NAME)
                        || headers.containsKey(AcceptSignatureAlg.NAME))) {
            throw new IllegalArgumentException(
                    "a 403 MUST NOT carry Signature-Error or Accept-Signature-* headers");
        }
    }

    /**
     * The answer to {@code e} under {@code profile}.
     *
     * @param acceptedSchemes what this server accepts, for {@code unsupported_scheme} (-11)
     */
    public static ErrorResponse of(
            AAuthException e, AAuthProfile profile, AcceptSignatureScheme acceptedSchemes) {
        Objects.requireNonNull(profile, "profile");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        if (e.error().family() == AAuthError.Family.SIGNATURE) {
            SignatureError se = SignatureError.of(e);
            headers.put(SignatureError.NAME, se.headerValue(profile));
            if (profile == AAuthProfile.DRAFT_11) {
                if (e.error() == AAuthError.UNSUPPORTED_SCHEME && acceptedSchemes != null) {
                    headers.put(AcceptSignatureScheme.NAME, acceptedSchemes.headerValue());
                }
                if (e.error() == AAuthError.UNSUPPORTED_ALGORITHM) {
                    headers.put(
                            AcceptSignatureAlg.NAME, AcceptSignatureAlg.of(profile).headerValue());
                }
            }
            return new ErrorResponse(
                    e.status(),
                    headers,
                    SignatureError.PROBLEM_JSON,
                    se.problemJson(
                            profile, e.status(), SignatureError.title(e.code()), e.detail()));
        }
        boolean problem = profile.problemDetails();
        return new ErrorResponse(
                e.status(),
                headers,
                ProblemDetails.contentType(problem),
                ProblemDetails.of(e).json(problem));
    }
}
