package dev.aauth.draft;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.jose.Jwk;
import dev.aauth.jose.JwkSet;
import dev.aauth.jose.SignatureAlgorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The AAuth draft a flow speaks. Every decision that differs between draft-hardt-oauth-aauth-
 * protocol-01 (with HTTP Signature Keys -04) and -11 (with Signature Keys -08, as
 * {@code @hellocoop/httpsig} 2.x implements it) is a method here, so callers take the profile as a
 * parameter instead of branching on the draft. The table in {@code docs/profiles.md} lists each
 * decision with the method that makes it.
 *
 * <p>{@link #DRAFT_01} reproduces exactly what this project did before -11 existed (the seed demo
 * depends on it): its methods return the values the -01 code always used.
 */
public enum AAuthProfile {
    /** draft-hardt-oauth-aauth-protocol-01 with draft-hardt-httpbis-signature-key-04. */
    DRAFT_01("draft-01"),
    /** draft-hardt-oauth-aauth-protocol-11 with draft-hardt-httpbis-signature-key-08. */
    DRAFT_11("draft-11");

    private final String id;

    AAuthProfile(String id) {
        this.id = id;
    }

    /** The name used in settings and messages: {@code draft-01}, {@code draft-11}. */
    public String id() {
        return id;
    }

    /** The profile named {@code id} ({@code draft-01}, {@code draft-11}, case-insensitive). */
    public static Optional<AAuthProfile> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String s = id.trim().toLowerCase(Locale.ROOT);
        for (AAuthProfile p : values()) {
            if (p.id.equals(s)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ JWS and key algorithms

    /**
     * The JWS {@code alg} this profile writes for {@code algorithm}. -11 "Signature Algorithms":
     * "The polymorphic EdDSA identifier MUST NOT be used. Use Ed25519"; -01 wrote {@code EdDSA}.
     */
    public String jwsAlg(SignatureAlgorithm algorithm) {
        if (this == DRAFT_11 && algorithm == SignatureAlgorithm.ED25519) {
            return SignatureAlgorithm.JWS_ED25519_FULLY_SPECIFIED;
        }
        return algorithm.jwsAlg();
    }

    /**
     * The JWS / JWK {@code alg} values this profile's verifiers accept, exactly (the -11 {@code
     * Accept-Signature-Alg} and {@code accept_signature_algs} value: "exactly the set, neither a
     * subset nor a superset"). -01 also accepted {@code EdDSA}.
     */
    public List<String> acceptedAlgs() {
        return this == DRAFT_11
                ? List.of(SignatureAlgorithm.JWS_ED25519_FULLY_SPECIFIED, "ES256")
                : List.of("EdDSA", SignatureAlgorithm.JWS_ED25519_FULLY_SPECIFIED, "ES256");
    }

    /**
     * Whether a JWS header {@code alg} is acceptable under this profile. -11 token headers: "A
     * fully-specified identifier is REQUIRED ... Implementations MUST NOT accept none, the
     * polymorphic EdDSA identifier, or any symmetric algorithm".
     */
    public boolean acceptsJwsAlg(String alg) {
        return alg != null && acceptedAlgs().contains(alg);
    }

    /**
     * The signature algorithm of {@code key} under this profile.
     *
     * <p>-01: derived from {@code kty}/{@code crv} ({@link SignatureAlgorithm#forKey}), {@code alg}
     * optional. -11, "Verification (Server)" step 6: "Determine the signature algorithm from the
     * alg member of the obtained key ... Return unsupported_algorithm if alg is absent, is a
     * polymorphic identifier, or names an algorithm or key type the server does not implement ...
     * Return invalid_key if the key's kty or crv disagrees with its alg." ({@link Jwk#parse}
     * already refuses a key whose {@code alg} contradicts its {@code kty}/{@code crv} with {@code
     * invalid_key}.)
     *
     * @throws AAuthException {@code unsupported_algorithm} (with the accepted list) or {@code
     *     invalid_key}
     */
    public SignatureAlgorithm keyAlgorithm(Jwk key) {
        if (this == DRAFT_01) {
            return SignatureAlgorithm.forKey(key);
        }
        String alg = key.alg().orElse(null);
        if (alg == null) {
            throw AAuthException.unsupportedAlgorithm(
                    "draft-11: the key has no alg member (a verifier MUST reject a key whose alg is"
                            + " absent)",
                    acceptedAlgs());
        }
        if ("EdDSA".equals(alg)) {
            throw AAuthException.unsupportedAlgorithm(
                    "draft-11: the polymorphic EdDSA identifier MUST NOT be used; use Ed25519",
                    acceptedAlgs());
        }
        if (!acceptsJwsAlg(alg)) {
            throw AAuthException.unsupportedAlgorithm(
                    "draft-11: alg " + alg + " is not accepted here", acceptedAlgs());
        }
        SignatureAlgorithm named = SignatureAlgorithm.fromJwsAlg(alg).orElseThrow();
        if (!named.kty().equals(key.kty()) || !named.crv().equals(key.crv())) {
            throw new AAuthException(
                    AAuthError.INVALID_KEY, "the key's kty/crv disagrees with its alg " + alg);
        }
        return named;
    }

    /**
     * {@code key} as this profile publishes it (a {@code cnf} JWK, a JWKS entry): -11 "A cnf JWK
     * MUST carry a fully-specified alg, as MUST every key at an AAuth server's jwks_uri"; -01
     * unchanged.
     */
    public Jwk published(Jwk key) {
        if (this == DRAFT_01) {
            return key;
        }
        return key.withAlg(jwsAlg(SignatureAlgorithm.forKey(key)));
    }

    /** Every key of {@code set} as {@link #published(Jwk)}. */
    public JwkSet published(JwkSet set) {
        if (this == DRAFT_01) {
            return set;
        }
        List<Jwk> out = new ArrayList<>(set.size());
        for (Jwk k : set.keys()) {
            out.add(published(k));
        }
        return JwkSet.of(out);
    }

    // ------------------------------------------------------------------ HTTP message signatures

    /**
     * Whether an {@code hwk} Signature-Key carries {@code alg}: Signature-Key -04 "The alg
     * parameter MUST NOT be present"; -08 (httpsig 2.x) requires it and refuses {@code kid}.
     */
    public boolean hwkCarriesAlg() {
        return this == DRAFT_11;
    }

    /**
     * The code for a Signature-Key scheme the server does not implement: -11 step 4 "return
     * unsupported_scheme with an Accept-Signature-Scheme header"; -04 had only {@code invalid_key}.
     */
    public AAuthError unknownSchemeError() {
        return this == DRAFT_11 ? AAuthError.UNSUPPORTED_SCHEME : AAuthError.INVALID_KEY;
    }

    /**
     * Whether the {@code alg} signature parameter is ignored. -11: "Agents MUST NOT include the alg
     * signature parameter, and verifiers MUST ignore it if present"; -01 (RFC 9421 3.2 step 6.4): a
     * declared {@code alg} that differs from the key's fails.
     */
    public boolean ignoresSignatureAlgParameter() {
        return this == DRAFT_11;
    }

    /**
     * Whether {@code Signature-Error} lists {@code supported_algorithms} (-04) or the server names
     * what would work in {@code Accept-Signature-Alg} / {@code Accept-Signature-Scheme} (-08: "The
     * supported_algorithms member was removed").
     */
    public boolean signatureErrorListsAlgorithms() {
        return this == DRAFT_01;
    }

    // ------------------------------------------------------------------ errors and names

    /**
     * Whether endpoint errors are RFC 9457 problem details with the {@code error} extension member
     * (-09 onwards) or -01's {@code {"error", "error_description"}} JSON.
     */
    public boolean problemDetails() {
        return this == DRAFT_11;
    }

    /**
     * The terminal "the user cannot be reached" code: -02 "Renamed the terminal
     * interaction_required error to user_unreachable".
     */
    public AAuthError userUnreachable() {
        return this == DRAFT_11 ? AAuthError.USER_UNREACHABLE : AAuthError.INTERACTION_REQUIRED;
    }

    /**
     * The PS/AS metadata member naming the token endpoint: -11 "Renamed the PS and AS metadata
     * field token_endpoint to auth_token_endpoint".
     */
    public String authTokenEndpointMember() {
        return this == DRAFT_11 ? "auth_token_endpoint" : "token_endpoint";
    }

    /** The metadata member for a display name: {@code name} (-11), {@code client_name} (-01). */
    public String nameMember() {
        return this == DRAFT_11 ? "name" : "client_name";
    }

    /** Whether person tokens ({@code aa-person+jwt}) exist in this draft. */
    public boolean hasPersonTokens() {
        return this == DRAFT_11;
    }

    /**
     * The refusal for a token or request of {@code other}'s shape in a flow of this profile: "never
     * mix within one flow".
     *
     * @param what e.g. "resource token"
     * @param signal why the token was read as {@code other}'s
     */
    public AAuthException mixed(ProfileSignal signal, String what, AAuthError code) {
        return new AAuthException(
                code,
                "a "
                        + signal.profile().id()
                        + " "
                        + what
                        + " ("
                        + signal.reason()
                        + ") where "
                        + id
                        + " is expected");
    }
}
