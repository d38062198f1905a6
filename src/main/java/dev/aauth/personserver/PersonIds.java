package dev.aauth.personserver;

import java.util.Optional;

/**
 * The persons known to the Person Server, by username (as policy, bindings and the token's pairwise
 * {@code sub} name them) and by stored id (as requests and tokens reference them). The port; the
 * database adapter is on the Jakarta side.
 */
public interface PersonIds {

    /** A person as the core reads them: for identity claims. */
    record Person(
            String id, String username, Optional<String> displayName, Optional<String> email) {
        public Person {
            displayName = displayName == null ? Optional.empty() : displayName;
            email = email == null ? Optional.empty() : email;
        }
    }

    /** The id of the person with this username, created (without name or email) if unknown. */
    String ensure(String username);

    /** The username of a stored person id. */
    Optional<String> usernameOf(String personId);

    /** The person of a stored id. */
    Optional<Person> find(String personId);
}
