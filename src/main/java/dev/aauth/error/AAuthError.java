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

    // --- added by Signature-Key -08 (AAuth -10: "added unsupported_scheme, unsupported_algorithm,
    // invalid_key, issuer_missing, and issuer_mismatch; pinned signature failures to 401") ---
    /**
     * -11 "Verification (Server)" step 4: "If the scheme is not one the server implements ...
     * return unsupported_scheme with an Accept-Signature-Scheme header".
     */
    UNSUPPORTED_SCHEME("unsupported_scheme", Family.SIGNATURE, 401),
    /**
     * -11 "Metadata Documents": "A document with no issuer MUST be rejected with issuer_missing".
     */
    ISSUER_MISSING("issuer_missing", Family.SIGNATURE, 401),
    /** "one whose issuer does not match MUST be rejected with issuer_mismatch". */
    ISSUER_MISMATCH("issuer_mismatch", Family.SIGNATURE, 401),

    // --- Token endpoint error codes (AAuth draft, "Token Endpoint Error Codes") ---
    INVALID_REQUEST("invalid_request", Family.ENDPOINT, 400),
    INVALID_AGENT_TOKEN("invalid_agent_token", Family.ENDPOINT, 400),
    EXPIRED_AGENT_TOKEN("expired_agent_token", Family.ENDPOINT, 400),
    INVALID_RESOURCE_TOKEN("invalid_resource_token", Family.ENDPOINT, 400),
    EXPIRED_RESOURCE_TOKEN("expired_resource_token", Family.ENDPOINT, 400),
    INTERACTION_REQUIRED("interaction_required", Family.ENDPOINT, 403),
    /**
     * -11: "The person token named by the resource token's presented_jti is not among those the PS
     * retains".
     */
    UNKNOWN_PERSON_TOKEN("unknown_person_token", Family.ENDPOINT, 400),
    /**
     * -11 (was {@code interaction_required} in -01): "Terminal. The PS has no channel to reach the
     * user and the agent did not declare the interaction capability".
     */
    USER_UNREACHABLE("user_unreachable", Family.ENDPOINT, 403),
    SERVER_ERROR("server_error", Family.ENDPOINT, 500),
    /**
     * Not a draft code: the server cannot accept the request now but may shortly (RFC 9110 "503
     * (Service Unavailable) ... the server is currently unable to handle the request due to a
     * temporary overload"), e.g. its replay cache is full (it refuses rather than forget a request
     * it saw inside the signature window). The boundary adds {@code Retry-After}. The name is
     * OAuth's (RFC 6749 Section 4.1.2.1).
     */
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable", Family.ENDPOINT, 503),

    // --- Authorization endpoint (AAuth draft, "Authorization Endpoint Error Responses") ---
    INVALID_SCOPE("invalid_scope", Family.ENDPOINT, 400),
    /**
     * -11: "Person token malformed, expired, wrong aud, or signature verification failed" (the
     * authorization endpoint).
     */
    INVALID_PERSON_TOKEN("invalid_person_token", Family.ENDPOINT, 400),
    /** -11: "The account named is not held by the person the person token identifies". */
    INVALID_ACCOUNT("invalid_account", Family.ENDPOINT, 400),

    // --- Interaction endpoint (AAuth -11, "Interaction Endpoint Errors") ---
    /**
     * "The PS has no channel available to relay this interaction or payment to the user.
     * Non-terminal".
     */
    INTERACTION_UNAVAILABLE("interaction_unavailable", Family.ENDPOINT, 424),

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
