package dev.aauth.jakarta.agent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.agent.AgentCall;
import dev.aauth.draft.AAuthProfile;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which 401s the REST client mapper turns into challenges, per the draft the request spoke. */
class AuthTokenChallengeMapperTest {

    final AuthTokenChallengeMapper mapper = new AuthTokenChallengeMapper();
    final CallContext previous = CallContext.enter(AgentCall.DEFAULT);

    @AfterEach
    void restore() {
        CallContext.restore(previous);
    }

    static MultivaluedMap<String, Object> requirement(String value) {
        MultivaluedMap<String, Object> h = new MultivaluedHashMap<>();
        h.add("AAuth-Requirement", value);
        return h;
    }

    void sent(AAuthProfile profile) {
        CallContext.current().last =
                new CallContext.SentRequest("https://r.example", "GET", "/x", false, null, profile);
    }

    @Test
    @DisplayName(
            "-11 Person Token Required: a 401 requirement=person-token to a draft-11 request is a challenge")
    void personTokenForDraft11() {
        sent(AAuthProfile.DRAFT_11);
        assertTrue(mapper.handles(401, requirement("requirement=person-token")));
        assertFalse(mapper.handles(403, requirement("requirement=person-token")));
    }

    @Test
    @DisplayName(
            "-01 unchanged: a 401 requirement=person-token to a draft-01 request is left to the other mappers")
    void personTokenNotForDraft01() {
        sent(AAuthProfile.DRAFT_01);
        assertFalse(mapper.handles(401, requirement("requirement=person-token")));
        assertTrue(
                mapper.handles(
                        401, requirement("requirement=auth-token; resource-token=\"a.b.c\"")));
    }
}
