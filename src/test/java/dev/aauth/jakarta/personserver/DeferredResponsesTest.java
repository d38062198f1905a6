package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.InteractionCode;
import dev.aauth.jakarta.store.IssuedTokens;
import dev.aauth.jakarta.store.PendingRequest;
import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.jakarta.store.TestStores;
import dev.aauth.jakarta.store.Transactions;
import dev.aauth.personserver.DeferredResponsesContract;
import dev.aauth.personserver.PendingRequestStore;
import dev.aauth.personserver.PersonIds;
import java.util.Optional;

/**
 * {@link DeferredResponsesContract} over the JPA adapters on H2 (PostgreSQL mode). Approval,
 * denial, a question and abandonment are made through the store, as the consent pages make them.
 */
class DeferredResponsesTest extends DeferredResponsesContract {

    TestStores stores;
    PendingRequests requests;
    IssuedTokens tokens;
    PendingRequestStore pending;
    PersonIds persons;

    @Override
    protected void open() {
        stores = TestStores.h2();
        Transactions tx = stores.instance(10);
        requests = new PendingRequests(tx, clock);
        tokens = new IssuedTokens(tx, clock);
        pending = new StorePendingRequests(requests);
        persons = new StorePersonIds(new Persons(tx, clock));
    }

    @Override
    protected void close() throws Exception {
        stores.close();
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
        return requests.redeemInteractionCode(InteractionCode.parse(code).orElseThrow(), personId)
                .won();
    }

    @Override
    protected boolean approve(String id, String personId) {
        return requests.approve(id, personId, "test approves");
    }

    @Override
    protected boolean deny(String id, String personId) {
        return requests.deny(id, personId, "test denies");
    }

    @Override
    protected boolean abandon(String id, String personId) {
        return requests.abandon(id, personId);
    }

    @Override
    protected boolean askClarification(String id, String personId, String question) {
        return requests.askClarification(
                id, personId, question, PendingRequests.MAX_CLARIFICATION_ROUNDS);
    }

    @Override
    protected Optional<String> redeemedJti(String id) {
        // the request names its token, and the token is in the issued-token log (one transaction)
        return requests.find(id)
                .flatMap(PendingRequest::issuedJti)
                .filter(jti -> tokens.find(jti).isPresent());
    }
}
