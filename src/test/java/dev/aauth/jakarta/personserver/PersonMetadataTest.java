package dev.aauth.jakarta.personserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.aauth.discovery.MetadataDocument;
import dev.aauth.draft.AAuthProfile;
import dev.aauth.error.AAuthError;
import dev.aauth.id.SecurityMode;
import dev.aauth.id.ServerIdentifier;
import dev.aauth.personserver.PersonServerSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PersonMetadataTest {

    @Test
    @DisplayName(
            "Person Server Metadata: issuer, token_endpoint, jwks_uri REQUIRED; scopes_supported, claims_supported")
    void personMetadataPassesDiscovery() {
        PersonServerSettings ps =
                new PersonServerSettings(
                        List.of("openid", "email"),
                        List.of("sub", "email"),
                        Duration.ofHours(1),
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of(),
                        Optional.empty(),
                        Map.of());
        MetadataDocument m =
                MetadataDocument.parse(
                        PersonMetadataEndpoint.document("https://ps.example", ps),
                        ServerIdentifier.parse("https://ps.example", SecurityMode.STRICT),
                        MetadataDocument.PERSON,
                        SecurityMode.STRICT,
                        AAuthError.INVALID_KEY);
        assertEquals(Optional.of("https://ps.example/aauth/token"), m.tokenEndpoint());
        assertEquals("https://ps.example/aauth/jwks.json", m.jwksUri());
        assertEquals(
                Optional.of("https://ps.example/aauth/revocation"),
                m.revocationEndpoint(),
                "revocation_endpoint (OPTIONAL): URL where authorized parties can revoke tokens");
        assertEquals(List.of("openid", "email"), m.scopesSupported());
        assertEquals(List.of("sub", "email"), m.claimsSupported());
    }

    @Test
    @DisplayName(
            "-11: Every PS MUST publish a person_token_endpoint in its metadata; auth_token_endpoint"
                    + " beside -01's token_endpoint when draft-11 is served, neither otherwise")
    void draft11EndpointsPublishedBesideTokenEndpoint() {
        PersonServerSettings ps =
                new PersonServerSettings(
                        List.of(),
                        List.of(),
                        Duration.ofHours(1),
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of(),
                        Optional.empty(),
                        Map.of());
        ServerIdentifier self = ServerIdentifier.parse("https://ps.example", SecurityMode.STRICT);
        MetadataDocument both =
                MetadataDocument.parse(
                        PersonMetadataEndpoint.document("https://ps.example", ps, true),
                        self,
                        MetadataDocument.PERSON,
                        SecurityMode.STRICT,
                        AAuthError.INVALID_KEY);
        assertEquals(
                Optional.of("https://ps.example/aauth/token"),
                both.authTokenEndpoint(AAuthProfile.DRAFT_01));
        assertEquals(
                Optional.of("https://ps.example/aauth/auth-token"),
                both.authTokenEndpoint(AAuthProfile.DRAFT_11));
        assertEquals(
                Optional.of("https://ps.example/aauth/person-token"), both.personTokenEndpoint());
        MetadataDocument only01 =
                MetadataDocument.parse(
                        PersonMetadataEndpoint.document("https://ps.example", ps, false),
                        self,
                        MetadataDocument.PERSON,
                        SecurityMode.STRICT,
                        AAuthError.INVALID_KEY);
        assertEquals(Optional.empty(), only01.authTokenEndpoint(AAuthProfile.DRAFT_11));
        assertEquals(Optional.empty(), only01.personTokenEndpoint());
    }
}
