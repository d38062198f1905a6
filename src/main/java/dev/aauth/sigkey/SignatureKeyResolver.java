package dev.aauth.sigkey;

import dev.aauth.discovery.MetadataDocument;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jose.Jwk;
import dev.aauth.token.AgentToken;
import dev.aauth.token.AuthToken;
import dev.aauth.token.Draft11AuthToken;
import dev.aauth.token.IssuerKeyResolver;
import dev.aauth.token.PersonToken;
import dev.aauth.token.TokenType;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedToken;
import java.util.Objects;
import java.util.Set;

/**
 * Step 5 of the AAuth draft's "Verification (Server)": "Obtain the public key from the
 * Signature-Key header according to the scheme ... Return invalid_key if the key cannot be parsed,
 * unknown_key if the key is not found at the jwks_uri, invalid_jwt if a JWT scheme fails
 * verification, or expired_jwt if the JWT has expired."
 *
 * <p>A scheme outside the server's allowed set is {@code invalid_key} ("does not meet the server's
 * trust requirements"). {@code x509} is parsed but always refused with {@code invalid_key}: this
 * implementation has no PKI trust store, and "Verifiers MUST NOT skip certificate chain
 * validation".
 */
public final class SignatureKeyResolver {

    private final TokenVerifier tokens;
    private final IssuerKeyResolver jwksUriKeys;
    private final JktJwtVerifier jktJwt;
    private final SecurityMode mode;

    public SignatureKeyResolver(
            TokenVerifier tokens,
            IssuerKeyResolver jwksUriKeys,
            JktJwtVerifier jktJwt,
            SecurityMode mode) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.jwksUriKeys = Objects.requireNonNull(jwksUriKeys, "jwksUriKeys");
        this.jktJwt = Objects.requireNonNull(jktJwt, "jktJwt");
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /**
     * @param allowedSchemes the schemes this server accepts (e.g. only {@code jwt})
     * @param allowedJwtTypes for {@code jwt}: "Verify the JWT typ header parameter has an expected
     *     value per policy"
     */
    public ResolvedKey resolve(
            SignatureKey key, Set<String> allowedSchemes, Set<TokenType> allowedJwtTypes) {
        ResolvedKey resolved = obtain(key, allowedSchemes, allowedJwtTypes);
        // Step 4 (-01) / 6 (-11), "Determine the signature algorithm from the alg parameter in the
        // key. If the algorithm is not supported, return unsupported_algorithm", and the
        // Signature-Key draft's "Reject keys whose type does not match an acceptable algorithm":
        // an RSA or P-384 key parses (it has a thumbprint) but cannot verify here; a key whose use
        // is not sig is invalid_key. Under -11 the key's own alg decides
        // (AAuthProfile.keyAlgorithm).
        profile().keyAlgorithm(resolved.key());
        resolved.key().verificationKey();
        return resolved;
    }

    /** The draft this resolver reads keys under: its token verifier's. */
    public AAuthProfile profile() {
        return tokens.profile();
    }

    /**
     * As {@link #resolve(SignatureKey, Set, Set)} at a resource: when the key comes from an auth
     * token, also Auth Token Verification step 5, "Verify aud matches the resource's own
     * identifier" ({@code invalid_jwt}), so an auth token issued for another resource never yields
     * a key here.
     *
     * @param resource this resource's own identifier
     */
    public ResolvedKey resolve(
            SignatureKey key,
            Set<String> allowedSchemes,
            Set<TokenType> allowedJwtTypes,
            String resource) {
        Objects.requireNonNull(resource, "resource");
        ResolvedKey resolved = resolve(key, allowedSchemes, allowedJwtTypes);
        if (resolved.token() instanceof AuthToken auth && !auth.audience().equals(resource)) {
            throw new AAuthException(AAuthError.INVALID_JWT, "auth token aud is not this resource");
        }
        if (resolved.token() instanceof Draft11AuthToken auth
                && !auth.audience().equals(resource)) {
            throw new AAuthException(AAuthError.INVALID_JWT, "auth token aud is not this resource");
        }
        // -11 Person Token Verification step 5: "Verify aud matches the resource's own identifier"
        if (resolved.token() instanceof PersonToken person && !person.audience().equals(resource)) {
            throw new AAuthException(
                    AAuthError.INVALID_JWT, "person token aud is not this resource");
        }
        return resolved;
    }

    private ResolvedKey obtain(
            SignatureKey key, Set<String> allowedSchemes, Set<TokenType> allowedJwtTypes) {
        if (!allowedSchemes.contains(key.scheme())) {
            // -11 step 4: "If the scheme is not one the server implements — including any scheme
            // this profile does not use ... return unsupported_scheme"
            throw new AAuthException(
                    profile() == AAuthProfile.DRAFT_11
                            ? AAuthError.UNSUPPORTED_SCHEME
                            : AAuthError.INVALID_KEY,
                    "Signature-Key scheme " + key.scheme() + " is not accepted here");
        }
        if (key instanceof SignatureKey.Hwk hwk) {
            return new ResolvedKey("hwk", hwk.key(), null, hwk.jwk().thumbprintUri());
        }
        if (key instanceof SignatureKey.Jwt jwt) {
            VerifiedToken token = tokens.verifySignatureKeyJwt(jwt.jwt(), allowedJwtTypes);
            if (token instanceof AgentToken agent) {
                return new ResolvedKey("jwt", agent.cnf(), token, agent.agent());
            }
            if (token instanceof AuthToken auth) {
                return new ResolvedKey("jwt", auth.cnf(), token, auth.agent());
            }
            // -11: "Why No Agent Identifier Reaches a Resource": a person or auth token names the
            // person (iss, sub), never the agent, whose identity here is its key's thumbprint URI
            if (token instanceof PersonToken person) {
                return new ResolvedKey("jwt", person.cnf(), token, person.cnf().thumbprintUri());
            }
            if (token instanceof Draft11AuthToken auth) {
                return new ResolvedKey("jwt", auth.cnf(), token, auth.cnf().thumbprintUri());
            }
            throw new AAuthException(AAuthError.INVALID_JWT, "a resource token cannot carry a key");
        }
        if (key instanceof SignatureKey.JwksUri ju) {
            // "id (REQUIRED, String) - Signer identifier (HTTPS URL)"
            ServerIdentifier.parse(ju.id(), mode, AAuthError.INVALID_KEY);
            if (!MetadataDocument.isValidDwk(ju.dwk())) {
                throw new AAuthException(
                        AAuthError.INVALID_KEY, "dwk must be a plain well-known document name");
            }
            Jwk found;
            try {
                found = jwksUriKeys.resolve(ju.id(), ju.dwk(), ju.kid());
            } catch (AAuthException e) {
                boolean kept =
                        e.error() == AAuthError.UNKNOWN_KEY
                                || e.error() == AAuthError.ISSUER_MISSING
                                || e.error() == AAuthError.ISSUER_MISMATCH;
                throw kept ? e : e.as(AAuthError.INVALID_KEY);
            }
            if (found == null) {
                throw new AAuthException(
                        AAuthError.UNKNOWN_KEY, "no key with this kid at the signer's jwks_uri");
            }
            return new ResolvedKey("jwks_uri", found, null, ju.id());
        }
        if (key instanceof SignatureKey.JktJwt jkt) {
            JktJwtVerifier.Delegation d = jktJwt.verify(jkt.jwt());
            return new ResolvedKey("jkt-jwt", d.delegatedKey(), null, d.identity());
        }
        throw new AAuthException(
                profile().unknownSchemeError(),
                "the x509 Signature-Key scheme is not supported by this server; use jwt, jwks_uri, hwk or jkt-jwt");
    }
}
