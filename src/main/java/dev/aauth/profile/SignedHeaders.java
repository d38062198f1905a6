package dev.aauth.profile;

/**
 * The three headers an AAuth agent adds to a request: "Signature-Key", "Signature-Input",
 * "Signature".
 */
public record SignedHeaders(String signatureKey, String signatureInput, String signature) {}
