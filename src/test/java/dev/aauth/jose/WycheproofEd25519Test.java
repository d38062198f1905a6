package dev.aauth.jose;

import static dev.aauth.jose.WycheproofVectors.list;
import static dev.aauth.jose.WycheproofVectors.map;
import static dev.aauth.jose.WycheproofVectors.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Wycheproof EdDSA (Ed25519) verification vector through {@link VerificationKey}.
 *
 * <p>Policy: {@code valid} MUST verify; {@code invalid} MUST return false (never throw). {@code
 * acceptable} vectors are signatures a strict verifier may refuse (legacy or non-canonical
 * encodings); this implementation is strict and REJECTS them. The current file has none, which
 * {@link #everyVectorIsCovered()} records so a new file version with some is noticed.
 */
class WycheproofEd25519Test {

    private static final String FILE = "ed25519_test.json";

    @TestFactory
    Stream<DynamicNode> ed25519Vectors() {
        Map<String, Object> doc = WycheproofVectors.load(FILE);
        List<DynamicNode> groups = new ArrayList<>();
        int g = 0;
        for (Map<String, Object> group : list(doc, "testGroups")) {
            byte[] pk = Hex.decode((String) map(group, "publicKey").get("pk"));
            Map<String, Object> groupJwk = map(group, "publicKeyJwk");
            List<DynamicNode> tests = new ArrayList<>();
            Jwk jwk;
            try {
                jwk = Jwk.ed25519(pk);
            } catch (AAuthException e) {
                // Would only happen for a small-order or undecodable key: then no vector may be
                // valid.
                tests.add(
                        DynamicTest.dynamicTest(
                                "public key rejected as invalid_key; no valid vector uses it",
                                () -> {
                                    assertEquals(AAuthError.INVALID_KEY, e.error());
                                    for (Map<String, Object> t : list(group, "tests")) {
                                        assertFalse("valid".equals(t.get("result")), name(t));
                                    }
                                }));
                groups.add(DynamicContainer.dynamicContainer("group " + g++, tests));
                continue;
            }
            if (groupJwk != null) {
                tests.add(
                        DynamicTest.dynamicTest(
                                "publicKeyJwk is the same key",
                                () -> assertTrue(Jwk.parse(groupJwk).sameKeyAs(jwk))));
            }
            VerificationKey vk = jwk.verificationKey();
            for (Map<String, Object> t : list(group, "tests")) {
                tests.add(DynamicTest.dynamicTest(name(t), () -> check(vk, t)));
            }
            groups.add(
                    DynamicContainer.dynamicContainer(
                            "group " + g++ + " pk " + Hex.toHexString(pk), tests));
        }
        return groups.stream();
    }

    static void check(VerificationKey vk, Map<String, Object> t) {
        byte[] msg = Hex.decode((String) t.get("msg"));
        byte[] sig = Hex.decode((String) t.get("sig"));
        boolean ok;
        try {
            ok = vk.verify(msg, sig);
        } catch (RuntimeException e) {
            fail("verify must not throw: " + e);
            return;
        }
        switch ((String) t.get("result")) {
            case "valid":
                assertTrue(ok, "valid signature must verify");
                break;
            case "invalid":
            case "acceptable": // strict policy, see class comment
                assertFalse(ok, "signature must be rejected");
                break;
            default:
                fail("unknown result " + t.get("result"));
        }
    }

    @Test
    @DisplayName("all numberOfTests vectors are run; none is 'acceptable' in this file version")
    void everyVectorIsCovered() {
        Map<String, Object> doc = WycheproofVectors.load(FILE);
        int total = 0;
        int acceptable = 0;
        for (Map<String, Object> group : list(doc, "testGroups")) {
            for (Map<String, Object> t : list(group, "tests")) {
                total++;
                acceptable += "acceptable".equals(t.get("result")) ? 1 : 0;
            }
        }
        assertEquals(((Number) doc.get("numberOfTests")).intValue(), total);
        assertEquals(0, acceptable);
    }
}
