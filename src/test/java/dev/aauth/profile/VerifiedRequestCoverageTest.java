package dev.aauth.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.httpsig.ComponentIdentifier;
import dev.aauth.sigkey.SignatureKey;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The verified request tells which components its signature covers, so callers never re-parse
 * Signature-Input.
 */
class VerifiedRequestCoverageTest {

    final AAuthFixture f = new AAuthFixture();

    VerifiedRequest verify(String... extra) {
        var req =
                new AAuthFixture.Request("GET", AAuthFixture.RESOURCE + "/api/inventory")
                        .set("aauth-mission", "approver=\"https://ps.example\";s256=\"x\"");
        req.apply(
                f.signer()
                        .sign(
                                req.method,
                                req.target,
                                req.lookup(),
                                new SignatureKey.Jwt(f.agentToken()),
                                List.of(extra)));
        return f.verifier().verify(req.message());
    }

    @Test
    @DisplayName("coveredComponents are the verified label's, in Signature-Input order")
    void coveredComponentsAreTheVerifiedSignaturesInOrder() {
        VerifiedRequest v = verify();
        assertEquals(
                List.of(
                        ComponentIdentifier.METHOD,
                        ComponentIdentifier.AUTHORITY,
                        ComponentIdentifier.PATH,
                        ComponentIdentifier.of("signature-key")),
                v.coveredComponents());
        assertThrows(
                UnsupportedOperationException.class,
                () -> v.coveredComponents().add(ComponentIdentifier.QUERY));
    }

    @Test
    @DisplayName("a header field present but not covered is not covered")
    void presentButUncoveredFieldIsNotCovered() {
        VerifiedRequest v = verify();
        assertFalse(v.covers("aauth-mission"));
        assertTrue(v.covers("@method"));
        assertTrue(v.covers("Signature-Key"), "field names compare in lowercase");
    }

    @Test
    @DisplayName(
            "an extra covered component is reported, by name and by identifier; parameters must match exactly")
    void extraCoveredComponentIsReported() {
        VerifiedRequest v = verify("aauth-mission");
        assertTrue(v.covers("aauth-mission"));
        assertTrue(v.covers(ComponentIdentifier.of("aauth-mission")));
        assertFalse(v.covers(ComponentIdentifier.of("aauth-mission").withSf()));
    }
}
