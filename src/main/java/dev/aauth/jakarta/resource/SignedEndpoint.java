package dev.aauth.jakarta.resource;

import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.jakarta.boundary.JaxRsRequests;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.VerifiedRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

/**
 * The signed request of an AAuth protocol endpoint (authorization, revocation) that verifies its
 * caller itself rather than through {@link AAuthProtected} (whose resource-wide floor does not
 * apply to protocol endpoints): the request and its verification.
 */
record SignedEndpoint(HttpRequestMessage message, VerifiedRequest verified) {

    /** Verifies a POST with {@code body}; throws {@link dev.aauth.error.AAuthException}. */
    static SignedEndpoint verify(
            JaxRsRequests requests,
            AAuthRequestVerifier verifier,
            UriInfo uri,
            HttpHeaders headers,
            byte[] body) {
        return verify(
                requests.message("POST", uri.getRequestUri(), headers.getRequestHeaders()),
                verifier,
                body);
    }

    /** Verifies {@code message}, a POST with {@code body}. */
    static SignedEndpoint verify(
            HttpRequestMessage message, AAuthRequestVerifier verifier, byte[] body) {
        VerifiedRequest verified = verifier.verify(message);
        verified.verifyContentDigest(message, () -> body);
        return new SignedEndpoint(message, verified);
    }
}
