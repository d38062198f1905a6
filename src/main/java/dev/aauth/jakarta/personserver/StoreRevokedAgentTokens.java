package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.Revocations;
import dev.aauth.personserver.RevokedAgentTokens;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link RevokedAgentTokens} in the {@code revocations} table ({@link Revocations}, keyed by {@code
 * (issuer, jti)}; no new column): an agent provider's revocation survives restarts and is seen by
 * every instance. On an origin that is also a resource, the resource's revocation store reads the
 * same table: a token revoked is revoked for both roles.
 */
final class StoreRevokedAgentTokens implements RevokedAgentTokens {

    private final Revocations revocations;

    StoreRevokedAgentTokens(Revocations revocations) {
        this.revocations = Objects.requireNonNull(revocations, "revocations");
    }

    @Override
    public boolean revoke(String iss, String jti, Instant until) {
        return revocations.revoke(iss, jti, until);
    }

    @Override
    public boolean isRevoked(String iss, String jti) {
        return revocations.isRevoked(iss, jti);
    }
}
