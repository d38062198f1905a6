package dev.aauth.sfv;

import java.util.List;
import java.util.Objects;

/**
 * An Inner List (RFC 9651 Section 3.1.1): a parenthesized list of items with its own parameters.
 */
public record InnerList(List<Item> items, Parameters parameters) implements Member {

    public InnerList {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        Objects.requireNonNull(parameters, "parameters");
    }

    public static InnerList of(List<Item> items) {
        return new InnerList(items, Parameters.EMPTY);
    }
}
