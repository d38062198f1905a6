package dev.aauth.discovery;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.EndpointUrl;
import dev.aauth.id.OtherUrl;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A parsed, validated {@code {iss}/.well-known/{dwk}} metadata document (draft, "Metadata
 * Documents").
 *
 * <p>Validation when parsing (any failure rejects the whole document with the caller's code):
 *
 * <ul>
 *   <li>The body is one JSON object without duplicate member names.
 *   <li>{@code issuer} is REQUIRED and must equal, by exact string comparison, the server
 *       identifier the document was fetched from: "{@code issuer} (REQUIRED): ... MUST match the
 *       URL used to fetch the metadata document." The draft states this for person server and
 *       access server metadata; it is applied to every document, since otherwise {@code
 *       https://evil.example} could publish metadata naming another issuer.
 *   <li>{@code jwks_uri} is REQUIRED (it is in all four documents) and, like {@code tos_uri},
 *       {@code policy_uri}, {@code logo_uri} and {@code logo_dark_uri}, "MUST use the {@code https}
 *       scheme" ({@link OtherUrl}).
 *   <li>{@code token_endpoint}, {@code authorization_endpoint}, {@code mission_endpoint} and {@code
 *       callback_endpoint} follow "Endpoint URLs" ({@link EndpointUrl}: https, no query, no
 *       fragment). The other {@code *_endpoint} members the draft defines must be https URLs
 *       ({@link OtherUrl}); the draft gives them no stricter rule.
 *   <li>Known members have their documented JSON types: strings; {@code scope_descriptions} an
 *       object of strings; {@code signature_window} a positive integer; {@code
 *       localhost_callback_allowed} a boolean; {@code additional_signature_components}, {@code
 *       scopes_supported} and {@code claims_supported} arrays of strings.
 * </ul>
 *
 * Unknown members are kept in {@link #raw()} and otherwise ignored. Every value is untrusted input:
 * "Implementations MUST sanitize all values before rendering to users" applies to {@code
 * client_name}, {@code scope_descriptions} (Markdown) and the rest.
 */
public final class MetadataDocument {

    /** Agent provider metadata. */
    public static final String AGENT = "aauth-agent.json";

    /** Resource metadata. */
    public static final String RESOURCE = "aauth-resource.json";

    /** Person server metadata. */
    public static final String PERSON = "aauth-person.json";

    /** Access server metadata. */
    public static final String ACCESS = "aauth-access.json";

    /** Default for {@code signature_window}: "Default: 60." */
    public static final int DEFAULT_SIGNATURE_WINDOW = 60;

    private static final Pattern DWK = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private static final Set<String> ENDPOINT_URLS =
            Set.of(
                    "token_endpoint",
                    "auth_token_endpoint",
                    "person_token_endpoint",
                    "authorization_endpoint",
                    "mission_endpoint",
                    "callback_endpoint");
    private static final Set<String> HTTPS_URLS =
            Set.of(
                    "jwks_uri",
                    "tos_uri",
                    "policy_uri",
                    "logo_uri",
                    "logo_dark_uri",
                    "permission_endpoint",
                    "audit_endpoint",
                    "interaction_endpoint",
                    "mission_control_endpoint",
                    "revocation_endpoint",
                    "login_endpoint");
    private static final Set<String> STRINGS =
            Set.of("client_name", "name", "description", "access_mode");
    private static final Set<String> STRING_ARRAYS =
            Set.of(
                    "additional_signature_components",
                    "scopes_supported",
                    "claims_supported",
                    "accept_signature_algs");

    private final ServerIdentifier issuer;
    private final String dwk;
    private final Map<String, Object> raw;

    private MetadataDocument(ServerIdentifier issuer, String dwk, Map<String, Object> raw) {
        this.issuer = issuer;
        this.dwk = dwk;
        this.raw = raw;
    }

    // ---------------------------------------------------------------- dwk

    /**
     * True for a simple file name under {@code /.well-known/}: letters, digits, {@code .}, {@code
     * _}, {@code -}, starting with a letter or digit, at most 128 characters, no {@code /} and no
     * {@code ..}.
     */
    public static boolean isValidDwk(String dwk) {
        return dwk != null && DWK.matcher(dwk).matches() && !dwk.contains("..");
    }

    /** Returns {@code dwk} if {@link #isValidDwk valid}, else throws {@code codeOnFailure}. */
    public static String requireDwk(String dwk, AAuthError codeOnFailure) {
        if (!isValidDwk(dwk)) {
            throw new AAuthException(codeOnFailure, "invalid dwk (must be a simple file name)");
        }
        return dwk;
    }

    /** {@code {iss}/.well-known/{dwk}}. */
    public static String url(ServerIdentifier issuer, String dwk, AAuthError codeOnFailure) {
        return issuer.wellKnown(requireDwk(dwk, codeOnFailure));
    }

    // ---------------------------------------------------------------- parsing

    /** Parses a fetched body (UTF-8 JSON). */
    public static MetadataDocument parse(
            byte[] body,
            ServerIdentifier fetchedFrom,
            String dwk,
            SecurityMode mode,
            AAuthError codeOnFailure) {
        Map<String, Object> map;
        try {
            map = JsonUtil.parseJson(new String(body, StandardCharsets.UTF_8));
        } catch (JoseException | RuntimeException e) {
            throw new AAuthException(codeOnFailure, "metadata is not a valid JSON object");
        }
        if (map == null) {
            throw new AAuthException(codeOnFailure, "metadata is not a valid JSON object");
        }
        return parse(map, fetchedFrom, dwk, mode, codeOnFailure);
    }

    /** Validates an already parsed JSON object (see the class comment for the rules). */
    public static MetadataDocument parse(
            Map<String, ?> document,
            ServerIdentifier fetchedFrom,
            String dwk,
            SecurityMode mode,
            AAuthError codeOnFailure) {
        Objects.requireNonNull(fetchedFrom, "fetchedFrom");
        Objects.requireNonNull(mode, "mode");
        AAuthError code = Objects.requireNonNull(codeOnFailure, "codeOnFailure");
        requireDwk(dwk, code);
        if (document == null) {
            throw new AAuthException(code, "metadata is missing");
        }
        Object issuer = document.get("issuer");
        if (!(issuer instanceof String)) {
            throw new AAuthException(code, "metadata issuer is missing");
        }
        if (!fetchedFrom.matches((String) issuer)) {
            throw new AAuthException(
                    code,
                    "metadata issuer does not match the URL used to fetch the metadata document");
        }
        if (document.get("jwks_uri") == null) {
            throw new AAuthException(code, "metadata jwks_uri is missing");
        }
        for (Map.Entry<String, ?> e : document.entrySet()) {
            checkMember(e.getKey(), e.getValue(), mode, code);
        }
        return new MetadataDocument(
                fetchedFrom, dwk, Collections.unmodifiableMap(new LinkedHashMap<>(document)));
    }

    private static void checkMember(String name, Object value, SecurityMode mode, AAuthError code) {
        if (ENDPOINT_URLS.contains(name)) {
            EndpointUrl.parse(string(name, value, code), mode, code);
        } else if (HTTPS_URLS.contains(name)) {
            OtherUrl.parse(string(name, value, code), mode, code);
        } else if (STRINGS.contains(name)) {
            string(name, value, code);
        } else if (STRING_ARRAYS.contains(name)) {
            stringList(name, value, code);
        } else if (name.equals("scope_descriptions")) {
            if (!(value instanceof Map)) {
                throw new AAuthException(code, "metadata scope_descriptions must be an object");
            }
            for (Object v : ((Map<?, ?>) value).values()) {
                if (!(v instanceof String)) {
                    throw new AAuthException(
                            code, "metadata scope_descriptions values must be strings");
                }
            }
        } else if (name.equals("signature_window")) {
            if (!(value instanceof Long) || (Long) value < 1 || (Long) value > Integer.MAX_VALUE) {
                throw new AAuthException(
                        code, "metadata signature_window must be a positive integer");
            }
        } else if (name.equals("localhost_callback_allowed")) {
            if (!(value instanceof Boolean)) {
                throw new AAuthException(
                        code, "metadata localhost_callback_allowed must be a boolean");
            }
        }
    }

    private static String string(String name, Object value, AAuthError code) {
        if (!(value instanceof String)) {
            throw new AAuthException(code, "metadata " + name + " must be a string");
        }
        return (String) value;
    }

    private static List<String> stringList(String name, Object value, AAuthError code) {
        if (!(value instanceof List)) {
            throw new AAuthException(code, "metadata " + name + " must be an array of strings");
        }
        for (Object o : (List<?>) value) {
            if (!(o instanceof String)) {
                throw new AAuthException(code, "metadata " + name + " must be an array of strings");
            }
        }
        @SuppressWarnings("unchecked")
        List<String> list = (List<String>) value;
        return list;
    }

    // ---------------------------------------------------------------- accessors

    /** The issuer; equal to the identifier the document was fetched from. */
    public ServerIdentifier issuer() {
        return issuer;
    }

    /** The well-known document name it was fetched as, e.g. {@code aauth-agent.json}. */
    public String dwk() {
        return dwk;
    }

    /** The whole JSON object, unmodifiable (nested values as parsed by jose4j: do not modify). */
    public Map<String, Object> raw() {
        return raw;
    }

    /** A string member (known or extension), if present. */
    public Optional<String> string(String name) {
        Object v = raw.get(name);
        return v instanceof String ? Optional.of((String) v) : Optional.empty();
    }

    /** {@code jwks_uri} (REQUIRED, validated https URL). */
    public String jwksUri() {
        return (String) raw.get("jwks_uri");
    }

    public Optional<String> clientName() {
        return string("client_name");
    }

    /**
     * The display name: -11 {@code name} ("Human-readable display name"), else -01 {@code
     * client_name}.
     */
    public Optional<String> displayName() {
        return string("name").or(() -> string("client_name"));
    }

    /**
     * The PS/AS token endpoint: -11 {@code auth_token_endpoint} ("Renamed the PS and AS metadata
     * field token_endpoint to auth_token_endpoint") for {@link AAuthProfile#DRAFT_11}, -01 {@code
     * token_endpoint} for {@link AAuthProfile#DRAFT_01}.
     */
    public Optional<String> authTokenEndpoint(AAuthProfile profile) {
        return string(profile.authTokenEndpointMember());
    }

    /** -11 {@code person_token_endpoint} ("REQUIRED in PS metadata"). */
    public Optional<String> personTokenEndpoint() {
        return string("person_token_endpoint");
    }

    /**
     * -11 resource {@code access_mode}: "Default: agent-token"; an unknown value is returned as is
     * ("An agent that does not recognize a declared value proceeds as it would with no
     * declaration").
     */
    public String accessMode() {
        return string("access_mode").orElse("agent-token");
    }

    /** -11 {@code accept_signature_algs}; empty if absent. */
    public List<String> acceptSignatureAlgs() {
        return list("accept_signature_algs");
    }

    public Optional<String> logoUri() {
        return string("logo_uri");
    }

    public Optional<String> logoDarkUri() {
        return string("logo_dark_uri");
    }

    public Optional<String> tosUri() {
        return string("tos_uri");
    }

    public Optional<String> policyUri() {
        return string("policy_uri");
    }

    public Optional<String> tokenEndpoint() {
        return string("token_endpoint");
    }

    public Optional<String> authorizationEndpoint() {
        return string("authorization_endpoint");
    }

    public Optional<String> revocationEndpoint() {
        return string("revocation_endpoint");
    }

    public Optional<String> callbackEndpoint() {
        return string("callback_endpoint");
    }

    public Optional<String> missionEndpoint() {
        return string("mission_endpoint");
    }

    public Optional<String> permissionEndpoint() {
        return string("permission_endpoint");
    }

    public Optional<String> auditEndpoint() {
        return string("audit_endpoint");
    }

    public Optional<String> interactionEndpoint() {
        return string("interaction_endpoint");
    }

    public Optional<String> missionControlEndpoint() {
        return string("mission_control_endpoint");
    }

    public Optional<String> loginEndpoint() {
        return string("login_endpoint");
    }

    /**
     * {@code scope_descriptions}: scope to Markdown (untrusted: sanitize before display); empty if
     * absent.
     */
    public Map<String, String> scopeDescriptions() {
        Object v = raw.get("scope_descriptions");
        if (!(v instanceof Map)) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        ((Map<?, ?>) v).forEach((k, d) -> out.put((String) k, (String) d));
        return Collections.unmodifiableMap(out);
    }

    /** {@code signature_window} in seconds; {@value #DEFAULT_SIGNATURE_WINDOW} when absent. */
    public int signatureWindow() {
        Object v = raw.get("signature_window");
        return v instanceof Long ? (int) (long) (Long) v : DEFAULT_SIGNATURE_WINDOW;
    }

    /** {@code additional_signature_components}; empty if absent. */
    public List<String> additionalSignatureComponents() {
        return list("additional_signature_components");
    }

    /** {@code localhost_callback_allowed}; "Default: {@code false}." */
    public boolean localhostCallbackAllowed() {
        return Boolean.TRUE.equals(raw.get("localhost_callback_allowed"));
    }

    /** {@code scopes_supported}; empty if absent. */
    public List<String> scopesSupported() {
        return list("scopes_supported");
    }

    /** {@code claims_supported}; empty if absent. */
    public List<String> claimsSupported() {
        return list("claims_supported");
    }

    private List<String> list(String name) {
        Object v = raw.get(name);
        if (!(v instanceof List)) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<String> l = (List<String>) v;
        return List.copyOf(l);
    }

    @Override
    public String toString() {
        return "MetadataDocument[" + issuer + "/.well-known/" + dwk + "]";
    }
}
