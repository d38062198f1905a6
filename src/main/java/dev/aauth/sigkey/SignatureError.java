package dev.aauth.sigkey;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.InnerList;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.Member;
import dev.aauth.sfv.StructuredFields;
import dev.aauth.sfv.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;

/**
 * The {@code Signature-Error} response header ("a Dictionary ... with ... error (REQUIRED): A
 * Token") and its Problem Details body ("The type member SHOULD be a URN of the form
 * urn:ietf:params:sig-error:&lt;error-code&gt;").
 *
 * @param error the error code
 * @param requiredInput {@code required_input} for {@code invalid_input}; empty otherwise
 * @param supportedAlgorithms {@code supported_algorithms} for {@code unsupported_algorithm}; empty
 *     otherwise
 */
public record SignatureError(
        String error, List<String> requiredInput, List<String> supportedAlgorithms) {

    public static final String NAME = "Signature-Error";
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:ietf:params:sig-error:";

    public SignatureError {
        requiredInput = List.copyOf(requiredInput);
        supportedAlgorithms = List.copyOf(supportedAlgorithms);
    }

    /** The header for a signature-family failure. */
    public static SignatureError of(AAuthException e) {
        if (e.error().family() != AAuthError.Family.SIGNATURE) {
            throw new IllegalArgumentException(e.code() + " is not a Signature-Error code");
        }
        return new SignatureError(e.code(), e.requiredInput(), e.supportedAlgorithms());
    }

    /**
     * The header value, e.g. {@code error=invalid_input, required_input=("@method" "@authority")}.
     */
    public String headerValue() {
        Dictionary.Builder d = Dictionary.builder().put("error", Item.of(new Token(error)));
        if (!supportedAlgorithms.isEmpty()) {
            d.put("supported_algorithms", strings(supportedAlgorithms));
        }
        if (!requiredInput.isEmpty()) {
            d.put("required_input", strings(requiredInput));
        }
        return StructuredFields.serializeDictionary(d.build());
    }

    /**
     * The header value under {@code profile}: Signature-Key -08 removed {@code
     * supported_algorithms} ("a server states what would have worked in the Accept-Signature-Alg
     * and Accept-Signature-Scheme header fields"), so under {@link AAuthProfile#DRAFT_11} only
     * {@code error} and {@code required_input} are written.
     */
    public String headerValue(AAuthProfile profile) {
        if (profile.signatureErrorListsAlgorithms()) {
            return headerValue();
        }
        return new SignatureError(error, requiredInput, List.of()).headerValue();
    }

    /**
     * The problem+json body under {@code profile}: -11 "Error Response Format": "error (REQUIRED):
     * String. A single error code ... This is an RFC 9457 extension member", so the -11 body adds
     * {@code error} beside -04's {@code type}; {@code supported_algorithms} is -04's only.
     */
    public String problemJson(AAuthProfile profile, int status, String title, String detail) {
        if (profile.signatureErrorListsAlgorithms()) {
            return problemJson(status, title, detail);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + error);
        body.put("title", title);
        body.put("status", status);
        body.put("error", error);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (!requiredInput.isEmpty()) {
            body.put("required_input", requiredInput);
        }
        return JsonUtil.toJson(body);
    }

    /**
     * The problem+json body. "Extension members in the Problem Details object (e.g.,
     * supported_algorithms) MAY duplicate information from the Signature-Error header".
     */
    public String problemJson(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + error);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        if (!supportedAlgorithms.isEmpty()) {
            body.put("supported_algorithms", supportedAlgorithms);
        }
        if (!requiredInput.isEmpty()) {
            body.put("required_input", requiredInput);
        }
        return JsonUtil.toJson(body);
    }

    /** A short human title for each code, for the problem body. */
    public static String title(String code) {
        return switch (code) {
            case "unsupported_algorithm" -> "Unsupported signature algorithm";
            case "invalid_signature" -> "Invalid HTTP message signature";
            case "invalid_input" -> "Required signature components missing";
            case "invalid_request" -> "Invalid signed request";
            case "invalid_key" -> "Invalid signature key";
            case "unknown_key" -> "Unknown signature key";
            case "invalid_jwt" -> "Invalid JWT in Signature-Key";
            case "expired_jwt" -> "Expired JWT in Signature-Key";
            case "unsupported_scheme" -> "Unsupported Signature-Key scheme";
            case "issuer_missing" -> "Signer metadata has no issuer";
            case "issuer_mismatch" -> "Signer metadata issuer does not match";
            default -> "Signature error";
        };
    }

    /**
     * Reads a received header (agent side). "Recipients MUST ignore unknown members"; a header
     * without {@code error} is malformed.
     */
    public static SignatureError parse(String headerValue) {
        if (headerValue == null) {
            throw new AAuthException(
                    AAuthError.SIGNATURE_INVALID_REQUEST, "Signature-Error header missing");
        }
        Dictionary d = StructuredFields.parseDictionary(headerValue);
        Member error = d.get("error");
        if (!(error instanceof Item item) || !(item.value() instanceof Token t)) {
            throw new AAuthException(
                    AAuthError.SIGNATURE_INVALID_REQUEST, "Signature-Error without an error token");
        }
        return new SignatureError(
                t.value(),
                stringList(d.get("required_input")),
                stringList(d.get("supported_algorithms")));
    }

    private static InnerList strings(List<String> values) {
        List<Item> items = new ArrayList<>(values.size());
        for (String v : values) {
            items.add(Item.of(v));
        }
        return InnerList.of(items);
    }

    private static List<String> stringList(Member m) {
        if (!(m instanceof InnerList il)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Item i : il.items()) {
            if (i.value() instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }
}
