package dev.aauth.profile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.digest.ContentDigest;
import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.VerifiedTokenCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Draft -11 "Freshness and Replay": "For state-changing requests where this matters, a verifier MAY
 * maintain a short-lived cache keyed by (signing-key-thumbprint, created, @method, @authority,
 *
 * @path) for the duration of the window, rejecting duplicate tuples."
 */
class ReplayProtectionTest {

    final AAuthFixture f = new AAuthFixture();
    final InMemoryReplayCache cache = new InMemoryReplayCache(1000, f.clock);
    final AAuthRequestVerifier verifier =
            f.verifier(
                            VerificationPolicy.forResource(AAuthFixture.RESOURCE),
                            new VerifiedTokenCache(100, f.clock))
                    .with(cache, List.of("content-digest"));

    /** One agent token for the whole test (each minted token has its own jti and iat). */
    final String agentToken = f.agentToken();

    AAuthFixture.Request signed(
            String method, String path, String body, AAuthRequestSigner signer) {
        AAuthFixture.Request r = new AAuthFixture.Request(method, AAuthFixture.RESOURCE + path);
        List<String> extra = List.of();
        if (body != null) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            r.set("content-type", "application/json");
            r.set("content-length", Integer.toString(b.length));
            r.set("content-digest", ContentDigest.create(b));
            extra = List.of("content-type", "content-digest");
        }
        return r.apply(
                signer.sign(
                        r.method, r.target, r.lookup(), new SignatureKey.Jwt(agentToken), extra));
    }

    AAuthFixture.Request signed(String method, String path, String body) {
        return signed(method, path, body, f.signer());
    }

    /** A signer that would produce the same signature twice (the same nonce each time). */
    AAuthRequestSigner withoutFreshNonce() {
        return new AAuthRequestSigner(f.agentKey, f.clock, () -> "fixed");
    }

    @Nested
    @DisplayName("rejecting duplicate tuples: the same signed request twice inside the window")
    class Replays {
        @Test
        void replayedPostIsInvalidSignature() {
            var req = signed("POST", "/api/orders", "{\"qty\":1}");
            verifier.verify(req.message());
            f.clock.advance(Duration.ofSeconds(30));
            AAuthException e =
                    assertThrows(AAuthException.class, () -> verifier.verify(req.message()));
            assertEquals(AAuthError.INVALID_SIGNATURE, e.error());
            assertEquals(401, e.status());
            assertTrue(e.detail().contains("replayed"), e.detail());
        }

        @Test
        void everyUnsafeMethodIsChecked() {
            for (String m : List.of("POST", "PUT", "PATCH", "DELETE")) {
                var req = signed(m, "/api/orders/1", null);
                verifier.verify(req.message());
                assertThrows(AAuthException.class, () -> verifier.verify(req.message()), m);
            }
        }

        @Test
        @DisplayName(
                "a replay with a malleated ECDSA-style re-encoding or an altered uncovered header is still the same base")
        void uncoveredHeaderChangeIsStillAReplay() {
            var req = signed("DELETE", "/api/orders/1", null);
            verifier.verify(req.message());
            req.set("x-unsigned", "changed");
            assertThrows(AAuthException.class, () -> verifier.verify(req.message()));
        }

        @Test
        @DisplayName(
                "a replay after the window is refused by created (step 3), the cache has forgotten it")
        void afterTheWindowCreatedRefusesIt() {
            var req = signed("POST", "/api/orders", "{}");
            verifier.verify(req.message());
            f.clock.advance(Duration.ofSeconds(61));
            AAuthException e =
                    assertThrows(AAuthException.class, () -> verifier.verify(req.message()));
            assertTrue(e.detail().contains("outside"), e.detail());
        }

        @Test
        @DisplayName("of 16 threads replaying one request at once, exactly one is accepted")
        void concurrentReplaysOneWinner() throws Exception {
            var req = signed("POST", "/api/orders", "{}");
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                AtomicInteger ok = new AtomicInteger();
                List<Callable<Void>> tasks = new java.util.ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    tasks.add(
                            () -> {
                                try {
                                    verifier.verify(req.message());
                                    ok.incrementAndGet();
                                } catch (AAuthException e) {
                                    // the replays
                                }
                                return null;
                            });
                }
                for (Future<Void> fu : pool.invokeAll(tasks)) {
                    fu.get();
                }
                assertEquals(1, ok.get());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Nested
    @DisplayName("a legitimate agent's different requests are never confused")
    class NotConfused {
        @Test
        @DisplayName(
                "two identical GETs in one second are legitimate and both pass (GET is not checked)")
        void identicalGetsPass() {
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
            verifier.verify(req.message());
            assertDoesNotThrow(() -> verifier.verify(req.message()));
            assertEquals(0, cache.size());
        }

        @Test
        @DisplayName(
                "two POSTs to one path in one second with different bodies are two requests (content-digest is in the key)")
        void differentBodiesSameSecond() {
            AAuthRequestSigner s = withoutFreshNonce();
            verifier.verify(signed("POST", "/api/orders", "{\"qty\":1}", s).message());
            assertDoesNotThrow(
                    () ->
                            verifier.verify(
                                    signed("POST", "/api/orders", "{\"qty\":2}", s).message()));
        }

        @Test
        @DisplayName("our signer's nonce makes two identical POSTs in one second differ")
        void identicalPostsSameSecondDifferByNonce() {
            var first = signed("POST", "/api/orders", "{\"qty\":1}");
            var second = signed("POST", "/api/orders", "{\"qty\":1}");
            assertNotEquals(first.fields.get("signature"), second.fields.get("signature"));
            verifier.verify(first.message());
            assertDoesNotThrow(() -> verifier.verify(second.message()));
        }

        @Test
        @DisplayName(
                "without a nonce, identical POSTs in one second are indistinguishable from a replay")
        void identicalPostsWithoutNonceCollide() {
            AAuthRequestSigner s = withoutFreshNonce();
            verifier.verify(signed("POST", "/api/orders", "{}", s).message());
            assertThrows(
                    AAuthException.class,
                    () -> verifier.verify(signed("POST", "/api/orders", "{}", s).message()));
        }

        @Test
        void sameRequestNextSecondIsNew() {
            AAuthRequestSigner s = withoutFreshNonce();
            verifier.verify(signed("POST", "/api/orders", "{}", s).message());
            f.clock.advance(Duration.ofSeconds(1));
            assertDoesNotThrow(
                    () -> verifier.verify(signed("POST", "/api/orders", "{}", s).message()));
        }

        @Test
        void otherPathOrMethodIsNew() {
            AAuthRequestSigner s = withoutFreshNonce();
            verifier.verify(signed("DELETE", "/api/orders/1", null, s).message());
            assertDoesNotThrow(
                    () -> verifier.verify(signed("DELETE", "/api/orders/2", null, s).message()));
            assertDoesNotThrow(
                    () -> verifier.verify(signed("PUT", "/api/orders/1", null, s).message()));
        }

        @Test
        @DisplayName("a request whose signature fails is not recorded (junk cannot fill the cache)")
        void failedSignatureNotRecorded() {
            var req = signed("POST", "/api/orders", "{}");
            req.set("signature", "sig=:" + "A".repeat(86) + "==:");
            assertThrows(AAuthException.class, () -> verifier.verify(req.message()));
            assertEquals(0, cache.size());
        }

        @Test
        void signerOmitsNonceOnSafeMethods() {
            var req = f.signedGet("/api/inventory", new SignatureKey.Jwt(f.agentToken()));
            assertFalse(req.fields.get("signature-input").get(0).contains("nonce"));
            assertTrue(
                    signed("POST", "/x", "{}")
                            .fields
                            .get("signature-input")
                            .get(0)
                            .contains(";nonce="));
        }
    }

    @Nested
    @DisplayName(
            "signed bodies: a request with a body must cover content-digest (invalid_input with required_input)")
    class SignedBodies {
        @Test
        void bodyWithoutDigestIsInvalidInputNamingRequiredInput() {
            var r = new AAuthFixture.Request("POST", AAuthFixture.RESOURCE + "/api/orders");
            r.set("content-type", "application/json").set("content-length", "2");
            r.apply(
                    f.signer()
                            .sign(
                                    r.method,
                                    r.target,
                                    r.lookup(),
                                    new SignatureKey.Jwt(f.agentToken()),
                                    List.of()));
            AAuthException e =
                    assertThrows(AAuthException.class, () -> verifier.verify(r.message()));
            assertEquals(AAuthError.INVALID_INPUT, e.error());
            assertEquals(
                    List.of("@method", "@authority", "@path", "signature-key", "content-digest"),
                    e.requiredInput());
        }

        @Test
        void chunkedBodyCounts() {
            var r = new AAuthFixture.Request("POST", AAuthFixture.RESOURCE + "/api/orders");
            r.set("transfer-encoding", "chunked");
            r.apply(
                    f.signer()
                            .sign(
                                    r.method,
                                    r.target,
                                    r.lookup(),
                                    new SignatureKey.Jwt(f.agentToken()),
                                    List.of()));
            assertEquals(
                    AAuthError.INVALID_INPUT,
                    assertThrows(AAuthException.class, () -> verifier.verify(r.message())).error());
        }

        @Test
        void noBodyNeedsNoDigest() {
            var r = new AAuthFixture.Request("POST", AAuthFixture.RESOURCE + "/api/orders");
            r.set("content-length", "0");
            r.apply(
                    f.signer()
                            .sign(
                                    r.method,
                                    r.target,
                                    r.lookup(),
                                    new SignatureKey.Jwt(f.agentToken()),
                                    List.of()));
            assertDoesNotThrow(() -> verifier.verify(r.message()));
        }

        @Test
        void coveredDigestPasses() {
            assertDoesNotThrow(
                    () -> verifier.verify(signed("POST", "/api/orders", "{}").message()));
        }
    }

    @Nested
    @DisplayName("the in-memory cache: bounded, refuses rather than forgets within the window")
    class Bounded {
        final InMemoryReplayCache small = new InMemoryReplayCache(3, f.clock);

        ReplayKey key(int i) {
            return ReplayKey.of(new byte[] {(byte) i});
        }

        long now() {
            return f.clock.instant().getEpochSecond();
        }

        @Test
        void fullCacheRefusesWithTemporarilyUnavailable() {
            for (int i = 0; i < 3; i++) {
                assertTrue(small.firstSeen(key(i), now() + 61));
            }
            AAuthException e =
                    assertThrows(AAuthException.class, () -> small.firstSeen(key(9), now() + 61));
            assertEquals(AAuthError.TEMPORARILY_UNAVAILABLE, e.error());
            assertEquals(503, e.status());
            // nothing inside the window was forgotten
            for (int i = 0; i < 3; i++) {
                assertFalse(small.firstSeen(key(i), now() + 61));
            }
        }

        @Test
        void expiredEntriesMakeRoom() {
            assertTrue(small.firstSeen(key(0), now() + 1));
            assertTrue(small.firstSeen(key(1), now() + 10));
            assertTrue(small.firstSeen(key(2), now() + 10));
            f.clock.advance(Duration.ofSeconds(1));
            assertTrue(small.firstSeen(key(3), now() + 10));
            assertEquals(3, small.size());
            // key 0 expired: seen again it is new
            f.clock.advance(Duration.ofSeconds(10));
            assertTrue(small.firstSeen(key(0), now() + 10));
            assertEquals(1, small.size());
        }

        @Test
        void keyIsTheSha256OfTheBase() {
            assertEquals(ReplayKey.of("a".getBytes()), ReplayKey.of("a".getBytes()));
            assertNotEquals(ReplayKey.of("a".getBytes()), ReplayKey.of("b".getBytes()));
            assertEquals(43, ReplayKey.of("a".getBytes()).value().length());
        }
    }
}
