package dev.aauth.httpsig;

/**
 * The target message of a signature: a request or a response (RFC 9421 Section 1.1, "Target
 * Message").
 */
public sealed interface HttpMessage permits HttpRequestMessage, HttpResponseMessage {

    /** The header fields of this message. */
    FieldLookup fields();
}
