package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.Consent;
import dev.aauth.jakarta.store.Consents;
import dev.aauth.jakarta.store.IssuedTokens;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Objects;
import java.util.Optional;

/**
 * What happens when a person takes back what they allowed: "when a person revokes an agent or a
 * consent, the PS calls the resources' revocation endpoints for outstanding tokens". The account
 * pages call this, and only this. In order:
 *
 * <ol>
 *   <li>new direct grants stop at once: the remembered consent is revoked in the database (every
 *       instance sees it on the next token request);
 *   <li>the outstanding auth tokens of that person and agent (at that resource, for one consent)
 *       are marked revoked in {@code issued_tokens}, so this PS refuses them too (e.g. as an {@code
 *       upstream_token});
 *   <li>each token's resource is called at its {@code revocation_endpoint}, asynchronously and
 *       retried until it acknowledges or the token expires ({@link RevocationNotices}): the page
 *       never waits for a resource.
 * </ol>
 *
 * Person ids are {@code persons.id}, as in the {@code consents} and {@code issued_tokens} rows.
 */
@ApplicationScoped
public class PersonRevocations {

    private final Consents consents;
    private final IssuedTokens tokens;
    private final RevocationNotices notices;

    @Inject
    public PersonRevocations(Consents consents, IssuedTokens tokens, RevocationNotices notices) {
        this.consents = Objects.requireNonNull(consents, "consents");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.notices = Objects.requireNonNull(notices, "notices");
    }

    /** For the CDI client proxy only. */
    protected PersonRevocations() {
        this.consents = null;
        this.tokens = null;
        this.notices = null;
    }

    /**
     * Revokes one remembered consent of the person and the outstanding auth tokens of that agent at
     * that resource; false if it is not theirs or already revoked.
     */
    public boolean revokeConsent(String personId, String consentId) {
        Optional<Consent> consent =
                consents.find(consentId).filter(c -> c.personId().equals(personId));
        if (consent.isEmpty() || !consents.revoke(consentId, personId)) {
            return false;
        }
        Consent c = consent.get();
        notices.revoke(tokens.outstanding(personId, c.agentId(), c.resource()));
        return true;
    }

    /**
     * Revokes everything the person allowed the agent and every outstanding auth token the agent
     * holds for the person; returns how many consents were revoked.
     */
    public int revokeAgent(String personId, String agentId) {
        int revoked = consents.revokeAll(personId, agentId);
        notices.revoke(tokens.outstanding(personId, agentId));
        return revoked;
    }
}
