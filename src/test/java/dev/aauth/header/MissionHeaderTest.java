package dev.aauth.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.id.SecurityMode;
import dev.aauth.token.Mission;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MissionHeaderTest {

    static final String S256 = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    @Test
    @DisplayName("the draft's example: approver=\"https://ps.example\"; s256=\"...\"")
    void draftExampleParses() {
        assertEquals(
                new Mission("https://ps.example", S256),
                MissionHeader.parse(
                        List.of("approver=\"https://ps.example\"; s256=\"" + S256 + "\""),
                        SecurityMode.STRICT));
    }

    @Test
    @DisplayName("s256 as a dictionary member of its own is accepted too")
    void commaSeparatedFormParses() {
        assertEquals(
                new Mission("https://ps.example", S256),
                MissionHeader.parse(
                        List.of("approver=\"https://ps.example\", s256=\"" + S256 + "\""),
                        SecurityMode.STRICT));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "approver=\"http://ps.example\"; s256=\"" + S256 + "\"",
                "approver=\"https://ps.example\"",
                "approver=ps; s256=\"" + S256 + "\"",
                "approver=\"https://ps.example\"; s256=\"tooshort\"",
                "approver=\"https://ps.example\"; s256=\"" + S256 + "!\"",
                "s256=\"" + S256 + "\"",
                "((("
            })
    @DisplayName(
            "\"approver: The HTTPS URL ...; s256: The base64url-encoded SHA-256 hash\": anything else is invalid_request")
    void malformedMissionIsInvalidRequest(String value) {
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () -> MissionHeader.parse(List.of(value), SecurityMode.STRICT));
        assertEquals(AAuthError.INVALID_REQUEST, e.error());
    }

    @Test
    void developmentModeAllowsALocalApprover() {
        assertEquals(
                "http://localhost:9080",
                MissionHeader.parse(
                                List.of("approver=\"http://localhost:9080\";s256=\"" + S256 + "\""),
                                SecurityMode.DEVELOPMENT)
                        .approver());
    }

    @Test
    @DisplayName(
            "serialized as the draft's example: approver=\"https://ps.example\";s256=\"...\"; it parses back")
    void serializesAsTheDraftsExample() {
        Mission m = new Mission("https://ps.example", S256);
        String value = MissionHeader.serialize(m, SecurityMode.STRICT);
        assertEquals("approver=\"https://ps.example\";s256=\"" + S256 + "\"", value);
        assertEquals(m, MissionHeader.parse(List.of(value), SecurityMode.STRICT));
    }

    @Test
    void serializingAMissionTheParserWouldRefuseIsInvalidRequest() {
        AAuthException e =
                assertThrows(
                        AAuthException.class,
                        () ->
                                MissionHeader.serialize(
                                        new Mission("http://ps.example", S256),
                                        SecurityMode.STRICT));
        assertEquals(AAuthError.INVALID_REQUEST, e.error());
    }
}
