package dev.aauth.bench;

import dev.aauth.httpsig.HttpRequestMessage;
import dev.aauth.httpsig.ReceivedSignature;
import dev.aauth.httpsig.SignatureBase;
import dev.aauth.httpsig.SignatureSet;
import dev.aauth.jose.Jwk;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The benchmarks' unit: one bare BouncyCastle Ed25519 verify of a signed request's own signature
 * base (the same length as what the verifier checks), with nothing around it.
 */
final class BareVerify {

    private final Ed25519PublicKeyParameters key;
    private final byte[] base;
    private final byte[] signature;

    /** The signature labelled {@code sig} of {@code request}, by the Ed25519 {@code signer}. */
    BareVerify(HttpRequestMessage request, Jwk signer) {
        ReceivedSignature sig = SignatureSet.from(request.fields()).get("sig");
        base = SignatureBase.create(request, sig.input());
        signature = sig.signature();
        key = new Ed25519PublicKeyParameters(Base64.getUrlDecoder().decode(signer.x()), 0);
    }

    /** A copy of the signature base. */
    byte[] base() {
        return base.clone();
    }

    boolean verify() {
        return key.verify(Ed25519.Algorithm.Ed25519, null, base, 0, base.length, signature, 0);
    }
}
