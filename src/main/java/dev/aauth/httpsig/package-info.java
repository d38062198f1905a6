/**
 * HTTP Message Signatures (RFC 9421): component identifiers and values, the signature base, the
 * {@code Signature-Input} and {@code Signature} fields, signing and verification.
 *
 * <p>Messages are described without servlet or JAX-RS types: {@link
 * dev.aauth.httpsig.HttpRequestMessage} and {@link dev.aauth.httpsig.HttpResponseMessage} over a
 * {@link dev.aauth.httpsig.FieldLookup}. Keys stay outside: {@link dev.aauth.httpsig.MessageSigner}
 * and {@link dev.aauth.httpsig.MessageVerifier} are the {@code HTTP_SIGN} and {@code HTTP_VERIFY}
 * primitives. Structured fields are read and written with {@code dev.aauth.sfv}.
 *
 * <p>Sign: {@link dev.aauth.httpsig.HttpMessageSigner#sign}. Verify: {@link
 * dev.aauth.httpsig.HttpMessageVerifier#verify}, or first {@link
 * dev.aauth.httpsig.SignatureSet#from} / {@link dev.aauth.httpsig.SignatureSet#get} to inspect the
 * parameters (an application profile's checks), then verify. Every protocol failure is a {@link
 * dev.aauth.error.AAuthException} with {@code invalid_signature}.
 *
 * <p>Not supported: trailer fields ({@code tr}), request targets other than origin form for
 * {@code @request-target}, signature algorithms themselves (they live behind the two interfaces).
 */
package dev.aauth.httpsig;
