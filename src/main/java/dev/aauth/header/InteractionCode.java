package dev.aauth.header;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;

/**
 * The interaction {@code code} of -02 onwards, "Interaction Code Format": "The code MUST be
 * generated from Crockford base32 — the symbol set 0123456789ABCDEFGHJKMNPQRSTVWXYZ", "A code MUST
 * carry at least 40 bits of entropy — at least 8 Crockford base32 symbols, drawn from a
 * cryptographically secure random source", hyphens are "presentational only ... Before comparison,
 * both the server and any party validating the code MUST strip all hyphens", "Comparison MUST be
 * case-insensitive" and "on input MUST fold the Crockford decode aliases (I/L → 1, O → 0)".
 *
 * <p>Single use, rate limiting and lifetime are the issuing server's state; this class only makes
 * and compares codes.
 */
public final class InteractionCode {

    /** The Crockford base32 symbols, without I, L, O, U. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /** 8 symbols = 40 bits, the floor. */
    public static final int MIN_SYMBOLS = 8;

    private InteractionCode() {}

    /**
     * A fresh code of {@code symbols} random Crockford symbols (at least 8), grouped by four with
     * hyphens for display, e.g. {@code A1B2-C3D4}.
     */
    public static String generate(SecureRandom random, int symbols) {
        Objects.requireNonNull(random, "random");
        if (symbols < MIN_SYMBOLS) {
            throw new IllegalArgumentException("an interaction code carries at least 40 bits");
        }
        StringBuilder sb = new StringBuilder(symbols + symbols / 4);
        for (int i = 0; i < symbols; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append('-');
            }
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /**
     * The comparable value of a code as entered: hyphens stripped, upper-cased, {@code I}/{@code L}
     * folded to {@code 1} and {@code O} to {@code 0}; null when anything else is outside the
     * alphabet (e.g. {@code U}, a space, a non-ASCII letter).
     */
    public static String normalize(String entered) {
        if (entered == null) {
            return null;
        }
        String up = entered.replace("-", "").toUpperCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(up.length());
        for (int i = 0; i < up.length(); i++) {
            char c = up.charAt(i);
            if (c == 'I' || c == 'L') {
                c = '1';
            } else if (c == 'O') {
                c = '0';
            }
            if (ALPHABET.indexOf(c) < 0) {
                return null;
            }
            sb.append(c);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** Whether {@code entered} is the code {@code issued} under the comparison rules above. */
    public static boolean matches(String issued, String entered) {
        String a = normalize(issued);
        String b = normalize(entered);
        return a != null && a.equals(b);
    }

    /**
     * Whether {@code code} is a well-formed -11 code: only Crockford symbols and hyphens ("Servers
     * MUST NOT emit codes containing characters outside this set (other than the optional grouping
     * hyphen)") and at least 8 symbols.
     */
    public static boolean isWellFormed(String code) {
        if (code == null) {
            return false;
        }
        int symbols = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '-') {
                continue;
            }
            if (ALPHABET.indexOf(c) < 0) {
                return false;
            }
            symbols++;
        }
        return symbols >= MIN_SYMBOLS;
    }
}
