package dev.aauth.sfv;

/**
 * A member of a List or Dictionary: an {@link Item} or an {@link InnerList}, each with parameters.
 */
public sealed interface Member permits Item, InnerList {

    Parameters parameters();
}
