package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.Consents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Objects;

/**
 * What happens when a person takes back what they allowed: "when a person revokes an agent or a
 * consent, the PS calls the resources' revocation endpoints for outstanding tokens". The account
 * pages call this, and only this; revoking stops new direct grants at once (the remembered consent
 * is gone from the database), then the outstanding auth tokens are revoked at their resources.
 *
 * <p>This first version revokes the remembered consents only; revoking outstanding tokens and the
 * fan-out to the resources' {@code revocation_endpoint}s are added behind the same two methods.
 */
@ApplicationScoped
public class PersonRevocations {

    private final Consents consents;

    @Inject
    public PersonRevocations(Consents consents) {
        this.consents = Objects.requireNonNull(consents, "consents");
    }

    /** For the CDI client proxy only. */
    protected PersonRevocations() {
        this.consents = null;
    }

    /** Revokes one remembered consent of the person; false if it is not theirs or already revoked. */
    public boolean revokeConsent(String personId, String consentId) {
        return consents.revoke(consentId, personId);
    }

    /** Revokes everything the person allowed the agent; returns how many consents were revoked. */
    public int revokeAgent(String personId, String agentId) {
        return consents.revokeAll(personId, agentId);
    }
}
