package dev.aauth.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServerKeySetTest {

    private static SigningKey key(String kid) {
        return SigningKey.generate(SignatureAlgorithm.ED25519, kid);
    }

    @Test
    void startsWithOneCurrentKey() {
        SigningKey k1 = key("k1");
        ServerKeySet set = new ServerKeySet(k1);
        assertSame(k1, set.current());
        assertEquals(Optional.empty(), set.previous());
        assertEquals(List.of(k1.publicJwk()), set.jwks().keys());
        assertEquals(Optional.of(k1), set.signingKey("k1"));
        assertEquals(Optional.empty(), set.signingKey("k2"));
        assertEquals(Optional.empty(), set.signingKey(null));
    }

    @Test
    @DisplayName(
            "rotate: the new key signs, the old one stays published so its tokens still verify")
    void rotationPublishesBothKeys() {
        SigningKey k1 = key("k1");
        ServerKeySet set = new ServerKeySet(k1);
        String oldToken = Jws.sign(Map.of(), Map.of("sub", "s"), set.current());
        SigningKey k2 = SigningKey.generate(SignatureAlgorithm.ECDSA_P256_SHA256, "k2");
        set.rotate(k2);
        assertSame(k2, set.current());
        assertEquals(Optional.of(k1), set.previous());
        assertEquals(List.of(k2.publicJwk(), k1.publicJwk()), set.jwks().keys());
        ParsedJws p = Jws.parse(oldToken);
        p.verify(set.jwks().byKid(p.kid().orElseThrow()).orElseThrow());

        SigningKey k3 = key("k3");
        set.rotate(k3);
        assertEquals(List.of(k3.publicJwk(), k2.publicJwk()), set.jwks().keys());
        assertEquals(Optional.empty(), set.signingKey("k1"));

        set.retirePrevious();
        assertEquals(List.of(k3.publicJwk()), set.jwks().keys());
        assertEquals(Optional.empty(), set.previous());
        set.retirePrevious();
        assertEquals(1, set.jwks().size());
    }

    @Test
    @DisplayName(
            "replace: a set mirrored from a key store publishes the current key and every previous one, newest first")
    void replacePublishesSeveralPreviousKeys() {
        ServerKeySet set = new ServerKeySet(key("k1"));
        SigningKey k3 = key("k3");
        SigningKey k2 = key("k2");
        SigningKey k1 = key("k1");
        set.replace(k3, List.of(k2, k1));
        assertSame(k3, set.current());
        assertEquals(Optional.of(k2), set.previous());
        assertEquals(List.of(k2, k1), set.allPrevious());
        assertEquals(List.of(k3.publicJwk(), k2.publicJwk(), k1.publicJwk()), set.jwks().keys());
        assertEquals(Optional.of(k1), set.signingKey("k1"));
        assertThrows(IllegalArgumentException.class, () -> set.replace(k3, List.of(key("k3"))));
        assertSame(k3, set.current(), "a refused replacement changes nothing");
    }

    @Test
    void keysNeedDistinctKids() {
        assertThrows(IllegalArgumentException.class, () -> new ServerKeySet(key(null)));
        ServerKeySet set = new ServerKeySet(key("k1"), key("k0"));
        assertThrows(IllegalArgumentException.class, () -> set.rotate(key("k1")));
        assertThrows(IllegalArgumentException.class, () -> set.rotate(key("k0")));
        assertThrows(IllegalArgumentException.class, () -> set.rotate(key(null)));
        assertThrows(IllegalArgumentException.class, () -> new ServerKeySet(key("a"), key("a")));
        assertEquals("k1", set.current().kid().orElseThrow());
    }

    private static int index(Jwk k) {
        String kid = k.kid().orElseThrow();
        return "k-start".equals(kid) ? -1 : Integer.parseInt(kid.substring(2));
    }

    @Test
    @DisplayName("concurrent rotations and reads always see a consistent snapshot")
    void concurrentRotationsKeepSnapshotsConsistent() throws Exception {
        ServerKeySet set = new ServerKeySet(key("k-start"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?> rotator =
                    pool.submit(
                            () -> {
                                for (int i = 0; i < 50; i++) {
                                    set.rotate(key("k-" + i));
                                }
                            });
            List<Future<Boolean>> readers = new java.util.ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(
                        pool.submit(
                                () -> {
                                    boolean ok = true;
                                    for (int i = 0; i < 200; i++) {
                                        JwkSet jwks = set.jwks();
                                        ok &= jwks.size() == 2 || jwks.size() == 1;
                                        if (jwks.size() == 2) {
                                            // current is always the key rotated in right after
                                            // previous
                                            ok &=
                                                    index(jwks.keys().get(0))
                                                            == index(jwks.keys().get(1)) + 1;
                                        }
                                    }
                                    return ok;
                                }));
            }
            rotator.get();
            for (Future<Boolean> f : readers) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("k-49", set.current().kid().orElseThrow());
        assertEquals("k-48", set.previous().orElseThrow().kid().orElseThrow());
    }
}
