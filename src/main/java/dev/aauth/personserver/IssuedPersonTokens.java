package dev.aauth.personserver;

import dev.aauth.token.PersonTokenRecord;
import dev.aauth.token.PersonTokenRecords;
import dev.aauth.token.TokenIssuer;
import java.time.Duration;

/**
 * The person tokens this PS issued (draft -11), a storage port: "A PS MUST retain a record of each
 * person token it issues — jti, ps, sub, mission_s256, tenant, and exp — sufficient to answer
 * resource token verification ... the record MUST be retained beyond the person token's exp by at
 * least the longest resource token lifetime the PS accepts" ({@link #RETENTION}). {@link
 * InMemoryIssuedPersonTokens} in unit tests, {@code StoreIssuedPersonTokens} (table {@code
 * person_tokens}, migration V9) in the server. Thread-safe.
 */
public interface IssuedPersonTokens extends PersonTokenRecords {

    /**
     * How long a record is kept past its token's {@code exp}: the longest resource token lifetime
     * this PS accepts ({@link TokenIssuer#MAX_RESOURCE_TOKEN_LIFETIME}: a resource token may name a
     * person token that was valid when the resource token was issued).
     */
    Duration RETENTION = TokenIssuer.MAX_RESOURCE_TOKEN_LIFETIME;

    /** Records an issued person token; written before the token is handed out. */
    void record(PersonTokenRecord token);

    /**
     * Deletes the records whose {@code exp} lies more than {@link #RETENTION} before {@code now}
     * (epoch seconds); a record inside its retention window is never deleted.
     *
     * @return how many were deleted
     */
    int purgeExpired(long now);
}
