package dev.aauth.sfv;

import java.util.Objects;

/**
 * A Token bare item (RFC 9651 Section 3.3.4): an unquoted short textual word such as {@code hwk}.
 */
public record Token(String value) {

    public Token {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
