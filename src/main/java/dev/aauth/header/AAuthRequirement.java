package dev.aauth.header;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.EndpointUrl;
import dev.aauth.id.SecurityMode;
import dev.aauth.jose.Jws;
import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.Member;
import dev.aauth.sfv.Parameters;
import dev.aauth.sfv.StructuredFields;
import dev.aauth.sfv.Token;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code AAuth-Requirement} response header ("Requirement Responses"), parsed by agents and
 * written by resources, Person Servers and access servers.
 *
 * <p>"AAuth-Requirement Header Structure": "The AAuth-Requirement header field is a Dictionary
 * ([RFC8941], Section 3.2). It MUST contain the following member: requirement: A Token ([RFC8941],
 * Section 3.3.4) indicating the requirement type. Additional members are defined per requirement
 * value. Recipients MUST ignore unknown members."
 *
 * <p>Where the values of a requirement go: the draft's examples put them after a {@code ;} ({@code
 * requirement=auth-token; resource-token="eyJ..."}), which makes them parameters of the {@code
 * requirement} member, while the prose calls them both "parameters" ("The header MUST include a
 * resource-token parameter") and "members". They are written here as parameters, exactly as the
 * examples show, and read from either place: a parameter of {@code requirement} first, else a
 * Dictionary member of the same name. Unknown members and unknown parameters are ignored.
 *
 * <p>"The requirement value is an extension point": a value this code does not know parses to
 * {@link Other}, so the caller decides what to do with it.
 *
 * <p>Malformed headers (not a Dictionary, no Token {@code requirement}, a required value missing or
 * invalid) are {@code invalid_request}: the draft defines no error code for a malformed response
 * header, and the failure is the message's.
 */
public sealed interface AAuthRequirement {

    String NAME = "AAuth-Requirement";

    /** The {@code requirement} Token, e.g. {@code auth-token}. */
    String value();

    /** The field value, e.g. {@code requirement=auth-token;resource-token="eyJ..."}. */
    default String serialize() {
        return StructuredFields.serializeDictionary(
                Dictionary.builder()
                        .put("requirement", new Item(new Token(value()), parameters()))
                        .build());
    }

    /** The parameters written after {@code requirement=<value>}, in order. */
    Parameters parameters();

    /**
     * "Auth Token Required": "A resource MUST use requirement=auth-token with a 401 Unauthorized
     * response when an auth token is required. The header MUST include a resource-token parameter
     * containing a resource token JWT." Checked here: a JWS compact serialization (three base64url
     * parts) of at most {@link Jws#MAX_COMPACT_LENGTH} characters; verifying it is the agent's next
     * step ("Resource Challenge Verification").
     */
    record AuthTokenRequired(String resourceToken) implements AAuthRequirement {

        public static final String VALUE = "auth-token";
        private static final Pattern COMPACT_JWS =
                Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

        public AuthTokenRequired {
            if (resourceToken == null
                    || resourceToken.length() > Jws.MAX_COMPACT_LENGTH
                    || !COMPACT_JWS.matcher(resourceToken).matches()) {
                throw invalid(
                        "resource-token must be a resource token JWT (compact serialization)");
            }
        }

        @Override
        public String value() {
            return VALUE;
        }

        @Override
        public Parameters parameters() {
            return Parameters.builder().put("resource-token", resourceToken).build();
        }
    }

    /**
     * "Interaction Required" ({@code 202}): "The AAuth-Requirement header MUST include the
     * following parameters: url (String): The interaction URL where the user completes the required
     * action. MUST use the https scheme and MUST NOT contain query or fragment components. code
     * (String): An interaction code". The URL follows {@link EndpointUrl}'s rules (https, no query,
     * no fragment; {@link SecurityMode#DEVELOPMENT} also allows http and loopback); the code is a
     * non-empty printable-ASCII String of at most {@value #MAX_CODE_LENGTH} characters.
     */
    record InteractionRequired(EndpointUrl url, String code) implements AAuthRequirement {

        public static final String VALUE = "interaction";
        public static final int MAX_CODE_LENGTH = 256;

        public InteractionRequired {
            Objects.requireNonNull(url, "url");
            if (code == null
                    || code.isEmpty()
                    || code.length() > MAX_CODE_LENGTH
                    || !isPrintableAscii(code)) {
                throw invalid("code must be a non-empty String of printable ASCII");
            }
        }

        /** Validates {@code url} in {@code mode}; failures are {@code invalid_request}. */
        public static InteractionRequired of(String url, String code, SecurityMode mode) {
            return new InteractionRequired(
                    EndpointUrl.parse(url, mode, AAuthError.INVALID_REQUEST), code);
        }

        /**
         * "The agent constructs a user-facing URL by appending the code as a query parameter:
         * {url}?code={code}" (the code percent-encoded).
         */
        public String userUrl() {
            return url.value() + "?code=" + encode(code);
        }

        /**
         * "When the agent has a browser, it MAY append a {@code callback} parameter: {@code
         * {url}?code={code}&callback={callback_url}}" (the callback percent-encoded).
         */
        public static String withCallback(String userUrl, String callback) {
            return userUrl + "&callback=" + encode(callback);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        }

        @Override
        public String value() {
            return VALUE;
        }

        @Override
        public Parameters parameters() {
            return Parameters.builder().put("url", url.value()).put("code", code).build();
        }
    }

    /**
     * -11 "Agent Token Required" ({@code 401}): "A resource that requires only the agent's identity
     * ... uses requirement=agent-token ... The header carries no additional parameters".
     */
    record AgentTokenRequired() implements AAuthRequirement {

        public static final String VALUE = "agent-token";

        @Override
        public String value() {
            return VALUE;
        }

        @Override
        public Parameters parameters() {
            return Parameters.EMPTY;
        }
    }

    /**
     * -11 "Person Token Required" ({@code 401}): "A resource that receives an authorization
     * endpoint request carrying no person token ... uses requirement=person-token ... The header
     * carries no additional parameters".
     */
    record PersonTokenRequired() implements AAuthRequirement {

        public static final String VALUE = "person-token";

        @Override
        public String value() {
            return VALUE;
        }

        @Override
        public Parameters parameters() {
            return Parameters.EMPTY;
        }
    }

    /** "Approval Pending" ({@code 202}): {@code requirement=approval}, nothing else. */
    record ApprovalPending() implements AAuthRequirement {

        public static final String VALUE = "approval";

        @Override
        public String value() {
            return VALUE;
        }

        @Override
        public Parameters parameters() {
            return Parameters.EMPTY;
        }
    }

    /**
     * "Clarification Required" ({@code 202}): "A server MUST use requirement=clarification with a
     * 202 Accepted response when it needs the recipient to answer a question before proceeding";
     * the question itself is in the body.
     */
    record ClarificationRequired() implements AAuthRequirement {

        public static final String VALUE = "clarification";

        @Override
        public String value() {
            return VALUE;
        }

        @Override
        public Parameters parameters() {
            return Parameters.EMPTY;
        }
    }

    /**
     * "Claims Required" ({@code 202}): "A server MUST use requirement=claims with a 202 Accepted
     * response when it needs identity claims"; the claim names are in the body.
     */
    record ClaimsRequired() implements AAuthRequirement {

        public static final String VALUE = "claims";

        @Override
        public String value() {
            return VALUE;
        }

        @Override
        public Parameters parameters() {
            return Parameters.EMPTY;
        }
    }

    /**
     * A {@code requirement} value this code does not define ("an extension point"); its other
     * members are dropped.
     */
    record Other(String value) implements AAuthRequirement {

        public Other {
            try {
                StructuredFields.serializeBareItem(new Token(value)); // refuses what is not a Token
            } catch (RuntimeException e) {
                throw invalid("requirement must be a Token");
            }
            if (List.of(
                            AgentTokenRequired.VALUE,
                            PersonTokenRequired.VALUE,
                            AuthTokenRequired.VALUE,
                            InteractionRequired.VALUE,
                            ApprovalPending.VALUE,
                            ClarificationRequired.VALUE,
                            ClaimsRequired.VALUE)
                    .contains(value)) {
                throw invalid("'" + value + "' is a defined requirement; use its own type");
            }
        }

        @Override
        public Parameters parameters() {
            return Parameters.EMPTY;
        }
    }

    /** {@code requirement=auth-token; resource-token="<jwt>"}. */
    static AuthTokenRequired authToken(String resourceToken) {
        return new AuthTokenRequired(resourceToken);
    }

    /** {@code requirement=interaction; url="<url>"; code="<code>"}. */
    static InteractionRequired interaction(String url, String code, SecurityMode mode) {
        return InteractionRequired.of(url, code, mode);
    }

    /** {@code requirement=agent-token} (-11). */
    static AgentTokenRequired agentToken() {
        return new AgentTokenRequired();
    }

    /** {@code requirement=person-token} (-11). */
    static PersonTokenRequired personToken() {
        return new PersonTokenRequired();
    }

    /** {@code requirement=approval}. */
    static ApprovalPending approval() {
        return new ApprovalPending();
    }

    /** {@code requirement=clarification}. */
    static ClarificationRequired clarification() {
        return new ClarificationRequired();
    }

    /** {@code requirement=claims}. */
    static ClaimsRequired claims() {
        return new ClaimsRequired();
    }

    /** Parses one field value; see {@link #parse(List, SecurityMode)}. */
    static AAuthRequirement parse(String fieldValue, SecurityMode mode) {
        return parse(fieldValue == null ? null : List.of(fieldValue), mode);
    }

    /**
     * Parses the field lines of an {@code AAuth-Requirement} header (combined as one Dictionary).
     * {@code mode} governs the interaction URL's scheme and host.
     *
     * @throws AAuthException {@code invalid_request} when the header is absent or malformed
     */
    static AAuthRequirement parse(List<String> fieldLines, SecurityMode mode) {
        Objects.requireNonNull(mode, "mode");
        if (fieldLines == null || fieldLines.isEmpty()) {
            throw invalid("AAuth-Requirement is missing");
        }
        Dictionary d;
        try {
            d = StructuredFields.parseDictionary(fieldLines);
        } catch (RuntimeException e) {
            throw invalid("AAuth-Requirement is not a structured-field Dictionary");
        }
        // "It MUST contain the following member: requirement: A Token"
        if (!(d.get("requirement") instanceof Item requirement) || !requirement.isToken()) {
            throw invalid("AAuth-Requirement must contain the member requirement, a Token");
        }
        return switch (requirement.tokenValue()) {
            case AuthTokenRequired.VALUE ->
                    new AuthTokenRequired(requiredString(d, requirement, "resource-token"));
            case InteractionRequired.VALUE ->
                    InteractionRequired.of(
                            requiredString(d, requirement, "url"),
                            requiredString(d, requirement, "code"),
                            mode);
            case ApprovalPending.VALUE -> new ApprovalPending();
            case AgentTokenRequired.VALUE -> new AgentTokenRequired();
            case PersonTokenRequired.VALUE -> new PersonTokenRequired();
            case ClarificationRequired.VALUE -> new ClarificationRequired();
            case ClaimsRequired.VALUE -> new ClaimsRequired();
            default -> new Other(requirement.tokenValue());
        };
    }

    /**
     * A String value: a parameter of {@code requirement}, else a Dictionary member of that name.
     */
    private static String requiredString(Dictionary d, Item requirement, String name) {
        Object value = requirement.parameters().get(name);
        if (value == null) {
            Member member = d.get(name);
            value = member instanceof Item item ? item.value() : null;
        }
        if (!(value instanceof String s)) {
            throw invalid(
                    "requirement="
                            + requirement.tokenValue()
                            + " must include "
                            + name
                            + " (a String)");
        }
        return s;
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static AAuthException invalid(String detail) {
        return new AAuthException(AAuthError.INVALID_REQUEST, detail);
    }
}
