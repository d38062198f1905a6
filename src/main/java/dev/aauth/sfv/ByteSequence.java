package dev.aauth.sfv;

import java.util.Arrays;
import java.util.Base64;

/** A Byte Sequence bare item (RFC 9651 Section 3.3.5), serialized as {@code :base64:}. */
public final class ByteSequence {

    private final byte[] bytes;

    private ByteSequence(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps a copy of {@code bytes}. */
    public static ByteSequence of(byte[] bytes) {
        return new ByteSequence(bytes.clone());
    }

    static ByteSequence wrap(byte[] bytes) {
        return new ByteSequence(bytes);
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes without copying; callers must not modify the array. */
    public byte[] unsafeBytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteSequence other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return ":" + Base64.getEncoder().encodeToString(bytes) + ":";
    }
}
