/**
 * The three AAuth token types — {@code aa-agent+jwt}, {@code aa-resource+jwt}, {@code aa-auth+jwt}
 * — minted by {@link dev.aauth.token.TokenIssuer} and verified by {@link
 * dev.aauth.token.TokenVerifier} following the draft's verification steps one by one. Issuer keys
 * are found through a {@link dev.aauth.token.IssuerKeyResolver}: JWKS discovery, or {@link
 * dev.aauth.token.LocalKeyResolver} for this deployment's own issuers (no HTTP). Fully verified
 * tokens are remembered in a bounded {@link dev.aauth.token.VerifiedTokenCache} so a token seen
 * before costs no signature check.
 */
package dev.aauth.token;
