/**
 * HTTP Signature Keys (draft-hardt-httpbis-signature-key-04): the {@code Signature-Key} request
 * header and its schemes ({@code hwk}, {@code jwt}, {@code jwks_uri}, {@code jkt-jwt}, {@code
 * x509}), the {@code Signature-Error} response header with its problem+json body, and the {@code
 * Accept-Signature} {@code sigkey} parameter. Parsing and serializing only; obtaining and trusting
 * the key is {@link dev.aauth.sigkey.SignatureKeyResolver}'s job.
 */
package dev.aauth.sigkey;
