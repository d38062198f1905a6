package dev.aauth.token;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.jose.Jwk;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The draft-11 claim sets of person, resource and auth tokens, read strictly (each failure is the
 * caller's code). The request-independent checks only: {@link TokenVerifier} runs them before any
 * key fetch, and the request-specific ones ({@code aud} against this server, {@code cnf} against
 * the request key, {@code presented_jti} against the PS's records) in its entry points.
 */
final class Draft11Claims {

    /** -11: "Person tokens MUST NOT have a lifetime exceeding 1 hour" (auth tokens likewise). */
    static final long MAX_LIFETIME_SECONDS = 3600;

    /**
     * "mission_s256: ... The base64url-encoded SHA-256 hash of the approved mission JSON, without
     * padding": 43 base64url characters.
     */
    private static final Pattern S256 = Pattern.compile("[A-Za-z0-9_-]{43}");

    private Draft11Claims() {}

    /** Person Token Structure; verification steps 3 (lifetime) and 4 ({@code iss}) ran before. */
    static PersonToken person(
            String compact,
            Claims claims,
            String iss,
            String jti,
            long iat,
            long exp,
            SecurityMode mode,
            AAuthError code) {
        lifetime(iat, exp, "person", code);
        String aud = TokenVerifier.audience(claims, code);
        String sub = claims.requiredString("sub");
        // step 6: "cnf.jwk is REQUIRED"; "The JWK MUST carry a fully-specified alg member"
        Jwk cnf = TokenVerifier.cnfJwk(claims, code);
        requireCnfAlg(cnf, code);
        // "A person token MUST NOT contain scope or account."
        if (claims.map().containsKey("scope") || claims.map().containsKey("account")) {
            throw new AAuthException(code, "a person token MUST NOT contain scope or account");
        }
        return new PersonToken(
                compact,
                iss,
                aud,
                sub,
                jti,
                cnf,
                iat,
                exp,
                missionS256(claims, code),
                claims.optionalString("tenant"),
                claims.map());
    }

    /** Resource Token Structure (draft-11): ps, sub, presented_jti, agent_jkt, scope; no agent. */
    static Draft11ResourceToken resource(
            String compact,
            Claims claims,
            String iss,
            String jti,
            long iat,
            long exp,
            SecurityMode mode,
            AAuthError code) {
        String aud = TokenVerifier.audience(claims, code);
        // "ps: The iss of the person token the resource verified": a server identifier
        String ps = ServerIdentifier.parse(claims.requiredString("ps"), mode, code).value();
        String sub = claims.requiredString("sub");
        String presentedJti = claims.requiredString("presented_jti");
        String agentJkt = claims.requiredString("agent_jkt");
        if (claims.map().get("scope") == null) {
            throw new AAuthException(code, "resource token has no scope");
        }
        List<String> scope = claims.scope();
        return new Draft11ResourceToken(
                compact,
                iss,
                aud,
                jti,
                ps,
                sub,
                presentedJti,
                agentJkt,
                iat,
                exp,
                scope,
                claims.optionalString("account"),
                missionS256(claims, code),
                claims.optionalString("tenant"),
                claims.map());
    }

    /**
     * Auth Token Structure (draft-11): "ps ... Equal to iss when a PS issued the token", "sub:
     * Directed user identifier" (REQUIRED: step 7 "Verify sub is present"), {@code cnf.jwk} with
     * {@code alg}; no {@code agent}, no {@code act}.
     */
    static Draft11AuthToken auth(
            String compact,
            Claims claims,
            String iss,
            String dwk,
            String jti,
            long iat,
            long exp,
            SecurityMode mode,
            AAuthError code) {
        lifetime(iat, exp, "auth", code);
        String aud = TokenVerifier.audience(claims, code);
        String ps = ServerIdentifier.parse(claims.requiredString("ps"), mode, code).value();
        if (Dwk.PERSON.equals(dwk) && !ps.equals(iss)) {
            throw new AAuthException(code, "ps must equal iss when a PS issued the token");
        }
        String sub = claims.requiredString("sub");
        Jwk cnf = TokenVerifier.cnfJwk(claims, code);
        requireCnfAlg(cnf, code);
        return new Draft11AuthToken(
                compact,
                iss,
                dwk,
                aud,
                jti,
                ps,
                sub,
                cnf,
                iat,
                exp,
                claims.scope(),
                claims.optionalString("account"),
                missionS256(claims, code),
                claims.optionalString("tenant"),
                claims.map());
    }

    /**
     * "cnf: ... The JWK MUST carry a fully-specified alg member (#signature-algorithms)", with
     * {@link AAuthProfile#keyAlgorithm}'s checks, reported under the token's code.
     */
    static void requireCnfAlg(Jwk cnf, AAuthError code) {
        try {
            AAuthProfile.DRAFT_11.keyAlgorithm(cnf);
        } catch (AAuthException e) {
            throw new AAuthException(code, "cnf.jwk: " + e.detail());
        }
    }

    private static void lifetime(long iat, long exp, String what, AAuthError code) {
        if (exp - iat > MAX_LIFETIME_SECONDS) {
            throw new AAuthException(
                    code, what + " tokens MUST NOT have a lifetime exceeding 1 hour");
        }
    }

    private static String missionS256(Claims claims, AAuthError code) {
        String s = claims.optionalString("mission_s256");
        if (s != null && !S256.matcher(s).matches()) {
            throw new AAuthException(code, "mission_s256 must be an unpadded base64url SHA-256");
        }
        return s;
    }
}
