package dev.aauth.personserver;

import dev.aauth.jose.Jwk;
import dev.aauth.token.Actor;
import dev.aauth.token.Dwk;
import dev.aauth.token.MintedToken;
import dev.aauth.token.TokenIssuer;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The claims of an auth token this Person Server grants, as a value: a direct grant and an approved
 * deferred request build one alike and {@link #mint} it ({@code dwk} {@code aauth-person.json}, no
 * mission).
 *
 * @param resource the {@code aud}: the resource the token is for
 * @param agent the {@code agent}
 * @param cnf the key that signed the request ({@code cnf.jwk})
 * @param act {@code act}: the agent, nesting the upstream chain in call chaining
 * @param subject the pairwise {@code sub} of the person, or null when the agent belongs to nobody
 * @param scopes the granted scopes (never broader than the resource token's)
 * @param lifetime at most this long ("MUST NOT have a lifetime exceeding 1 hour")
 * @param notAfter epoch seconds the token must not outlive (the agent token's {@code exp})
 * @param identity identity claims ({@code name}, {@code email}) for the identity scopes granted
 */
public record AuthTokenClaims(
        String resource,
        String agent,
        Jwk cnf,
        Actor act,
        String subject,
        List<String> scopes,
        Duration lifetime,
        long notAfter,
        Map<String, Object> identity) {

    public AuthTokenClaims {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(cnf, "cnf");
        Objects.requireNonNull(act, "act");
        Objects.requireNonNull(lifetime, "lifetime");
        scopes = List.copyOf(scopes);
        identity = Collections.unmodifiableMap(new LinkedHashMap<>(identity)); // claim order kept
    }

    /** Signs these claims as an {@code aa-auth+jwt} of this Person Server. */
    public MintedToken mint(TokenIssuer issuer) {
        return issuer.authToken(
                Dwk.PERSON,
                resource,
                agent,
                cnf,
                act,
                subject,
                scopes,
                null,
                lifetime,
                notAfter,
                identity);
    }
}
