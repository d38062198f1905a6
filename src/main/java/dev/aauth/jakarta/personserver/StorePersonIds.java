package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.Person;
import dev.aauth.jakarta.store.Persons;
import java.util.Objects;
import java.util.Optional;

/**
 * The Person Server names a person by username (as in {@code aauth.person-server.agent-bindings});
 * the store keys persons by a generated id. This maps one to the other, creating the person row
 * the first time a username is bound or consents (the login issue fills in the rest).
 */
final class StorePersonIds {

    private final Persons persons;

    StorePersonIds(Persons persons) {
        this.persons = Objects.requireNonNull(persons, "persons");
    }

    Optional<String> idOf(String username) {
        return persons.findByUsername(username).map(Person::id);
    }

    /** The person's id, adding the person when unknown (of concurrent additions one wins, all see it). */
    String ensure(String username) {
        Optional<String> known = idOf(username);
        if (known.isPresent()) {
            return known.get();
        }
        return persons.create(username, null, null).map(Person::id)
                .orElseGet(() -> idOf(username).orElseThrow(() -> new IllegalStateException("person " + username + " vanished")));
    }

    Optional<Person> find(String id) {
        return persons.find(id);
    }

    Optional<String> usernameOf(String id) {
        return persons.find(id).map(Person::username);
    }
}
