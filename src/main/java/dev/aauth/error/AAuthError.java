package dev.aauth.error;

/**
 * Every error code AAuth puts on the wire, with the status the draft gives it.
 *
 * <p>Two families exist. {@link Family#SIGNATURE} codes come from the Signature-Key draft's "Error
 * Codes" section and travel in the {@code Signature-Error} response header with a problem+json
 * body; the AAuth draft's "Verification (Server)" says "Any failure MUST result in a 401 response
 * with the appropriate Signature-Error header", so their status is 401. {@link Family#ENDPOINT}
 * codes are the JSON {@code {"error": ...}} codes of the token endpoint, the polling tables and the
 * authorization endpoint.
 *
 * <p>Mapping a code to an HTTP response happens once per boundary (the JAX-RS exception mapper);
 * the core only throws {@link AAuthException}.
 */
public enum AAuthError {

    // --- Signature-Error codes (draft-hardt-httpbis-signature-key-04, "Error Codes") ---
    /** "The signing algorithm used by the client is not supported by the server." */
    UNSUPPORTED_ALGORITHM("unsupported_algorithm", Family.SIGNATURE, 401),
    /** "The HTTP Message Signature is missing, malformed, or cryptographic verification failed." */
    INVALID_SIGNATURE("invalid_signature", Family.SIGNATURE, 401),
    /** "The Signature-Input is missing required covered components." */
    INVALID_INPUT("invalid_input", Family.SIGNATURE, 401),
    /**
     * "The request is malformed or missing required information unrelated to signature
     * verification."
     */
    SIGNATURE_INVALID_REQUEST("invalid_request", Family.SIGNATURE, 401),
    /**
     * "The public key in Signature-Key could not be parsed, is expired, or does not meet the
     * server's trust requirements."
     */
    INVALID_KEY("invalid_key", Family.SIGNATURE, 401),
    /** "The public key from Signature-Key does not match any key at the client's jwks_uri." */
    UNKNOWN_KEY("unknown_key", Family.SIGNATURE, 401),
    /**
     * "The JWT in the Signature-Key header ... is malformed or its signature verification failed."
     */
    INVALID_JWT("invalid_jwt", Family.SIGNATURE, 401),
    /** "The JWT in the Signature-Key header ... has expired (exp claim is in the past)." */
    EXPIRED_JWT("expired_jwt", Family.SIGNATURE, 401),

    // --- Token endpoint error codes (AAuth draft, "Token Endpoint Error Codes") ---
    INVALID_REQUEST("invalid_request", Family.ENDPOINT, 400),
    INVALID_AGENT_TOKEN("invalid_agent_token", Family.ENDPOINT, 400),
    EXPIRED_AGENT_TOKEN("expired_agent_token", Family.ENDPOINT, 400),
    INVALID_RESOURCE_TOKEN("invalid_resource_token", Family.ENDPOINT, 400),
    EXPIRED_RESOURCE_TOKEN("expired_resource_token", Family.ENDPOINT, 400),
    INTERACTION_REQUIRED("interaction_required", Family.ENDPOINT, 403),
    SERVER_ERROR("server_error", Family.ENDPOINT, 500),

    // --- Authorization endpoint (AAuth draft, "Authorization Endpoint Error Responses") ---
    INVALID_SCOPE("invalid_scope", Family.ENDPOINT, 400),

    // --- Polling error codes (AAuth draft, "Polling Error Codes") ---
    DENIED("denied", Family.ENDPOINT, 403),
    ABANDONED("abandoned", Family.ENDPOINT, 403),
    EXPIRED("expired", Family.ENDPOINT, 408),
    INVALID_CODE("invalid_code", Family.ENDPOINT, 410),
    SLOW_DOWN("slow_down", Family.ENDPOINT, 429);

    /** Where a code travels. */
    public enum Family {
        /** {@code Signature-Error} header plus problem+json body. */
        SIGNATURE,
        /** JSON body {@code {"error", "error_description"}}. */
        ENDPOINT
    }

    private final String code;
    private final Family family;
    private final int status;

    AAuthError(String code, Family family, int status) {
        this.code = code;
        this.family = family;
        this.status = status;
    }

    /** The code exactly as it appears on the wire. */
    public String code() {
        return code;
    }

    public Family family() {
        return family;
    }

    /** The HTTP status the draft assigns to this code. */
    public int status() {
        return status;
    }
}
