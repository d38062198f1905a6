package dev.aauth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.draft.AAuthProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code --draft}: which AAuth draft the command-line agent speaks. */
class AgentCliDraftTest {

    @Test
    @DisplayName(
            "--draft 11 (or draft-11) speaks -11, --draft 01 speaks -01, none: the agent token's")
    void draftOption() {
        assertEquals(
                AAuthProfile.DRAFT_11,
                AgentCli.Options.parse(
                                AgentCliTest.with("--draft", "11", "GET", "https://r.example/"))
                        .draft());
        assertEquals(
                AAuthProfile.DRAFT_11,
                AgentCli.Options.parse(
                                AgentCliTest.with(
                                        "--draft", "draft-11", "GET", "https://r.example/"))
                        .draft());
        assertEquals(
                AAuthProfile.DRAFT_01,
                AgentCli.Options.parse(
                                AgentCliTest.with("--draft", "01", "GET", "https://r.example/"))
                        .draft());
        assertNull(AgentCli.Options.parse(AgentCliTest.with("GET", "https://r.example/")).draft());
    }

    @Test
    @DisplayName("an unknown draft is a usage error (exit 2), before anything is sent")
    void unknownDraft() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                AgentCli.run(
                        AgentCliTest.with("--draft", "07", "GET", "https://r.example/"),
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err),
                        Clock.systemUTC());
        assertEquals(2, status);
        assertTrue(err.toString().contains("--draft takes 01 or 11"), err.toString());
    }
}
