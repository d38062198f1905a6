package dev.aauth.jakarta.consent;

/**
 * Agent-supplied strings made safe to show as text (client names, platform, device, scope
 * descriptions, clarification answers): bidirectional overrides, isolates and marks (the "Trojan
 * source" characters U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), other invisible format
 * characters and control characters (but line feed and tab) become U+FFFD, and the text is cut at a
 * maximum length. HTML escaping is the page's job (Faces escapes every output); this removes what
 * escaping cannot: text that displays differently from what it is. Plain Java.
 */
public final class UntrustedText {

    /** The character shown instead of a neutralised one. */
    public static final char REPLACEMENT = '\uFFFD';

    private UntrustedText() {}

    /**
     * {@code value} with every bidi and control character replaced, at most {@code max} code
     * points; null stays null.
     */
    public static String clean(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max + 1));
        int count = 0;
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (count == max) {
                out.append('\u2026');
                break;
            }
            out.appendCodePoint(isNeutralised(c) ? REPLACEMENT : c);
            count++;
        }
        return out.toString();
    }

    /** One line: also line breaks and tabs become spaces. */
    public static String line(String value, int max) {
        String cleaned = clean(value, max);
        return cleaned == null ? null : cleaned.replace('\n', ' ').replace('\t', ' ');
    }

    static boolean isNeutralised(int c) {
        if (c == '\n' || c == '\t') {
            return false;
        }
        if (Character.isISOControl(c)) {
            return true;
        }
        int type = Character.getType(c);
        // FORMAT covers the bidi controls, zero-width characters, soft hyphen, tags; also unpaired
        // surrogates
        return type == Character.FORMAT
                || type == Character.SURROGATE
                || type == Character.PRIVATE_USE
                || type == Character.UNASSIGNED
                || c == 0x2028
                || c == 0x2029;
    }
}
