package dev.aauth.jakarta.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * An interaction code: "An interaction code that links the agent's pending request to the user's
 * session at the interaction URL", shown to people and typed by them ({@code code="A1B2-C3D4"} in
 * the draft's examples).
 *
 * <p>Eight characters from a 32-letter alphabet without look-alikes (no {@code 0 O 1 I}: 40 random
 * bits), displayed as two groups of four. Input is normalised (case, spaces and hyphens ignored)
 * before hashing, so a person may type {@code a1b2 c3d4}. The store keeps only {@link #hash()}, the
 * SHA-256 of the normalised code: the code itself never reaches the database.
 */
public final class InteractionCode {

    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    static final int LENGTH = 8;

    private final String normalized;

    private InteractionCode(String normalized) {
        this.normalized = normalized;
    }

    /** A fresh random code. */
    public static InteractionCode generate(SecureRandom random) {
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new InteractionCode(new String(chars));
    }

    /**
     * A code as a person or a query parameter gave it; empty when it cannot be a code this server
     * issued (wrong length or a character outside the alphabet).
     */
    public static Optional<InteractionCode> parse(String input) {
        if (input == null || input.length() > 64) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(LENGTH);
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c == '-' || c == ' ') {
                continue;
            }
            // ASCII only: Character.toUpperCase would turn the long s (U+017F) into 'S'
            char upper = c < 0x80 ? Character.toUpperCase(c) : 0;
            if (ALPHABET.indexOf(upper) < 0) {
                return Optional.empty();
            }
            out.append(upper);
        }
        return out.length() == LENGTH
                ? Optional.of(new InteractionCode(out.toString()))
                : Optional.empty();
    }

    /** The SHA-256 of the normalised code, base64url without padding (43 characters). */
    public String hash() {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(normalized.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The code as shown to people and sent in {@code AAuth-Requirement}: {@code XXXX-XXXX}. */
    public String display() {
        return normalized.substring(0, 4) + "-" + normalized.substring(4);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InteractionCode other && normalized.equals(other.normalized);
    }

    @Override
    public int hashCode() {
        return Objects.hash(normalized);
    }

    /** Never the code itself, so that it does not end up in logs. */
    @Override
    public String toString() {
        return "InteractionCode[****-****]";
    }
}
