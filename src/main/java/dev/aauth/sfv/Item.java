package dev.aauth.sfv;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An Item (RFC 9651 Section 3.3): a bare item with parameters.
 *
 * @param value one of Long, BigDecimal, String, Token, ByteSequence, Boolean, SfDate, DisplayString
 * @param parameters never null
 */
public record Item(Object value, Parameters parameters) implements Member {

    public Item {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(parameters, "parameters");
        BareItems.check(value);
    }

    public static Item of(Object value) {
        return new Item(value, Parameters.EMPTY);
    }

    public static Item of(Object value, Parameters parameters) {
        return new Item(value, parameters);
    }

    public static Item token(String token) {
        return new Item(new Token(token), Parameters.EMPTY);
    }

    public Item withParameters(Parameters params) {
        return new Item(value, params);
    }

    public boolean isString() {
        return value instanceof String;
    }

    public boolean isToken() {
        return value instanceof Token;
    }

    /** The String value, or null when this item is not a String. */
    public String stringValue() {
        return value instanceof String s ? s : null;
    }

    /** The Token value as text, or null when this item is not a Token. */
    public String tokenValue() {
        return value instanceof Token t ? t.value() : null;
    }

    /** The Integer value, or null when this item is not an Integer. */
    public Long longValue() {
        return value instanceof Long l ? l : null;
    }

    public BigDecimal decimalValue() {
        return value instanceof BigDecimal d ? d : null;
    }

    public ByteSequence byteSequenceValue() {
        return value instanceof ByteSequence b ? b : null;
    }

    public Boolean booleanValue() {
        return value instanceof Boolean b ? b : null;
    }
}
