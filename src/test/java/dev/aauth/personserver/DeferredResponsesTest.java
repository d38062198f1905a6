package dev.aauth.personserver;

import java.util.Optional;

/**
 * {@link DeferredResponsesContract} over the core's in-memory ports: no container, no database. The
 * person's side is made on {@link InMemoryPendingRequests}.
 */
class DeferredResponsesTest extends DeferredResponsesContract {

    InMemoryPendingRequests pending;
    InMemoryPersonIds persons;

    @Override
    protected void open() {
        pending = new InMemoryPendingRequests(clock);
        persons = new InMemoryPersonIds();
    }

    @Override
    protected PendingRequestStore pending() {
        return pending;
    }

    @Override
    protected PersonIds persons() {
        return persons;
    }

    @Override
    protected boolean redeem(String code, String personId) {
        return pending.redeemCode(code, personId).isPresent();
    }

    @Override
    protected boolean approve(String id, String personId) {
        return pending.approve(id, personId);
    }

    @Override
    protected boolean deny(String id, String personId) {
        return pending.deny(id, personId);
    }

    @Override
    protected boolean abandon(String id, String personId) {
        return pending.abandon(id, personId);
    }

    @Override
    protected boolean askClarification(String id, String personId, String question) {
        return pending.askClarification(id, personId, question);
    }

    @Override
    protected Optional<String> redeemedJti(String id) {
        return pending.redeemedToken(id).map(PendingRequestStore.RedeemedToken::jti);
    }
}
