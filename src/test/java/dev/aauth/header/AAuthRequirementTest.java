package dev.aauth.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.header.AAuthRequirement.ApprovalPending;
import dev.aauth.header.AAuthRequirement.AuthTokenRequired;
import dev.aauth.header.AAuthRequirement.ClaimsRequired;
import dev.aauth.header.AAuthRequirement.ClarificationRequired;
import dev.aauth.header.AAuthRequirement.InteractionRequired;
import dev.aauth.header.AAuthRequirement.Other;
import dev.aauth.id.SecurityMode;
import dev.aauth.sfv.Dictionary;
import dev.aauth.sfv.Item;
import dev.aauth.sfv.StructuredFields;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The draft's "AAuth-Requirement Header Structure" and the requirement values, parsed and
 * serialized.
 */
class AAuthRequirementTest {

    static final String JWT = "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJ4In0.c2ln";
    static final SecurityMode STRICT = SecurityMode.STRICT;

    static void invalidRequest(Executable e) {
        AAuthException ex = assertThrows(AAuthException.class, e);
        assertEquals(AAuthError.INVALID_REQUEST, ex.error(), ex.getMessage());
    }

    @Nested
    @DisplayName("AAuth-Requirement Header Structure")
    class Structure {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "requirement",
                    "requirement=auth-token,",
                    "(((",
                    "requirement=\"auth-token\"",
                    "a=1"
                })
        @DisplayName(
                "\"The AAuth-Requirement header field is a Dictionary\": anything else is invalid_request")
        void headerMustBeADictionary(String value) {
            // "requirement" alone is a Dictionary member with Boolean true: no Token, so refused
            // below too
            invalidRequest(() -> AAuthRequirement.parse(value, STRICT));
        }

        @Test
        @DisplayName("\"It MUST contain the following member: requirement\"")
        void requirementMemberIsRequired() {
            invalidRequest(() -> AAuthRequirement.parse("resource-token=\"" + JWT + "\"", STRICT));
            invalidRequest(() -> AAuthRequirement.parse(List.of(), STRICT));
            invalidRequest(() -> AAuthRequirement.parse((String) null, STRICT));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "requirement=\"clarification\"",
                    "requirement=1",
                    "requirement=(clarification)",
                    "requirement=?1",
                    "requirement=:YQ==:"
                })
        @DisplayName(
                "\"requirement: A Token ... indicating the requirement type\": a String, Integer, Inner List, ... is refused")
        void requirementMustBeAToken(String value) {
            invalidRequest(() -> AAuthRequirement.parse(value, STRICT));
        }

        @Test
        @DisplayName("\"Recipients MUST ignore unknown members\" (and unknown parameters)")
        void unknownMembersAreIgnored() {
            AAuthRequirement r =
                    AAuthRequirement.parse(
                            "foo=1, requirement=auth-token; x=?0; resource-token=\""
                                    + JWT
                                    + "\", bar=(a b)",
                            STRICT);
            assertEquals(new AuthTokenRequired(JWT), r);
        }

        @Test
        @DisplayName(
                "\"The requirement value is an extension point\": an unknown value parses to Other")
        void unknownRequirementValueIsAnExtensionPoint() {
            AAuthRequirement r = AAuthRequirement.parse("requirement=payment; amount=5", STRICT);
            assertEquals(new Other("payment"), r);
            assertEquals("requirement=payment", r.serialize());
            invalidRequest(() -> new Other("auth-token"));
            invalidRequest(() -> new Other("not a token"));
        }

        @Test
        @DisplayName(
                "values are read as parameters of requirement (the draft's examples) or as members (its prose)")
        void valuesAsParametersOrMembers() {
            assertEquals(
                    new AuthTokenRequired(JWT),
                    AAuthRequirement.parse(
                            "requirement=auth-token, resource-token=\"" + JWT + "\"", STRICT));
            assertEquals(
                    InteractionRequired.of("https://example.com/interact", "A1B2-C3D4", STRICT),
                    AAuthRequirement.parse(
                            "requirement=interaction, url=\"https://example.com/interact\", code=\"A1B2-C3D4\"",
                            STRICT));
        }

        @Test
        @DisplayName("several field lines are combined into one Dictionary")
        void fieldLinesAreCombined() {
            assertEquals(
                    new AuthTokenRequired(JWT),
                    AAuthRequirement.parse(
                            List.of("requirement=auth-token", "resource-token=\"" + JWT + "\""),
                            STRICT));
        }
    }

    @Nested
    @DisplayName("Auth Token Required: requirement=auth-token; resource-token=\"...\"")
    class AuthToken {

        @Test
        @DisplayName(
                "the draft's example parses: AAuth-Requirement: requirement=auth-token; resource-token=\"eyJ...\"")
        void draftExampleParses() {
            AAuthRequirement r =
                    AAuthRequirement.parse(
                            "requirement=auth-token; resource-token=\"" + JWT + "\"", STRICT);
            assertEquals(JWT, assertInstanceOf(AuthTokenRequired.class, r).resourceToken());
            assertEquals("auth-token", r.value());
        }

        @Test
        @DisplayName(
                "serialized as the example: a Token requirement carrying resource-token as a parameter")
        void serializesAsTheDraftsExample() {
            String value = AAuthRequirement.authToken(JWT).serialize();
            assertEquals("requirement=auth-token;resource-token=\"" + JWT + "\"", value);
            Item requirement = (Item) StructuredFields.parseDictionary(value).get("requirement");
            assertEquals("auth-token", requirement.tokenValue());
            assertEquals(JWT, requirement.parameters().getString("resource-token"));
            assertEquals(AAuthRequirement.authToken(JWT), AAuthRequirement.parse(value, STRICT));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "requirement=auth-token",
                    "requirement=auth-token; resource-token=eyJ",
                    "requirement=auth-token; resource-token=\"\"",
                    "requirement=auth-token; resource-token=\"not a jwt\"",
                    "requirement=auth-token; resource-token=\"a.b\"",
                    "requirement=auth-token; resource-token=:YQ==:"
                })
        @DisplayName(
                "\"The header MUST include a resource-token parameter containing a resource token JWT\"")
        void resourceTokenParameterIsRequired(String value) {
            invalidRequest(() -> AAuthRequirement.parse(value, STRICT));
        }

        @Test
        void oversizedResourceTokenIsRefused() {
            String big = "a".repeat(dev.aauth.jose.Jws.MAX_COMPACT_LENGTH) + ".b.c";
            invalidRequest(() -> new AuthTokenRequired(big));
        }
    }

    @Nested
    @DisplayName("Interaction Required: requirement=interaction; url=\"...\"; code=\"...\"")
    class Interaction {

        static final String EXAMPLE =
                "requirement=interaction;\n    url=\"https://example.com/interact\";\n    code=\"A1B2-C3D4\"";

        @Test
        @DisplayName("the draft's example parses (its line breaks folded into one line)")
        void draftExampleParses() {
            AAuthRequirement r = AAuthRequirement.parse(EXAMPLE.replace("\n    ", " "), STRICT);
            InteractionRequired i = assertInstanceOf(InteractionRequired.class, r);
            assertEquals("https://example.com/interact", i.url().value());
            assertEquals("A1B2-C3D4", i.code());
        }

        @Test
        @DisplayName(
                "\"The agent constructs a user-facing URL by appending the code as a query parameter: {url}?code={code}\"")
        void userUrlAppendsTheCode() {
            assertEquals(
                    "https://example.com/interact?code=A1B2-C3D4",
                    AAuthRequirement.interaction(
                                    "https://example.com/interact", "A1B2-C3D4", STRICT)
                            .userUrl());
            assertEquals(
                    "https://example.com/interact?code=a%20b%26c%3D",
                    AAuthRequirement.interaction("https://example.com/interact", "a b&c=", STRICT)
                            .userUrl());
        }

        @Test
        void serializesUrlAndCodeAsParameters() {
            String value =
                    AAuthRequirement.interaction(
                                    "https://example.com/interact", "A1B2-C3D4", STRICT)
                            .serialize();
            assertEquals(
                    "requirement=interaction;url=\"https://example.com/interact\";code=\"A1B2-C3D4\"",
                    value);
            assertEquals(
                    AAuthRequirement.interaction(
                            "https://example.com/interact", "A1B2-C3D4", STRICT),
                    AAuthRequirement.parse(value, STRICT));
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "http://example.com/interact",
                    "https://example.com/interact?x=1",
                    "https://example.com/interact#f",
                    "/interact",
                    "https://localhost/interact"
                })
        @DisplayName(
                "url \"MUST use the https scheme and MUST NOT contain query or fragment components\"")
        void urlMustBeHttpsWithoutQueryOrFragment(String url) {
            invalidRequest(
                    () ->
                            AAuthRequirement.parse(
                                    "requirement=interaction; url=\"" + url + "\"; code=\"A1\"",
                                    STRICT));
            invalidRequest(() -> AAuthRequirement.interaction(url, "A1", STRICT));
        }

        @Test
        @DisplayName(
                "development mode also accepts an http loopback interaction URL (the local demo)")
        void developmentModeAllowsLocalHttp() {
            assertEquals(
                    "http://localhost:9080/interact",
                    assertInstanceOf(
                                    InteractionRequired.class,
                                    AAuthRequirement.parse(
                                            "requirement=interaction; url=\"http://localhost:9080/interact\"; code=\"A1\"",
                                            SecurityMode.DEVELOPMENT))
                            .url()
                            .value());
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "requirement=interaction; url=\"https://example.com/i\"",
                    "requirement=interaction; code=\"A1\"",
                    "requirement=interaction; url=\"https://example.com/i\"; code=\"\"",
                    "requirement=interaction; url=\"https://example.com/i\"; code=A1"
                })
        @DisplayName(
                "\"The AAuth-Requirement header MUST include the following parameters: url (String) ... code (String)\"")
        void urlAndCodeAreRequiredStrings(String value) {
            invalidRequest(() -> AAuthRequirement.parse(value, STRICT));
        }

        @Test
        void codeMustBePrintableAscii() {
            invalidRequest(
                    () -> AAuthRequirement.interaction("https://example.com/i", "é", STRICT));
            invalidRequest(
                    () ->
                            AAuthRequirement.interaction(
                                    "https://example.com/i", "x".repeat(257), STRICT));
        }
    }

    @Nested
    @DisplayName("requirement=clarification, approval, claims: nothing but the requirement")
    class Bare {

        @Test
        @DisplayName("the draft's example: AAuth-Requirement: requirement=clarification")
        void clarification() {
            assertEquals(
                    new ClarificationRequired(),
                    AAuthRequirement.parse("requirement=clarification", STRICT));
            assertEquals("requirement=clarification", AAuthRequirement.clarification().serialize());
        }

        @Test
        @DisplayName("the draft's example: AAuth-Requirement: requirement=approval")
        void approval() {
            assertEquals(
                    new ApprovalPending(), AAuthRequirement.parse("requirement=approval", STRICT));
            assertEquals("requirement=approval", AAuthRequirement.approval().serialize());
        }

        @Test
        @DisplayName("the draft's example: AAuth-Requirement: requirement=claims")
        void claims() {
            assertEquals(
                    new ClaimsRequired(), AAuthRequirement.parse("requirement=claims", STRICT));
            assertEquals("requirement=claims", AAuthRequirement.claims().serialize());
        }

        @Test
        void serializedFormIsADictionaryWithATokenRequirement() {
            Dictionary d =
                    StructuredFields.parseDictionary(AAuthRequirement.clarification().serialize());
            assertEquals("clarification", ((Item) d.get("requirement")).tokenValue());
        }
    }
}
