package dev.aauth.bench;

import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.httpsig.SignatureBase;
import dev.aauth.httpsig.SignatureSet;
import dev.aauth.profile.AAuthFixture;
import dev.aauth.profile.AAuthRequestVerifier;
import dev.aauth.profile.VerificationPolicy;
import dev.aauth.profile.VerifiedRequest;
import dev.aauth.sigkey.SignatureKey;
import dev.aauth.token.VerifiedTokenCache;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

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
 * </ul>
 *
 * Run: {@code mvn -Pbench test} (see docs/benchmarks.md); add {@code -Djmh.args="..."} to change
 * JMH options.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestVerificationBench {

    private HttpRequestMessage request;
    private AAuthRequestVerifier warm;
    private AAuthRequestVerifier cold;
    private Ed25519PublicKeyParameters agentPublicKey;
    private byte[] base;
    private byte[] signature;

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
        var sig = SignatureSet.from(request.fields()).get("sig");
        base = SignatureBase.create(request, sig.input());
        signature = sig.signature();
        agentPublicKey =
                new Ed25519PublicKeyParameters(
                        Base64.getUrlDecoder().decode(f.agentKey.publicJwk().x()), 0);
        if (!bareEd25519Verify() || cold.verify(request) == null) {
            throw new IllegalStateException("benchmark inputs do not verify");
        }
    }

    @Benchmark
    public boolean bareEd25519Verify() {
        return agentPublicKey.verify(
                Ed25519.Algorithm.Ed25519, null, base, 0, base.length, signature, 0);
    }

    @Benchmark
    public VerifiedRequest warmAuthTokenRequest() {
        return warm.verify(request);
    }

    @Benchmark
    public VerifiedRequest coldAuthTokenRequest() {
        return cold.verify(request);
    }
}
