package dev.aauth.header;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jose.Base64Url;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.Member;
import dev.aauth.sfv.Parameters;
import dev.aauth.sfv.StructuredFields;
import dev.aauth.token.Mission;
import java.util.List;
import java.util.Objects;

/**
 * The {@code AAuth-Mission} request header ("AAuth-Mission Request Header"):
 *
 * <pre>
 * AAuth-Mission: approver="https://ps.example"; s256="dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
 * </pre>
 *
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
 * its own. Both are read; {@link #serialize} writes the example's form.
 */
public final class MissionHeader {

    public static final String NAME = "AAuth-Mission";

    /** The covered component an agent adds to its signature: the field name in lowercase. */
    public static final String COMPONENT = "aauth-mission";

    private MissionHeader() {}

    /**
     * The mission of a verified request: from its {@code AAuth-Mission} header when the verified
     * signature covers it; null when absent or not covered.
     *
     * @throws AAuthException {@code invalid_request} when the covered header is malformed
     */
    public static Mission signedMission(
            HttpRequestMessage request, VerifiedRequest verified, SecurityMode mode) {
        List<String> lines = request.fields().lines(COMPONENT);
        if (lines == null || lines.isEmpty() || !verified.covers(COMPONENT)) {
            return null;
        }
        return parse(lines, mode);
    }

    /**
     * Parses the header's field lines: {@code approver}, a server identifier ("The HTTPS URL of the
     * entity that approved the mission"; {@link SecurityMode#DEVELOPMENT} also allows http and
     * loopback), and {@code s256} ("The base64url-encoded SHA-256 hash of the approved mission
     * JSON": 43 characters decoding to 32 bytes).
     *
     * @throws AAuthException {@code invalid_request} on any failure
     */
    public static Mission parse(List<String> lines, SecurityMode mode) {
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
        return checked(approverItem.stringValue(), s256, mode);
    }

    /**
     * The field value an agent sends, as the draft's example writes it: {@code
     * approver="https://ps.example";s256="..."}.
     *
     * @throws AAuthException {@code invalid_request} when the mission is not one {@link #parse}
     *     accepts
     */
    public static String serialize(Mission mission, SecurityMode mode) {
        Objects.requireNonNull(mission, "mission");
        checked(mission.approver(), mission.s256(), mode);
        Item approver =
                new Item(
                        mission.approver(),
                        Parameters.builder().put("s256", mission.s256()).build());
        return StructuredFields.serializeDictionary(
                Dictionary.builder().put("approver", approver).build());
    }

    private static Mission checked(String approver, String s256, SecurityMode mode) {
        if (approver == null || s256 == null) {
            throw invalid("AAuth-Mission needs approver and s256");
        }
        ServerIdentifier.parse(approver, mode, AAuthError.INVALID_REQUEST);
        if (s256.length() != 43
                || Base64Url.decode(s256, AAuthError.INVALID_REQUEST, "AAuth-Mission s256").length
                        != 32) {
            throw invalid("AAuth-Mission s256 must be a base64url SHA-256 hash");
        }
        return new Mission(approver, s256);
    }

    private static AAuthException invalid(String detail) {
        return new AAuthException(AAuthError.INVALID_REQUEST, detail);
    }
}
