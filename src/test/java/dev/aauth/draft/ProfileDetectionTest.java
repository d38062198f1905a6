package dev.aauth.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.profile.ServedProfiles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The detection table of docs/profiles.md, row by row. */
class ProfileDetectionTest {

    private static Optional<AAuthProfile> of(Map<String, ?> header, Map<String, ?> claims) {
        return ProfileSignal.of(header, claims).map(ProfileSignal::profile);
    }

    private static final Map<String, Object> CNF_11 =
            Map.of("jwk", Map.of("kty", "OKP", "alg", "Ed25519"));
    private static final Map<String, Object> CNF_01 =
            Map.of("jwk", Map.of("kty", "OKP", "alg", "EdDSA"));

    @Test
    @DisplayName("typ aa-person+jwt is draft-11")
    void personToken() {
        assertEquals(
                Optional.of(AAuthProfile.DRAFT_11),
                of(Map.of("typ", "aa-person+jwt", "alg", "EdDSA"), Map.of()));
    }

    @Test
    @DisplayName("A resource token with agent is draft-01; without, draft-11")
    void resourceToken() {
        assertEquals(
                Optional.of(AAuthProfile.DRAFT_01),
                of(Map.of("typ", "aa-resource+jwt"), Map.of("agent", "aauth:a@b.example")));
        assertEquals(
                Optional.of(AAuthProfile.DRAFT_11),
                of(Map.of("typ", "aa-resource+jwt"), Map.of("presented_jti", "p")));
    }

    @Test
    @DisplayName("An auth token with agent or act is draft-01; with neither, draft-11")
    void authToken() {
        assertEquals(
                Optional.of(AAuthProfile.DRAFT_01),
                of(Map.of("typ", "aa-auth+jwt"), Map.of("act", Map.of())));
        assertEquals(
                Optional.of(AAuthProfile.DRAFT_11),
                of(Map.of("typ", "aa-auth+jwt"), Map.of("ps", "https://ps.example")));
    }

    @Test
    @DisplayName(
            "Agent tokens: EdDSA or a cnf.jwk without alg / with EdDSA is draft-01; Ed25519 is draft-11; ES256 with cnf alg ES256 has no signal")
    void agentToken() {
        Map<String, Object> agent = Map.of("typ", "aa-agent+jwt", "alg", "EdDSA");
        assertEquals(Optional.of(AAuthProfile.DRAFT_01), of(agent, Map.of("cnf", CNF_11)));
        assertEquals(
                Optional.of(AAuthProfile.DRAFT_01),
                of(Map.of("typ", "aa-agent+jwt", "alg", "Ed25519"), Map.of("cnf", CNF_01)));
        assertEquals(
                Optional.of(AAuthProfile.DRAFT_01),
                of(
                        Map.of("typ", "aa-agent+jwt", "alg", "ES256"),
                        Map.of("cnf", Map.of("jwk", Map.of("kty", "EC")))));
        assertEquals(
                Optional.of(AAuthProfile.DRAFT_11),
                of(Map.of("typ", "aa-agent+jwt", "alg", "Ed25519"), Map.of("cnf", CNF_11)));
        assertEquals(
                Optional.of(AAuthProfile.DRAFT_11),
                of(Map.of("typ", "aa-agent+jwt", "alg", "ES256"), Map.of("cnf", CNF_11)));
        assertEquals(
                Optional.empty(),
                of(
                        Map.of("typ", "aa-agent+jwt", "alg", "ES256"),
                        Map.of("cnf", Map.of("jwk", Map.of("kty", "EC", "alg", "ES256")))));
    }

    @Test
    @DisplayName(
            "Signature-Key hwk with alg is -08 (draft-11), without alg -04 (draft-01); other schemes give no signal")
    void hwk() {
        assertEquals(
                AAuthProfile.DRAFT_11,
                ServedProfiles.signal(List.of("sig=hwk;alg=\"Ed25519\";kty=\"OKP\""))
                        .orElseThrow()
                        .profile());
        assertEquals(
                AAuthProfile.DRAFT_01,
                ServedProfiles.signal(List.of("sig=hwk;kty=\"OKP\"")).orElseThrow().profile());
        assertTrue(
                ServedProfiles.signal(
                                List.of(
                                        "sig=jwks_uri;id=\"https://a.example\";dwk=\"x\";kid=\"k\""))
                        .isEmpty());
        assertTrue(ServedProfiles.signal(List.of("sig=jwt;jwt=\"not a jwt\"")).isEmpty());
        assertTrue(ServedProfiles.signal(List.of("(((")).isEmpty());
    }

    @Test
    @DisplayName("Profile ids: draft-01, draft-11, case-insensitive; anything else is unknown")
    void ids() {
        assertEquals(AAuthProfile.DRAFT_11, AAuthProfile.fromId(" Draft-11 ").orElseThrow());
        assertTrue(AAuthProfile.fromId("11").isEmpty());
    }
}
