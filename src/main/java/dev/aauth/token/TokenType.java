package dev.aauth.token;

import dev.aauth.error.AAuthError;
import java.util.Set;

/**
 * The JWT {@code typ} values AAuth defines, with the {@code dwk} each issuer publishes its keys
 * under.
 */
public enum TokenType {

    /** "An agent token is a JWT with typ: aa-agent+jwt"; {@code dwk}: {@code aauth-agent.json}. */
    AGENT("aa-agent+jwt", Set.of(Dwk.AGENT), AAuthError.INVALID_JWT, AAuthError.EXPIRED_JWT),
    /**
     * "A resource token is a JWT with typ: aa-resource+jwt"; {@code dwk}: {@code
     * aauth-resource.json}.
     */
    RESOURCE(
            "aa-resource+jwt",
            Set.of(Dwk.RESOURCE),
            AAuthError.INVALID_RESOURCE_TOKEN,
            AAuthError.EXPIRED_RESOURCE_TOKEN),
    /**
     * "An auth token is a JWT with typ: aa-auth+jwt"; {@code dwk}: "aauth-access.json when issued
     * by an AS, aauth-person.json when issued by a PS".
     */
    AUTH(
            "aa-auth+jwt",
            Set.of(Dwk.PERSON, Dwk.ACCESS),
            AAuthError.INVALID_JWT,
            AAuthError.EXPIRED_JWT),
    /**
     * Draft-11 only: "A person token is a JWT with typ: aa-person+jwt"; {@code dwk}: {@code
     * aauth-person.json}. Verified on its own (the authorization endpoint), failures are {@code
     * invalid_person_token} ("Person token malformed, expired, wrong aud, or signature verification
     * failed"); in {@code Signature-Key} they are {@code invalid_jwt} / {@code expired_jwt} like
     * every token there.
     */
    PERSON(
            "aa-person+jwt",
            Set.of(Dwk.PERSON),
            AAuthError.INVALID_PERSON_TOKEN,
            AAuthError.INVALID_PERSON_TOKEN);

    private final String typ;
    private final Set<String> dwks;
    private final AAuthError invalid;
    private final AAuthError expired;

    TokenType(String typ, Set<String> dwks, AAuthError invalid, AAuthError expired) {
        this.typ = typ;
        this.dwks = dwks;
        this.invalid = invalid;
        this.expired = expired;
    }

    public String typ() {
        return typ;
    }

    /** The {@code dwk} values a token of this type may carry. */
    public Set<String> dwks() {
        return dwks;
    }

    /**
     * The code reported when a token of this type is malformed or fails verification: {@code
     * invalid_jwt} for tokens carried in {@code Signature-Key}, {@code invalid_resource_token} for
     * resource tokens, which travel in token-endpoint bodies.
     */
    public AAuthError invalidCode() {
        return invalid;
    }

    public AAuthError expiredCode() {
        return expired;
    }

    public static TokenType fromTyp(String typ) {
        for (TokenType t : values()) {
            if (t.typ.equals(typ)) {
                return t;
            }
        }
        return null;
    }
}
