package dev.aauth.jakarta.resource;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.ComponentIdentifier;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.httpsig.SignatureSet;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jose.Base64Url;
import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.Member;
import dev.aauth.sfv.StructuredFields;
import dev.aauth.token.Mission;
import java.util.List;

/**
 * The {@code AAuth-Mission} request header ("AAuth-Mission Request Header"):
 * <pre>AAuth-Mission: approver="https://ps.example"; s256="dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"</pre>
 * "When a mission-aware resource receives a request with the AAuth-Mission header, it includes the
 * mission object (approver and s256) in the resource token it issues."
 *
 * <p>Only a signed header counts: "When the agent is operating in a mission context, it includes
 * the AAuth-Mission header and adds aauth-mission to the signed components". A header that the
 * verified signature does not cover is ignored, as an unsigned one could have been added by anyone
 * on the path. A covered but malformed header is {@code invalid_request} (400).
 *
 * <p>Syntax: the field is a Dictionary; the draft's example separates {@code s256} with {@code ;},
 * which makes it a parameter of the {@code approver} member, while a {@code ,} makes it a member of
 * its own. Both are accepted.
 */
public final class MissionHeader {

    public static final String NAME = "AAuth-Mission";
    public static final String COMPONENT = "aauth-mission";
    private static final ComponentIdentifier ID = ComponentIdentifier.of(COMPONENT);

    private MissionHeader() {
    }

    /**
     * The mission of a verified request: from its {@code AAuth-Mission} header when the signature
     * labelled {@code label} covers it; null when absent or not covered.
     */
    public static Mission signedMission(HttpRequestMessage request, String label, SecurityMode mode) {
        List<String> lines = request.fields().lines(COMPONENT);
        if (lines == null || lines.isEmpty()) {
            return null;
        }
        if (!SignatureSet.from(request.fields()).get(label).input().covers(ID)) {
            return null;
        }
        return parse(lines, mode);
    }

    /** Parses the header field lines; failures are {@code invalid_request}. */
    static Mission parse(List<String> lines, SecurityMode mode) {
        Dictionary d;
        try {
            d = StructuredFields.parseDictionary(lines);
        } catch (RuntimeException e) {
            throw invalid("AAuth-Mission is not a structured-field dictionary");
        }
        Member approverMember = d.get("approver");
        if (!(approverMember instanceof Item approverItem) || approverItem.stringValue() == null) {
            throw invalid("AAuth-Mission approver must be a String");
        }
        String s256 = approverItem.parameters().getString("s256");
        if (s256 == null && d.get("s256") instanceof Item s && s.stringValue() != null) {
            s256 = s.stringValue();
        }
        if (s256 == null) {
            throw invalid("AAuth-Mission s256 must be a String");
        }
        // "approver: The HTTPS URL of the entity that approved the mission" (a Person Server)
        String approver = approverItem.stringValue();
        ServerIdentifier.parse(approver, mode, AAuthError.INVALID_REQUEST);
        // "s256: The base64url-encoded SHA-256 hash of the approved mission JSON"
        if (s256.length() != 43 || Base64Url.decode(s256, AAuthError.INVALID_REQUEST, "AAuth-Mission s256").length != 32) {
            throw invalid("AAuth-Mission s256 must be a base64url SHA-256 hash");
        }
        return new Mission(approver, s256);
    }

    private static AAuthException invalid(String detail) {
        return new AAuthException(AAuthError.INVALID_REQUEST, detail);
    }
}
