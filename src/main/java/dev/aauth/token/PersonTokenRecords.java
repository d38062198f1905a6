package dev.aauth.token;

import java.util.Optional;

/**
 * The PS's retained person-token records, looked up by {@code jti} (a storage port: the Person
 * Server implements it over its database). Resource Token Verification step 6: "A PS MUST resolve
 * presented_jti against its retained records of issued person tokens".
 */
@FunctionalInterface
public interface PersonTokenRecords {

    /** The record of the person token this PS issued with {@code jti}, if it is retained. */
    Optional<PersonTokenRecord> find(String jti);
}
