package dev.aauth.httpsig;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.engines.RSAEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.util.BigIntegers;

/**
 * Test-only adapters from BouncyCastle's lightweight API to {@link MessageSigner} and {@link
 * MessageVerifier}, built from the JWKs of RFC 9421 Appendix B.1. The production adapters over
 * {@code dev.aauth.jose} keys are wired in by the lead.
 */
final class TestCrypto {

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters P256_DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

    private TestCrypto() {}

    static byte[] b64url(Object value) {
        return Base64.getUrlDecoder().decode((String) value);
    }

    static MessageSigner ed25519Signer(Map<String, Object> jwk) {
        Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(b64url(jwk.get("d")));
        return new MessageSigner() {
            @Override
            public byte[] sign(byte[] base) {
                Ed25519Signer s = new Ed25519Signer();
                s.init(true, key);
                s.update(base, 0, base.length);
                return s.generateSignature();
            }

            @Override
            public String algorithm() {
                return "ed25519";
            }

            @Override
            public String keyId() {
                return (String) jwk.get("kid");
            }
        };
    }

    static MessageVerifier ed25519Verifier(Map<String, Object> jwk) {
        Ed25519PublicKeyParameters key = new Ed25519PublicKeyParameters(b64url(jwk.get("x")));
        return new MessageVerifier() {
            @Override
            public boolean verify(byte[] base, byte[] signature) {
                Ed25519Signer s = new Ed25519Signer();
                s.init(false, key);
                s.update(base, 0, base.length);
                return s.verifySignature(signature);
            }

            @Override
            public String algorithm() {
                return "ed25519";
            }
        };
    }

    /**
     * ECDSA P-256 SHA-256 with deterministic k (RFC 6979), output r||s (RFC 9421 Section 3.3.4).
     */
    static MessageSigner ecdsaP256Signer(Map<String, Object> jwk) {
        ECPrivateKeyParameters key =
                new ECPrivateKeyParameters(new BigInteger(1, b64url(jwk.get("d"))), P256_DOMAIN);
        return new MessageSigner() {
            @Override
            public byte[] sign(byte[] base) {
                ECDSASigner s = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
                s.init(true, key);
                BigInteger[] rs = s.generateSignature(sha256(base));
                byte[] out = new byte[64];
                BigIntegers.asUnsignedByteArray(rs[0], out, 0, 32);
                BigIntegers.asUnsignedByteArray(rs[1], out, 32, 32);
                return out;
            }

            @Override
            public String algorithm() {
                return "ecdsa-p256-sha256";
            }
        };
    }

    static MessageVerifier ecdsaP256Verifier(Map<String, Object> jwk) {
        ECPublicKeyParameters key =
                new ECPublicKeyParameters(
                        P256.getCurve()
                                .createPoint(
                                        new BigInteger(1, b64url(jwk.get("x"))),
                                        new BigInteger(1, b64url(jwk.get("y")))),
                        P256_DOMAIN);
        return new MessageVerifier() {
            @Override
            public boolean verify(byte[] base, byte[] signature) {
                if (signature.length != 64) {
                    return false;
                }
                ECDSASigner s = new ECDSASigner();
                s.init(false, key);
                return s.verifySignature(
                        sha256(base),
                        new BigInteger(1, Arrays.copyOfRange(signature, 0, 32)),
                        new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)));
            }

            @Override
            public String algorithm() {
                return "ecdsa-p256-sha256";
            }
        };
    }

    /** RSASSA-PSS, SHA-512, MGF1 SHA-512, salt 64 bytes (RFC 9421 Section 3.3.1). */
    static MessageVerifier rsaPssSha512Verifier(Map<String, Object> jwk) {
        RSAKeyParameters key =
                new RSAKeyParameters(
                        false,
                        new BigInteger(1, b64url(jwk.get("n"))),
                        new BigInteger(1, b64url(jwk.get("e"))));
        return (base, signature) -> {
            PSSSigner s = new PSSSigner(new RSAEngine(), new SHA512Digest(), 64);
            s.init(false, key);
            s.update(base, 0, base.length);
            return s.verifySignature(signature);
        };
    }

    /** HMAC using SHA-256 (RFC 9421 Section 3.3.3). */
    static MessageSigner hmacSha256Signer(byte[] secret) {
        return base -> {
            HMac mac = new HMac(new SHA256Digest());
            mac.init(new KeyParameter(secret));
            mac.update(base, 0, base.length);
            byte[] out = new byte[mac.getMacSize()];
            mac.doFinal(out, 0);
            return out;
        };
    }

    static MessageVerifier hmacSha256Verifier(byte[] secret) {
        MessageSigner mac = hmacSha256Signer(secret);
        return (base, signature) -> MessageDigest.isEqual(mac.sign(base), signature);
    }

    private static byte[] sha256(byte[] data) {
        SHA256Digest d = new SHA256Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }
}
