package dev.aauth.bench;

import dev.aauth.digest.ContentDigest;
import dev.aauth.error.AAuthException;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.InMemoryReplayCache;
import dev.aauth.profile.ReplayKey;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.VerifiedTokenCache;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * Issue 2's speed targets, measured in one run:
 *
 * <ul>
 *   <li>{@code bareEd25519Verify}: one BouncyCastle Ed25519 verify of a signature base of the same
 *       length as the request's (the floor);
 *   <li>{@code warmAuthTokenRequest}: the full "Verification (Server)" of a signed request carrying
 *       an auth token whose JWT was verified before (target: at most 1.3x the floor, at most 16 KB
 *       allocated);
 *   <li>{@code coldAuthTokenRequest}: the same with a never-seen JWT — the verified-token cache is
 *       off, so every call parses and verifies the JWT too (target: at most 2.5x the floor). The
 *       issuer's JWKS is already known, as it is in steady state.
 *   <li>{@code replayCheck}: what issue 12's replay protection adds to a state-changing request
 *       that passes: the SHA-256 {@link ReplayKey} of a request-sized signature base and its insert
 *       into an {@link InMemoryReplayCache} holding a steady 60 s window of keys (the clock moves
 *       one second every 1,000 operations; target: at most 10 µs);
 *   <li>{@code warmAuthTokenPost} and {@code warmAuthTokenPostReplayed}: the full verification of a
 *       signed POST (auth token seen before, content-digest covered) without a replay cache, and
 *       with one, where every call after the first is refused as a replay (the key and the lookup,
 *       then the exception).
 * </ul>
 *
 * Run: {@code mvn -Pbench test} (see docs/benchmarks.md); add {@code -Djmh.args="..."} to change
 * JMH options.
 */
public class RequestVerificationBench extends MicrosecondBench {

    private HttpRequestMessage request;
    private AAuthRequestVerifier warm;
    private AAuthRequestVerifier cold;
    private BareVerify bare;

    private byte[] replayBase;
    private long replayCounter;
    private final SteppingClock replayClock = new SteppingClock();
    private InMemoryReplayCache replayCache;
    private HttpRequestMessage post;
    private AAuthRequestVerifier postPlain;
    private AAuthRequestVerifier postReplayChecked;

    /** One second more every 1,000 reads. */
    static final class SteppingClock extends Clock {
        private long reads;

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(1_800_000_000L + reads++ / 1000);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Setup
    public void setup() {
        AAuthFixture f = new AAuthFixture();
        String authToken = f.authToken(List.of("supply-chain:read"));
        request = f.signedGet("/api/inventory", new SignatureKey.Jwt(authToken)).message();
        VerificationPolicy policy = VerificationPolicy.forResource(AAuthFixture.RESOURCE);
        warm =
                f.verifier(
                        policy,
                        new VerifiedTokenCache(VerifiedTokenCache.DEFAULT_MAX_ENTRIES, f.clock));
        cold = f.verifier(policy, VerifiedTokenCache.disabled(f.clock));
        warm.verify(request); // the JWT is now "seen before"
        bare = new BareVerify(request, f.agentKey.publicJwk());
        replayBase = bare.base();
        replayCache = new InMemoryReplayCache(InMemoryReplayCache.DEFAULT_MAX_ENTRIES, replayClock);
        String body = "{\"sku\":\"LAP-XPS-13\",\"quantity\":5}";
        AAuthFixture.Request p =
                new AAuthFixture.Request("POST", AAuthFixture.RESOURCE + "/api/orders");
        p.set("content-type", "application/json");
        p.set("content-length", Integer.toString(body.length()));
        p.set("content-digest", ContentDigest.create(body.getBytes(StandardCharsets.UTF_8)));
        p.apply(
                f.signer()
                        .sign(
                                p.method,
                                p.target,
                                p.lookup(),
                                new SignatureKey.Jwt(authToken),
                                List.of("content-type", "content-digest")));
        post = p.message();
        postPlain = warm;
        postReplayChecked =
                warm.with(
                        new InMemoryReplayCache(InMemoryReplayCache.DEFAULT_MAX_ENTRIES, f.clock),
                        List.of("content-digest"));
        postReplayChecked.verify(post); // recorded: from now on a replay
        if (!bareEd25519Verify() || cold.verify(request) == null) {
            throw new IllegalStateException("benchmark inputs do not verify");
        }
    }

    @Benchmark
    public boolean bareEd25519Verify() {
        return bare.verify();
    }

    @Benchmark
    public VerifiedRequest warmAuthTokenRequest() {
        return warm.verify(request);
    }

    @Benchmark
    public VerifiedRequest coldAuthTokenRequest() {
        return cold.verify(request);
    }

    @Benchmark
    public boolean replayCheck() {
        long n = ++replayCounter;
        for (int i = 0; i < 8; i++) {
            replayBase[i] = (byte) (n >>> (8 * i));
        }
        long now = replayClock.instant().getEpochSecond();
        return replayCache.firstSeen(ReplayKey.of(replayBase), now + 61);
    }

    @Benchmark
    public VerifiedRequest warmAuthTokenPost() {
        return postPlain.verify(post);
    }

    @Benchmark
    public Object warmAuthTokenPostReplayed() {
        try {
            return postReplayChecked.verify(post);
        } catch (AAuthException e) {
            return e;
        }
    }
}
