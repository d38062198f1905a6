package dev.aauth.jakarta.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.jakarta.store.PendingRequests.CodeOutcome;
import dev.aauth.jakarta.store.PendingRequests.CodeRedemption;
import dev.aauth.jakarta.store.PendingRequests.PollAdmission;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The pending-request lifecycle and its races; run on H2 and on PostgreSQL by the subclasses. */
abstract class PendingRequestsContract extends StoreTestSupport {

    // --- wake-ups of held polls (issue 15) -------------------------------------------------------

    /** Records what {@link PendingRequestChanges} is told. */
    static final class Told implements PendingRequestChanges {
        final List<String> inTransaction = new ArrayList<>();
        final List<String> committed = new ArrayList<>();

        @Override
        public void inTransaction(jakarta.persistence.EntityManager em, String id) {
            inTransaction.add(id);
        }

        @Override
        public void committed(String id) {
            committed.add(id);
        }
    }

    @Test
    @DisplayName(
            "issue 15: every transition a waiting agent could see tells the held polls once (in its transaction and after); an admitted poll and a lost race tell nothing")
    void transitionsTellHeldPolls() {
        Told told = new Told();
        store.requests.tellingChanges(told);
        try {
            Person person = newPerson();
            PendingRequests.Created created = newCodeRequest();
            String id = created.request().id();
            String agent = created.request().agentId();
            assertEquals(List.of(), told.committed, "creating is no change of a held poll");
            clock.advance(POLL_INTERVAL);
            assertEquals(
                    PollAdmission.ADMITTED, store.requests.admitPoll(id, agent, POLL_INTERVAL));
            assertEquals(List.of(), told.committed, "an admitted poll changes nothing seen");
            assertTrue(
                    store.requests
                            .redeemInteractionCode(created.code().orElseThrow(), person.id())
                            .won());
            assertTrue(
                    store.requests.askClarification(
                            id, person.id(), "why?", PendingRequests.MAX_CLARIFICATION_ROUNDS));
            assertTrue(store.requests.answerClarification(id, agent, "because"));
            assertTrue(store.requests.approve(id, person.id(), "ok"));
            assertFalse(store.requests.deny(id, person.id(), "too late"), "lost: tells nothing");
            assertTrue(store.requests.cancel(id, agent));
            assertEquals(List.of(id, id, id, id, id), told.committed);
            assertEquals(told.committed, told.inTransaction);
        } finally {
            store.requests.tellingChanges(PendingRequestChanges.NONE);
        }
    }

    @Test
    @DisplayName(
            "issue 15: watch reads the change counter and expiry of many requests in one call; unknown ids are absent; a transition moves the counter")
    void watchReadsVersionsOfMany() {
        Person person = newPerson();
        PendingRequests.Created a = newCodeRequest();
        PendingRequests.Created b = newCodeRequest();
        String ida = a.request().id();
        Map<String, PendingRequests.Watched> before =
                store.requests.watch(List.of(ida, b.request().id(), "unknown"));
        assertEquals(Set.of(ida, b.request().id()), before.keySet());
        assertEquals(clock.instant().plus(LIFETIME), before.get(ida).expiresAt());
        store.requests.redeemInteractionCode(a.code().orElseThrow(), person.id());
        assertNotEquals(
                before.get(ida).version(), store.requests.watch(List.of(ida)).get(ida).version());
        assertEquals(Map.of(), store.requests.watch(List.of()));
    }

    // --- creation ------------------------------------------------------------------------------

    @Test
    @DisplayName("Pending URLs MUST be unguessable: the id carries 128 random bits")
    void pendingUrlsMustBeUnguessable() {
        PendingRequest first = newCodeRequest().request();
        PendingRequest second = newCodeRequest().request();

        assertEquals(16, Base64.getUrlDecoder().decode(first.id()).length);
        assertEquals(22, first.id().length());
        assertNotEquals(first.id(), second.id());
    }

    @Test
    void newRequestIsPendingWithItsExpiryAndFirstPollTime() {
        Instant now = clock.instant();
        PendingRequests.Created created = newCodeRequest();
        PendingRequest stored = store.requests.find(created.request().id()).orElseThrow();

        assertEquals(RequestStatus.PENDING, stored.status());
        assertEquals(now, stored.createdAt());
        assertEquals(now.plus(LIFETIME), stored.expiresAt());
        assertEquals(Optional.of(now.plus(POLL_INTERVAL)), stored.nextPollAllowedAt());
        assertEquals(Set.of("data.read", "data.write"), stored.scopes());
        assertTrue(stored.hasInteractionCode());
        assertEquals(Optional.empty(), stored.personId());
        assertEquals(Optional.empty(), stored.answeredAt());
    }

    @Test
    @DisplayName("Interaction codes are stored hashed: only their SHA-256, never the code")
    void interactionCodeIsStoredOnlyAsItsSha256() throws Exception {
        PendingRequests.Created created = newCodeRequest();
        InteractionCode code = created.code().orElseThrow();
        String display = code.display();
        String bare = display.replace("-", "");

        List<String> values = new ArrayList<>();
        try (Connection c = database.connect();
                PreparedStatement s =
                        c.prepareStatement("SELECT * FROM pending_requests WHERE id = ?")) {
            s.setString(1, created.request().id());
            try (ResultSet rows = s.executeQuery()) {
                assertTrue(rows.next());
                ResultSetMetaData meta = rows.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    values.add(String.valueOf(rows.getObject(i)));
                    if (meta.getColumnName(i).equalsIgnoreCase("code_hash")) {
                        assertEquals(code.hash(), rows.getString(i));
                    }
                }
            }
        }
        for (String value : values) {
            assertFalse(value.toUpperCase().contains(bare), "raw code in a column: " + value);
            assertFalse(value.toUpperCase().contains(display), "raw code in a column: " + value);
        }
        assertEquals(43, code.hash().length());
    }

    @Test
    @DisplayName(
            "countOpen counts an agent's pending requests that have not expired (the per-agent cap)")
    void countOpenCountsAnAgentsOpenRequests() {
        String agent = newAgent();
        store.requests.create(request(agent, null, false));
        store.requests.create(request(agent, null, false));
        store.requests.create(request(newAgent(), null, false));
        assertEquals(2, store.requests.countOpen(agent));
        clock.advance(LIFETIME.plusSeconds(1));
        assertEquals(0, store.requests.countOpen(agent), "expired requests are not open");
    }

    @Test
    @DisplayName(
            "countOpenForPerson counts the open requests bound to a person, of all their agents (the per-person cap)")
    void countOpenForPersonCountsAPersonsOpenRequestsOfAllAgents() {
        Person person = newPerson();
        store.requests.create(request(newAgent(), person.id(), false));
        store.requests.create(request(newAgent(), person.id(), false));
        store.requests.create(request(newAgent(), newPerson().id(), false));
        store.requests.create(request(newAgent(), null, false));
        assertEquals(2, store.requests.countOpenForPerson(person.id()));
        clock.advance(LIFETIME.plusSeconds(1));
        assertEquals(
                0, store.requests.countOpenForPerson(person.id()), "expired requests are not open");
    }

    @Test
    void requestWithoutInteractionCodeHasNoCode() {
        Person person = newPerson();
        PendingRequests.Created created =
                store.requests.create(request(newAgent(), person.id(), false));

        assertEquals(Optional.empty(), created.code());
        assertFalse(created.request().hasInteractionCode());
        assertEquals(Optional.of(person.id()), created.request().personId());
    }

    // --- interaction code ------------------------------------------------------------------------

    @Test
    void redeemingTheCodeBindsThePersonAndMovesToInteracting() {
        Person person = newPerson();
        PendingRequests.Created created = newCodeRequest();

        CodeRedemption redemption =
                store.requests.redeemInteractionCode(created.code().orElseThrow(), person.id());

        assertEquals(CodeOutcome.REDEEMED, redemption.outcome());
        PendingRequest request = redemption.request().orElseThrow();
        assertEquals(RequestStatus.INTERACTING, request.status());
        assertEquals(Optional.of(person.id()), request.personId());
        assertEquals(created.request().version() + 1, request.version());
    }

    @Test
    @DisplayName("invalid_code: a code already consumed is refused (reused code)")
    void reusedCodeIsAlreadyUsed() {
        Person first = newPerson();
        Person second = newPerson();
        PendingRequests.Created created = newCodeRequest();
        InteractionCode code = created.code().orElseThrow();
        assertTrue(store.requests.redeemInteractionCode(code, first.id()).won());

        assertEquals(
                CodeOutcome.ALREADY_USED,
                store.requests.redeemInteractionCode(code, second.id()).outcome());
        assertEquals(
                CodeOutcome.ALREADY_USED,
                store.requests.redeemInteractionCode(code, first.id()).outcome());
        assertEquals(
                Optional.of(first.id()),
                store.requests.find(created.request().id()).orElseThrow().personId());
    }

    @Test
    @DisplayName("invalid_code: a code not recognized is refused")
    void unknownCodeIsUnknown() {
        InteractionCode neverIssued = InteractionCode.parse("ZZZZ-ZZZZ").orElseThrow();
        CodeRedemption redemption =
                store.requests.redeemInteractionCode(neverIssued, newPerson().id());

        assertEquals(CodeOutcome.UNKNOWN, redemption.outcome());
        assertEquals(Optional.empty(), redemption.request());
    }

    @Test
    void codeOfARequestBoundToAnotherPersonIsRefused() {
        Person owner = newPerson();
        PendingRequests.Created created =
                store.requests.create(request(newAgent(), owner.id(), true));

        CodeRedemption redemption =
                store.requests.redeemInteractionCode(
                        created.code().orElseThrow(), newPerson().id());

        assertEquals(CodeOutcome.OTHER_PERSON, redemption.outcome());
        assertEquals(
                RequestStatus.PENDING,
                store.requests.find(created.request().id()).orElseThrow().status());
        assertTrue(
                store.requests
                        .redeemInteractionCode(created.code().orElseThrow(), owner.id())
                        .won());
    }

    @Test
    @DisplayName("Fifty concurrent redemptions of one code have exactly one winner")
    void fiftyConcurrentRedemptionsOfOneCodeHaveExactlyOneWinner() throws Exception {
        PendingRequests.Created created = newCodeRequest();
        InteractionCode code = created.code().orElseThrow();
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            people.add(newPerson());
        }

        List<CodeRedemption> results =
                race(50, i -> () -> store.requests.redeemInteractionCode(code, people.get(i).id()));

        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).won()) {
                winners.add(i);
            } else {
                assertEquals(CodeOutcome.ALREADY_USED, results.get(i).outcome());
            }
        }
        assertEquals(1, winners.size(), "winners: " + winners);
        PendingRequest after = store.requests.find(created.request().id()).orElseThrow();
        assertEquals(RequestStatus.INTERACTING, after.status());
        assertEquals(Optional.of(people.get(winners.get(0)).id()), after.personId());
        assertEquals(
                created.request().version() + 1, after.version(), "exactly one update happened");
    }

    // --- decisions
    // ---------------------------------------------------------------------------------

    @Test
    void onlyTheBoundPersonMayApproveOrDeny() {
        Person person = newPerson();
        Person stranger = newPerson();
        PendingRequest request = interactingRequest(person);

        assertFalse(store.requests.approve(request.id(), stranger.id(), "not theirs"));
        assertFalse(store.requests.deny(request.id(), stranger.id(), "not theirs"));
        assertFalse(
                store.requests.approve(
                        newCodeRequest().request().id(), person.id(), "nobody redeemed its code"));
        assertTrue(store.requests.approve(request.id(), person.id(), "person approved"));
        assertFalse(
                store.requests.deny(request.id(), person.id(), "too late"),
                "a decided request stays decided");
        assertEquals(
                RequestStatus.APPROVED, store.requests.find(request.id()).orElseThrow().status());
    }

    @Test
    @DisplayName("The decision and its reason are recorded, in the transaction that makes it")
    void theDecisionAndItsReasonAreRecorded() {
        Person person = newPerson();
        PendingRequest approved = interactingRequest(person);
        PendingRequest denied = interactingRequest(person);

        assertTrue(
                store.requests.approve(
                        approved.id(), person.id(), "person approved at the consent page"));
        assertTrue(store.requests.deny(denied.id(), person.id(), "person denied"));

        List<Decision> decisions = store.decisions.forRequest(approved.id());
        assertEquals(1, decisions.size());
        Decision decision = decisions.get(0);
        assertEquals(DecisionOutcome.APPROVED, decision.outcome());
        assertEquals("person approved at the consent page", decision.reason());
        assertEquals(Optional.of(person.id()), decision.personId());
        assertEquals(approved.agentId(), decision.agentId());
        assertEquals(approved.scopes(), decision.scopes());
        assertEquals(clock.instant(), decision.decidedAt());
        assertEquals(
                DecisionOutcome.DENIED, store.decisions.forRequest(denied.id()).get(0).outcome());
    }

    @Test
    @DisplayName(
            "Approving a subset narrows the request's scopes in the same update: the token carries only what the person allowed")
    void approvingASubsetNarrowsTheScopesAtomically() {
        Person person = newPerson();
        PendingRequest request = interactingRequest(person);
        Set<String> shown = request.scopes();

        assertFalse(
                store.requests.approveNarrowed(
                        request.id(), person.id(), "narrowed", shown, Set.of()),
                "approving nothing is no approval");
        assertFalse(
                store.requests.approveNarrowed(
                        request.id(),
                        person.id(),
                        "broader",
                        shown,
                        Set.of("data.read", "data.delete")),
                "never broader than the request");
        assertFalse(
                store.requests.approveNarrowed(
                        request.id(),
                        person.id(),
                        "stale page",
                        Set.of("data.read"),
                        Set.of("data.read")),
                "the person must have seen the request's current scopes");
        assertEquals(
                RequestStatus.INTERACTING,
                store.requests.find(request.id()).orElseThrow().status());

        assertTrue(
                store.requests.approveNarrowed(
                        request.id(),
                        person.id(),
                        "person approved data.read",
                        shown,
                        Set.of("data.read")));
        PendingRequest approved = store.requests.find(request.id()).orElseThrow();
        assertEquals(RequestStatus.APPROVED, approved.status());
        assertEquals(Set.of("data.read"), approved.scopes());
        assertEquals(Set.of("data.read"), store.decisions.forRequest(request.id()).get(0).scopes());
        assertFalse(
                store.requests.approveNarrowed(
                        request.id(),
                        person.id(),
                        "again",
                        Set.of("data.read"),
                        Set.of("data.read")),
                "a decided request stays decided");
    }

    @Test
    @DisplayName(
            "A person's recent decisions: their own, and those about agents bound to them, newest first")
    void recentDecisionsOfAPerson() {
        Person person = newPerson();
        Person other = newPerson();
        PendingRequest mine = interactingRequest(person);
        store.requests.deny(mine.id(), person.id(), "person denied");
        String bound = newAgent();
        store.bindings.bind(bound, person.id(), BoundBy.ADMIN);
        clock.advance(Duration.ofSeconds(1));
        store.decisions.record(
                null,
                null,
                bound,
                "https://resource.example",
                Set.of("data.read"),
                DecisionOutcome.GRANTED,
                "remembered consent");
        PendingRequest theirs = interactingRequest(other);
        store.requests.deny(theirs.id(), other.id(), "other person denied");

        List<Decision> recent = store.decisions.recentForPerson(person.id(), 10);
        assertEquals(2, recent.size());
        assertEquals(bound, recent.get(0).agentId());
        assertEquals(mine.agentId(), recent.get(1).agentId());
        assertEquals(1, store.decisions.recentForPerson(person.id(), 1).size());
    }

    @Test
    void approvedRequestYieldsItsTokenOnceAndRecordsIt() {
        Person person = newPerson();
        PendingRequest request = interactingRequest(person);
        assertTrue(store.requests.approve(request.id(), person.id(), "ok"));
        IssuedToken token = tokenFor(request);

        assertFalse(
                store.requests.markRedeemed(request.id(), newAgent(), tokenFor(request)),
                "another agent");
        assertTrue(store.requests.markRedeemed(request.id(), request.agentId(), token));
        assertFalse(
                store.requests.markRedeemed(request.id(), request.agentId(), tokenFor(request)),
                "a second token");

        PendingRequest after = store.requests.find(request.id()).orElseThrow();
        assertEquals(RequestStatus.REDEEMED, after.status());
        assertEquals(Optional.of(token.jti()), after.issuedJti());
        assertEquals(Optional.of(clock.instant()), after.answeredAt());
        IssuedToken recorded = store.tokens.find(token.jti()).orElseThrow();
        assertEquals(Optional.of(person.id()), recorded.personId());
        assertEquals(request.scopes(), recorded.scopes());
    }

    @Test
    void aPendingRequestCannotBeRedeemedBeforeApproval() {
        PendingRequest request = interactingRequest(newPerson());
        IssuedToken token = tokenFor(request);

        assertFalse(store.requests.markRedeemed(request.id(), request.agentId(), token));
        assertEquals(Optional.empty(), store.tokens.find(token.jti()));
    }

    @Test
    @DisplayName(
            "Approve, deny, cancel and redeem racing on one request produce one outcome and at most one token")
    void approveDenyCancelAndRedeemRacingProduceOneOutcomeAndAtMostOneToken() throws Exception {
        for (int round = 0; round < 12; round++) {
            Person person = newPerson();
            PendingRequest request = interactingRequest(person);
            int approvers = 6;
            int deniers = 2;
            int cancellers = 4;
            int redeemers = 8;

            List<String> results =
                    race(
                            approvers + deniers + cancellers + redeemers,
                            i -> {
                                Callable<String> task;
                                if (i < approvers) {
                                    task =
                                            () ->
                                                    store.requests.approve(
                                                                    request.id(),
                                                                    person.id(),
                                                                    "approved")
                                                            ? "approve"
                                                            : "";
                                } else if (i < approvers + deniers) {
                                    task =
                                            () ->
                                                    store.requests.deny(
                                                                    request.id(),
                                                                    person.id(),
                                                                    "denied")
                                                            ? "deny"
                                                            : "";
                                } else if (i < approvers + deniers + cancellers) {
                                    task =
                                            () ->
                                                    store.requests.cancel(
                                                                    request.id(), request.agentId())
                                                            ? "cancel"
                                                            : "";
                                } else {
                                    // A poller: keeps polling until the request has left
                                    // open/approved, minting a token each time it sees it approved
                                    // (as an endpoint would), and keeps it only if it wins the
                                    // redemption.
                                    task =
                                            () -> {
                                                while (true) {
                                                    RequestStatus status =
                                                            store.requests
                                                                    .find(request.id())
                                                                    .orElseThrow()
                                                                    .status();
                                                    if (status == RequestStatus.APPROVED) {
                                                        if (store.requests.markRedeemed(
                                                                request.id(),
                                                                request.agentId(),
                                                                tokenFor(request))) {
                                                            return "redeem";
                                                        }
                                                    } else if (!status.isOpen()) {
                                                        return "";
                                                    }
                                                }
                                            };
                                }
                                return task;
                            });

            long approved = results.stream().filter("approve"::equals).count();
            long denied = results.stream().filter("deny"::equals).count();
            long cancelled = results.stream().filter("cancel"::equals).count();
            long redeemed = results.stream().filter("redeem"::equals).count();
            PendingRequest after = store.requests.find(request.id()).orElseThrow();
            String summary = "round " + round + ": " + results + " -> " + after.status();

            assertTrue(approved + denied <= 1, summary);
            assertTrue(cancelled <= 1, summary);
            assertTrue(redeemed <= 1, summary);
            assertEquals(
                    approved + denied, store.decisions.forRequest(request.id()).size(), summary);
            long tokens;
            try (Connection c = database.connect();
                    PreparedStatement s =
                            c.prepareStatement(
                                    "SELECT COUNT(*) FROM issued_tokens WHERE agent_id = ?")) {
                s.setString(1, request.agentId());
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    tokens = rows.getLong(1);
                }
            }
            assertEquals(redeemed, tokens, summary);
            switch (after.status()) {
                case REDEEMED ->
                        assertTrue(approved == 1 && redeemed == 1 && cancelled == 0, summary);
                case DENIED -> assertTrue(denied == 1 && redeemed == 0 && cancelled == 0, summary);
                case CANCELLED ->
                        assertTrue(cancelled == 1 && redeemed == 0 && denied == 0, summary);
                default -> throw new AssertionError("not one final outcome: " + summary);
            }
        }
    }

    // --- cancellation, expiry, terminal answers
    // --------------------------------------------------------

    @Test
    @DisplayName("DELETE cancels; subsequent requests to the pending URL return 410 Gone")
    void cancelEndsTheRequestAndOnlyItsAgentMayCancel() {
        PendingRequest request = newCodeRequest().request();

        assertFalse(store.requests.cancel(request.id(), newAgent()), "another agent");
        assertTrue(store.requests.cancel(request.id(), request.agentId()));
        assertFalse(store.requests.cancel(request.id(), request.agentId()), "cancelled once");

        PendingRequest after = store.requests.find(request.id()).orElseThrow();
        assertEquals(RequestStatus.CANCELLED, after.status());
        assertEquals(
                Optional.of(clock.instant()),
                after.answeredAt(),
                "answered: the next poll gets 410");
    }

    @Test
    void anExpiredRequestCanNeitherBeRedeemedNorDecided() {
        Person person = newPerson();
        PendingRequests.Created pending = newCodeRequest();
        PendingRequest interacting = interactingRequest(person);
        clock.advance(LIFETIME);

        assertEquals(
                CodeOutcome.EXPIRED,
                store.requests
                        .redeemInteractionCode(pending.code().orElseThrow(), person.id())
                        .outcome());
        assertFalse(store.requests.approve(interacting.id(), person.id(), "too late"));
        assertFalse(store.requests.deny(interacting.id(), person.id(), "too late"));
        assertFalse(store.requests.askClarification(interacting.id(), person.id(), "why?", 5));
    }

    @Test
    @DisplayName(
            "Expiry: pending becomes expired (408), interacting becomes abandoned (403), not before expires_at")
    void expiryTurnsPendingIntoExpiredAndInteractingIntoAbandoned() {
        PendingRequest pending = newCodeRequest().request();
        PendingRequest interacting = interactingRequest(newPerson());

        clock.advance(LIFETIME.minusSeconds(1));
        assertFalse(store.requests.expireIfDue(pending.id()));
        assertFalse(store.requests.expireIfDue(interacting.id()));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(store.requests.expireIfDue(pending.id()));
        assertTrue(store.requests.expireIfDue(interacting.id()));
        assertFalse(store.requests.expireIfDue(pending.id()), "once");

        assertEquals(
                RequestStatus.EXPIRED, store.requests.find(pending.id()).orElseThrow().status());
        assertEquals(
                RequestStatus.ABANDONED,
                store.requests.find(interacting.id()).orElseThrow().status());
    }

    @Test
    void expireDueSweepsOnlyRequestsWhoseTimeIsOver() {
        clock.advance(Duration.ofDays(1));
        store.requests.expireDue(); // the other tests' requests

        PendingRequest old = newCodeRequest().request();
        clock.advance(LIFETIME.dividedBy(2));
        PendingRequest young = newCodeRequest().request();
        clock.advance(LIFETIME.dividedBy(2));

        assertEquals(1, store.requests.expireDue());
        assertEquals(RequestStatus.EXPIRED, store.requests.find(old.id()).orElseThrow().status());
        assertEquals(RequestStatus.PENDING, store.requests.find(young.id()).orElseThrow().status());
    }

    @Test
    @DisplayName(
            "Once a terminal response is returned, the pending URL MUST return 410 Gone: the terminal answer is given once")
    void onceATerminalResponseIsReturnedItIsNotReturnedAgain() throws Exception {
        Person person = newPerson();
        PendingRequest request = interactingRequest(person);
        assertTrue(store.requests.deny(request.id(), person.id(), "no"));

        assertFalse(
                store.requests.deliverTerminal(request.id(), newAgent(), RequestStatus.DENIED),
                "another agent");
        assertFalse(
                store.requests.deliverTerminal(
                        request.id(), request.agentId(), RequestStatus.EXPIRED),
                "other status");
        List<Boolean> answers =
                race(
                        10,
                        i ->
                                () ->
                                        store.requests.deliverTerminal(
                                                request.id(),
                                                request.agentId(),
                                                RequestStatus.DENIED));

        assertEquals(1, answers.stream().filter(Boolean::booleanValue).count(), answers.toString());
        assertTrue(store.requests.find(request.id()).orElseThrow().answeredAt().isPresent());
    }

    @Test
    void answeredRequestsArePurgedAfterAWhile() {
        PendingRequest cancelled = newCodeRequest().request();
        PendingRequest open = newCodeRequest().request();
        assertTrue(store.requests.cancel(cancelled.id(), cancelled.agentId()));
        clock.advance(Duration.ofHours(1));

        assertTrue(store.requests.purgeAnsweredBefore(clock.instant()) >= 1);
        assertEquals(Optional.empty(), store.requests.find(cancelled.id()));
        assertTrue(store.requests.find(open.id()).isPresent(), "never answered: kept");
    }

    // --- polling
    // -----------------------------------------------------------------------------------------

    @Test
    @DisplayName("Polling faster than Retry-After gets 429 slow_down")
    void pollingFasterThanTheIntervalIsSlowDown() {
        PendingRequest request = newCodeRequest().request();

        assertEquals(
                PollAdmission.SLOW_DOWN,
                store.requests.admitPoll(request.id(), request.agentId(), POLL_INTERVAL),
                "the first poll is allowed Retry-After after the 202");
        clock.advance(POLL_INTERVAL);
        assertEquals(
                PollAdmission.ADMITTED,
                store.requests.admitPoll(request.id(), request.agentId(), POLL_INTERVAL));
        clock.advance(POLL_INTERVAL.minusMillis(1));
        assertEquals(
                PollAdmission.SLOW_DOWN,
                store.requests.admitPoll(request.id(), request.agentId(), POLL_INTERVAL));
        clock.advance(Duration.ofMillis(1));
        assertEquals(
                PollAdmission.ADMITTED,
                store.requests.admitPoll(request.id(), request.agentId(), POLL_INTERVAL));

        PendingRequest after = store.requests.find(request.id()).orElseThrow();
        assertEquals(Optional.of(clock.instant()), after.lastPolledAt());
        assertEquals(Optional.of(clock.instant().plus(POLL_INTERVAL)), after.nextPollAllowedAt());
    }

    @Test
    void concurrentPollsWithinOneIntervalAdmitExactlyOne() throws Exception {
        PendingRequest request = newCodeRequest().request();
        clock.advance(POLL_INTERVAL);

        List<PollAdmission> admissions =
                race(
                        20,
                        i ->
                                () ->
                                        store.requests.admitPoll(
                                                request.id(), request.agentId(), POLL_INTERVAL));

        assertEquals(
                1,
                admissions.stream().filter(PollAdmission.ADMITTED::equals).count(),
                admissions.toString());
        assertEquals(
                19,
                admissions.stream().filter(PollAdmission.SLOW_DOWN::equals).count(),
                admissions.toString());
    }

    @Test
    @DisplayName(
            "Servers MUST verify the agent's identity on every poll: another agent sees an unknown id")
    void anotherAgentPollingSeesTheSameAsAnUnknownId() {
        PendingRequest request = newCodeRequest().request();
        clock.advance(POLL_INTERVAL);
        String stranger = newAgent();

        assertEquals(
                PollAdmission.UNKNOWN,
                store.requests.admitPoll(request.id(), stranger, POLL_INTERVAL));
        assertEquals(
                PollAdmission.UNKNOWN,
                store.requests.admitPoll("no-such-request", stranger, POLL_INTERVAL));
        assertEquals(Optional.empty(), store.requests.findForAgent(request.id(), stranger));
        assertEquals(Optional.empty(), store.requests.findForAgent("no-such-request", stranger));
        assertEquals(
                PollAdmission.ADMITTED,
                store.requests.admitPoll(request.id(), request.agentId(), POLL_INTERVAL),
                "the stranger's poll did not use up the agent's");
    }

    // --- clarification and updates
    // ---------------------------------------------------------------------

    @Test
    @DisplayName("PSes MUST enforce a maximum number of clarification rounds")
    void clarificationRoundsAreLimited() {
        Person person = newPerson();
        PendingRequest request = interactingRequest(person);
        int max = PendingRequests.MAX_CLARIFICATION_ROUNDS;

        for (int round = 1; round <= max; round++) {
            assertTrue(
                    store.requests.askClarification(
                            request.id(), person.id(), "question " + round, max));
            assertFalse(
                    store.requests.askClarification(
                            request.id(), person.id(), "while one is open", max));
            assertTrue(
                    store.requests.find(request.id()).orElseThrow().awaitsClarificationResponse());
            assertFalse(
                    store.requests.answerClarification(request.id(), newAgent(), "not the agent"));
            assertTrue(
                    store.requests.answerClarification(
                            request.id(), request.agentId(), "answer " + round));
            assertFalse(
                    store.requests.answerClarification(request.id(), request.agentId(), "twice"));
        }
        assertFalse(
                store.requests.askClarification(request.id(), person.id(), "one too many", max));

        PendingRequest after = store.requests.find(request.id()).orElseThrow();
        assertEquals(max, after.clarificationRounds());
        assertEquals(Optional.of("question " + max), after.clarification());
        assertEquals(Optional.of("answer " + max), after.clarificationResponse());
    }

    @Test
    void onlyTheBoundPersonMayAskAndOnlyWhileInteracting() {
        Person person = newPerson();
        PendingRequest pending = newCodeRequest().request();
        PendingRequest interacting = interactingRequest(person);

        assertFalse(store.requests.askClarification(pending.id(), person.id(), "q", 5));
        assertFalse(store.requests.askClarification(interacting.id(), newPerson().id(), "q", 5));
        assertTrue(store.requests.askClarification(interacting.id(), person.id(), "q", 5));
    }

    @Test
    void anUpdatedResourceTokenReplacesTheRequestWhileOpen() {
        Person person = newPerson();
        PendingRequest request = interactingRequest(person);
        assertTrue(store.requests.askClarification(request.id(), person.id(), "why write?", 5));

        assertFalse(
                store.requests.replaceResourceToken(
                        request.id(),
                        newAgent(),
                        "other",
                        "https://resource.example",
                        Set.of("data.read")));
        assertTrue(
                store.requests.replaceResourceToken(
                        request.id(),
                        request.agentId(),
                        "resource.token.v2",
                        "https://resource.example",
                        Set.of("data.read")));

        PendingRequest after = store.requests.find(request.id()).orElseThrow();
        assertEquals("resource.token.v2", after.resourceToken());
        assertEquals(Set.of("data.read"), after.scopes());
        assertFalse(after.awaitsClarificationResponse(), "the update answers the question");
        assertTrue(store.requests.approve(request.id(), person.id(), "ok"));
        assertFalse(
                store.requests.replaceResourceToken(
                        request.id(),
                        request.agentId(),
                        "v3",
                        "https://resource.example",
                        Set.of("data.read")),
                "no longer open");
    }

    @Test
    void anUpdateWithAJustificationReplacesItAndOneWithoutKeepsIt() {
        PendingRequest request = interactingRequest(newPerson());
        assertTrue(
                store.requests.replaceResourceToken(
                        request.id(),
                        request.agentId(),
                        "v2",
                        "https://resource.example",
                        Set.of("data.read"),
                        "reduced to read"));
        assertEquals(
                Optional.of("reduced to read"),
                store.requests.find(request.id()).orElseThrow().justification());
        assertTrue(
                store.requests.replaceResourceToken(
                        request.id(),
                        request.agentId(),
                        "v3",
                        "https://resource.example",
                        Set.of("data.read"),
                        null));
        assertEquals(
                Optional.of("reduced to read"),
                store.requests.find(request.id()).orElseThrow().justification());
    }

    @Test
    void denyByPolicyEndsAnOpenRequestOnceAnsweredAndRecordsTheDecision() {
        Person person = newPerson();
        PendingRequest request = interactingRequest(person);
        assertFalse(
                store.requests.denyByPolicy(request.id(), newAgent(), "deny rule"),
                "only the agent's own");
        assertTrue(store.requests.denyByPolicy(request.id(), request.agentId(), "deny rule"));
        assertFalse(
                store.requests.denyByPolicy(request.id(), request.agentId(), "deny rule"), "once");
        PendingRequest after = store.requests.find(request.id()).orElseThrow();
        assertEquals(RequestStatus.DENIED, after.status());
        assertTrue(
                after.answeredAt().isPresent(),
                "its 403 is given with the refusal: afterwards 410");
        List<Decision> decisions = store.decisions.forRequest(request.id());
        assertEquals(1, decisions.size());
        assertEquals(DecisionOutcome.DENIED, decisions.get(0).outcome());
        assertEquals(Optional.of(person.id()), decisions.get(0).personId());
    }

    @Test
    void openRequestsOfAPersonAreListed() {
        Person person = newPerson();
        PendingRequest first = interactingRequest(person);
        PendingRequest second =
                store.requests.create(request(newAgent(), person.id(), false)).request();
        PendingRequest decided = interactingRequest(person);
        assertTrue(store.requests.deny(decided.id(), person.id(), "no"));

        List<String> open =
                store.requests.openForPerson(person.id()).stream().map(PendingRequest::id).toList();

        assertEquals(Set.of(first.id(), second.id()), Set.copyOf(open));
        assertEquals(Optional.empty(), store.requests.findForPerson(first.id(), newPerson().id()));
        assertTrue(store.requests.findForPerson(first.id(), person.id()).isPresent());
    }

    // --- durability and several instances
    // -------------------------------------------------------------

    @Test
    @DisplayName(
            "Two instances on one database: a request made on one is redeemed, approved and polled on the other")
    void twoInstancesOnOneDatabaseSeeEachOthersState() {
        try (StoreFixture other = new StoreFixture(database, clock, 4)) {
            Person person = newPerson();
            PendingRequests.Created created = newCodeRequest();
            String id = created.request().id();
            String agent = created.request().agentId();
            assertEquals(
                    RequestStatus.PENDING,
                    store.requests.find(id).orElseThrow().status(),
                    "read once on this instance");

            assertTrue(
                    other.requests
                            .redeemInteractionCode(created.code().orElseThrow(), person.id())
                            .won());
            assertEquals(
                    RequestStatus.INTERACTING,
                    store.requests.find(id).orElseThrow().status(),
                    "no stale cache");
            assertTrue(other.requests.approve(id, person.id(), "approved on the other instance"));
            assertEquals(RequestStatus.APPROVED, store.requests.find(id).orElseThrow().status());

            PendingRequest seen = store.requests.findForAgent(id, agent).orElseThrow();
            assertTrue(store.requests.markRedeemed(id, agent, tokenFor(seen)));
            assertFalse(
                    other.requests.markRedeemed(id, agent, tokenFor(seen)),
                    "the other instance cannot issue a second token");
            assertEquals(RequestStatus.REDEEMED, other.requests.find(id).orElseThrow().status());
        }
    }

    @Test
    @DisplayName("A restart in the middle of a consent loses nothing")
    void aRestartInTheMiddleOfAConsentLosesNothing() {
        Person person = newPerson();
        PendingRequest request;
        try (StoreFixture before = new StoreFixture(database, clock, 2)) {
            PendingRequests.Created created =
                    before.requests.create(request(newAgent(), null, true));
            request =
                    before.requests
                            .redeemInteractionCode(created.code().orElseThrow(), person.id())
                            .request()
                            .orElseThrow();
        }
        try (StoreFixture after = new StoreFixture(database, clock, 2)) {
            PendingRequest restored =
                    after.requests.findForAgent(request.id(), request.agentId()).orElseThrow();
            assertEquals(RequestStatus.INTERACTING, restored.status());
            assertEquals(Optional.of(person.id()), restored.personId());
            assertTrue(after.requests.approve(request.id(), person.id(), "after the restart"));
        }
    }
}
