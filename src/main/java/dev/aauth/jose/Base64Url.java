package dev.aauth.jose;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;

/**
 * Strict base64url (RFC 4648 section 5) without padding, as JOSE requires (RFC 7515 section 2:
 * "with all trailing '=' characters omitted ... and without the inclusion of any line breaks,
 * whitespace, or other additional characters").
 *
 * <p>Decoding rejects padding, whitespace, characters outside the URL-safe alphabet, an impossible
 * length (4n+1) and non-canonical encodings whose unused trailing bits are not zero, so that every
 * byte string has exactly one accepted encoding.
 */
public final class Base64Url {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
        }
    }

    private Base64Url() {}

    /** Encodes without padding. */
    public static String encode(byte[] data) {
        return encode(data, 0, data.length);
    }

    /** Encodes {@code len} bytes from {@code off} without padding. */
    public static String encode(byte[] data, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, data.length);
        char[] out = new char[(len * 4 + 2) / 3];
        int o = 0;
        int end = off + len;
        int i = off;
        while (end - i >= 3) {
            int v = (data[i] & 0xff) << 16 | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff);
            out[o++] = ALPHABET[v >>> 18];
            out[o++] = ALPHABET[(v >>> 12) & 63];
            out[o++] = ALPHABET[(v >>> 6) & 63];
            out[o++] = ALPHABET[v & 63];
            i += 3;
        }
        int rest = end - i;
        if (rest == 1) {
            int v = data[i] & 0xff;
            out[o++] = ALPHABET[v >>> 2];
            out[o] = ALPHABET[(v & 3) << 4];
        } else if (rest == 2) {
            int v = (data[i] & 0xff) << 8 | (data[i + 1] & 0xff);
            out[o++] = ALPHABET[v >>> 10];
            out[o++] = ALPHABET[(v >>> 4) & 63];
            out[o] = ALPHABET[(v & 15) << 2];
        }
        return new String(out);
    }

    /**
     * Decodes strictly.
     *
     * @param error the code to throw on malformed input (e.g. {@code INVALID_KEY} for a JWK member)
     * @param what names the input in the error detail; never the value itself
     */
    public static byte[] decode(String s, AAuthError error, String what) {
        byte[] out = decodeOrNull(s, 0, s.length());
        if (out == null) {
            throw new AAuthException(error, what + " is not base64url without padding");
        }
        return out;
    }

    /** True when {@code s} is well-formed, canonical base64url without padding. */
    public static boolean isValid(String s) {
        return s != null && decodedLength(s, 0, s.length()) >= 0;
    }

    /**
     * Decodes {@code s[from, to)} strictly; {@code null} when it is not canonical unpadded
     * base64url. Used on hot paths where an exception would be a waste.
     */
    static byte[] decodeOrNull(String s, int from, int to) {
        int n = decodedLength(s, from, to);
        if (n < 0) {
            return null;
        }
        byte[] out = new byte[n];
        decode(s, from, to, out);
        return out;
    }

    /**
     * The byte count {@code s[from, to)} decodes to, or -1 when it is not canonical unpadded
     * base64url.
     */
    static int decodedLengthOrNegative(String s, int from, int to) {
        return decodedLength(s, from, to);
    }

    /**
     * Decodes {@code s[from, to)}, already validated by {@link #decodedLength}, into {@code out}.
     */
    static void decode(String s, int from, int to, byte[] out) {
        int o = 0;
        int i = from;
        while (to - i >= 4) {
            int v =
                    VALUES[s.charAt(i)] << 18
                            | VALUES[s.charAt(i + 1)] << 12
                            | VALUES[s.charAt(i + 2)] << 6
                            | VALUES[s.charAt(i + 3)];
            out[o++] = (byte) (v >>> 16);
            out[o++] = (byte) (v >>> 8);
            out[o++] = (byte) v;
            i += 4;
        }
        int rest = to - i;
        if (rest == 2) {
            int v = VALUES[s.charAt(i)] << 6 | VALUES[s.charAt(i + 1)];
            out[o] = (byte) (v >>> 4);
        } else if (rest == 3) {
            int v =
                    VALUES[s.charAt(i)] << 12
                            | VALUES[s.charAt(i + 1)] << 6
                            | VALUES[s.charAt(i + 2)];
            out[o++] = (byte) (v >>> 10);
            out[o] = (byte) (v >>> 2);
        }
    }

    /**
     * Validates the alphabet, length and canonical trailing bits; -1 if invalid, else the byte
     * count.
     */
    private static int decodedLength(String s, int from, int to) {
        int len = to - from;
        int rem = len & 3;
        if (rem == 1) {
            return -1;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128 || VALUES[c] < 0) {
                return -1;
            }
        }
        if (rem == 2 && (VALUES[s.charAt(to - 1)] & 0x0f) != 0) {
            return -1;
        }
        if (rem == 3 && (VALUES[s.charAt(to - 1)] & 0x03) != 0) {
            return -1;
        }
        return len / 4 * 3 + (rem == 0 ? 0 : rem - 1);
    }
}
