package dev.aauth.sfv;

import java.util.Objects;

/**
 * A Display String bare item (RFC 9651 Section 3.3.8): Unicode text, serialized as {@code %"..."}.
 */
public record DisplayString(String value) {

    public DisplayString {
        Objects.requireNonNull(value, "value");
    }
}
