package dev.aauth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.aauth.draft.AAuthProfile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AgentCallTest {

    @Test
    @DisplayName(
            "a call speaks the agent's own draft unless told (draft null); speaking(draft) is kept by every other with* and onBehalfOf")
    void speakingIsKeptThroughTheOtherOptions() {
        assertNull(AgentCall.DEFAULT.draft());
        assertNull(
                new AgentCall(
                                null,
                                InteractionCallback.NONE,
                                ClarificationHandler.CANCEL,
                                AgentEvents.NONE,
                                PendingExchange.Listener.NONE,
                                null,
                                null)
                        .draft());
        AgentCall c =
                AgentCall.DEFAULT
                        .speaking(AAuthProfile.DRAFT_11)
                        .onBehalfOf("upstream")
                        .withInteraction((url, code, userUrl) -> {})
                        .withClarification((q, o) -> "a")
                        .withEvents(AgentEvents.NONE)
                        .whenDeferred(PendingExchange.Listener.NONE)
                        .withJustification("why")
                        .withCallback("http://localhost/cb");
        assertEquals(AAuthProfile.DRAFT_11, c.draft());
        assertEquals("upstream", c.upstreamToken());
        assertEquals("why", c.justification());
        assertEquals("http://localhost/cb", c.callback());
        assertEquals(AAuthProfile.DRAFT_01, c.speaking(AAuthProfile.DRAFT_01).draft());
        assertNull(c.speaking(null).draft());
    }
}
