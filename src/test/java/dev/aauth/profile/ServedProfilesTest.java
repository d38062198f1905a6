package dev.aauth.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.draft.AAuthProfile;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.id.SecurityMode;
import dev.aauth.sigkey.JktJwtVerifier;
import dev.aauth.sigkey.SignatureKeyResolver;
import dev.aauth.token.TokenVerifier;
import dev.aauth.token.VerifiedTokenCache;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which draft a request is verified under, and the bounded memo of signals behind it. */
class ServedProfilesTest {

    final AAuthFixture f = new AAuthFixture();

    static HttpRequestMessage withSignatureKey(String value) {
        return HttpRequestMessage.of(
                "GET",
                "https",
                "resource.example",
                "/api/inventory",
                null,
                name -> "signature-key".equals(name) ? List.of(value) : null);
    }

    ServedProfiles both() {
        TokenVerifier tokens11 =
                new TokenVerifier(
                        f.resolver,
                        f.clock,
                        SecurityMode.STRICT,
                        VerifiedTokenCache.disabled(f.clock),
                        TokenVerifier.DEFAULT_IAT_LEEWAY,
                        AAuthProfile.DRAFT_11);
        AAuthRequestVerifier draft11 =
                new AAuthRequestVerifier(
                        VerificationPolicy.forDraft11Resource(AAuthFixture.RESOURCE),
                        new SignatureKeyResolver(
                                tokens11,
                                f.resolver,
                                new JktJwtVerifier(f.clock),
                                SecurityMode.STRICT),
                        f.clock);
        return new ServedProfiles(List.of(f.verifier(), draft11));
    }

    @Test
    void oneDraftServed_isSelectedWithoutReadingTheSignatureKey() {
        ServedProfiles one = new ServedProfiles(List.of(f.verifier()));
        assertEquals(
                AAuthProfile.DRAFT_01, one.select(withSignatureKey("sig=hwk;alg=\"Ed25519\"")));
        assertEquals(0, one.memoSize());
    }

    @Test
    void bothDrafts_theMemoAnswersAsTheSignalDoes() {
        ServedProfiles s = both();
        String hwk11 = "sig=hwk;alg=\"Ed25519\";kty=\"OKP\"";
        String hwk01 = "sig=hwk;kty=\"OKP\"";
        for (int i = 0; i < 2; i++) { // first read, then from the memo
            assertEquals(AAuthProfile.DRAFT_11, s.select(withSignatureKey(hwk11)));
            assertEquals(AAuthProfile.DRAFT_01, s.select(withSignatureKey(hwk01)));
            assertEquals(AAuthProfile.DRAFT_01, s.select(withSignatureKey("(((")));
        }
        assertEquals(3, s.memoSize());
    }

    @Test
    void theMemoIsBounded_inEntriesAndInValueLength() {
        ServedProfiles s = both();
        for (int i = 0; i <= ServedProfiles.SignalMemo.MAX_ENTRIES + 10; i++) {
            s.select(withSignatureKey("sig=hwk;kty=\"OKP\";x=\"" + i + "\""));
        }
        assertTrue(s.memoSize() <= ServedProfiles.SignalMemo.MAX_ENTRIES, "" + s.memoSize());
        ServedProfiles fresh = both();
        String longValue =
                "sig=hwk;alg=\"Ed25519\";x=\""
                        + "a".repeat(ServedProfiles.SignalMemo.MAX_VALUE_LENGTH)
                        + "\"";
        assertEquals(AAuthProfile.DRAFT_11, fresh.select(withSignatureKey(longValue)));
        assertEquals(0, fresh.memoSize());
    }
}
