package dev.aauth.jose;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The NIST prime curves a JWK may name (RFC 7518 section 6.2.1.1), on BouncyCastle's optimised
 * custom curve implementations. Only P-256 signs in AAuth; P-384 and P-521 are known so that their
 * keys are validated and then refused with {@code unsupported_algorithm}, not {@code invalid_key}.
 */
enum NamedCurve {
    P_256("P-256", "secp256r1", 32),
    P_384("P-384", "secp384r1", 48),
    P_521("P-521", "secp521r1", 66);

    final String crv;

    /**
     * "The length of this octet string MUST be the full size of a coordinate for the curve" (RFC
     * 7518 6.2.1.2).
     */
    final int coordinateLength;

    final ECDomainParameters domain;

    NamedCurve(String crv, String bcName, int coordinateLength) {
        this.crv = crv;
        this.coordinateLength = coordinateLength;
        X9ECParameters x9 = CustomNamedCurves.getByName(bcName);
        this.domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    }

    static NamedCurve byCrv(String crv) {
        for (NamedCurve c : values()) {
            if (c.crv.equals(crv)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The affine point (x, y) if both coordinates are field elements and the point lies on the
     * curve, else {@code null}. This is the defence against invalid-curve attacks: a point off the
     * curve can leak the private key of anyone doing ECDH with it and must never reach an EC
     * operation.
     */
    ECPoint pointOrNull(byte[] x, byte[] y) {
        ECCurve curve = domain.getCurve();
        BigInteger bx = new BigInteger(1, x);
        BigInteger by = new BigInteger(1, y);
        if (!curve.isValidFieldElement(bx) || !curve.isValidFieldElement(by)) {
            return null;
        }
        ECPoint p = curve.createPoint(bx, by);
        // isValid checks the curve equation and, with cofactor 1, membership of the prime-order
        // group.
        return p.isValid() && !p.isInfinity() ? p : null;
    }
}
