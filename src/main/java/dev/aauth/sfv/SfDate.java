package dev.aauth.sfv;

/**
 * A Date bare item (RFC 9651 Section 3.3.7): seconds since the Unix epoch, serialized as
 * {@code @1659578233}.
 */
public record SfDate(long epochSeconds) {}
