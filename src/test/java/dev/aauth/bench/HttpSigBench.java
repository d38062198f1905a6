package dev.aauth.bench;

import dev.aauth.digest.ContentDigest;
import dev.aauth.httpsig.ComponentIdentifier;
import dev.aauth.httpsig.HttpFields;
import dev.aauth.httpsig.HttpMessageSigner;
import dev.aauth.httpsig.HttpMessageVerifier;
import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.httpsig.MessageVerifier;
import dev.aauth.httpsig.SignatureBase;
import dev.aauth.httpsig.SignatureHeaders;
import dev.aauth.httpsig.SignatureParameters;
import dev.aauth.httpsig.SignatureSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
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
 * The verify path of an AAuth-shaped request: parse Signature-Input/Signature, build the base, and
 * (separately) the Ed25519 check. Not run by Surefire; run with the JMH main class: {@code java -cp
 * <test classpath> org.openjdk.jmh.Main HttpSigBench -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class HttpSigBench {

    private HttpRequestMessage signed;
    private MessageVerifier verifier;

    @Setup
    public void setup() {
        byte[] seed = new byte[32];
        seed[0] = 7;
        Ed25519PrivateKeyParameters priv = new Ed25519PrivateKeyParameters(seed);
        Ed25519PublicKeyParameters pub = priv.generatePublicKey();
        byte[] body = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);
        HttpFields fields =
                HttpFields.builder()
                        .add("Content-Type", "application/json")
                        .add("Content-Digest", ContentDigest.create(body))
                        .add(
                                "Signature-Key",
                                "sig=hwk;kty=\"OKP\";crv=\"Ed25519\";x=\"JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs\"")
                        .build();
        HttpRequestMessage request =
                HttpRequestMessage.of("POST", "https://resource.example/api/items", fields);
        SignatureHeaders h =
                HttpMessageSigner.sign(
                        request,
                        "sig",
                        List.of(
                                ComponentIdentifier.METHOD,
                                ComponentIdentifier.AUTHORITY,
                                ComponentIdentifier.PATH,
                                ComponentIdentifier.of("signature-key"),
                                ComponentIdentifier.of("content-digest")),
                        SignatureParameters.builder().created(1730217600L).build(),
                        base -> {
                            Ed25519Signer s = new Ed25519Signer();
                            s.init(true, priv);
                            s.update(base, 0, base.length);
                            return s.generateSignature();
                        });
        signed =
                request.withFields(
                        fields.toBuilder()
                                .add("Signature-Input", h.signatureInput())
                                .add("Signature", h.signature())
                                .build());
        verifier =
                (base, sig) -> {
                    Ed25519Signer s = new Ed25519Signer();
                    s.init(false, pub);
                    s.update(base, 0, base.length);
                    return s.verifySignature(sig);
                };
    }

    /** Parsing both fields and re-creating the base: everything but the cryptography. */
    @Benchmark
    public byte[] parseAndBuildBase() {
        return SignatureBase.create(signed, SignatureSet.from(signed.fields()).get("sig").input());
    }

    /** The whole verification including Ed25519. */
    @Benchmark
    public Object verify() {
        return HttpMessageVerifier.verify(signed, "sig", verifier);
    }
}
