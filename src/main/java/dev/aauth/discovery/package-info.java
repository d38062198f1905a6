/**
 * Discovery of other AAuth parties: the SSRF-safe outbound fetcher ({@link
 * dev.aauth.discovery.SafeHttpFetcher}), well-known metadata documents ({@link
 * dev.aauth.discovery.MetadataDocument}) and the JWKS and metadata cache ({@link
 * dev.aauth.discovery.JwksCache}) that implements the draft's "JWKS Discovery and Caching".
 *
 * <p>Every outbound request an AAuth server makes goes to a URL an untrusted party chose (an {@code
 * iss} claim, a {@code jwks_uri}), so the fetcher resolves the host itself, refuses non-public
 * addresses, connects to the address it vetted, follows no redirects and bounds time and size.
 */
package dev.aauth.discovery;
