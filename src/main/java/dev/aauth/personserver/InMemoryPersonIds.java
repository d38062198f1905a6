package dev.aauth.personserver;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@link PersonIds} in memory: for tests and a single instance without a database. */
public final class InMemoryPersonIds implements PersonIds {

    private final Map<String, Person> byId = new ConcurrentHashMap<>();
    private final Map<String, String> idByUsername = new ConcurrentHashMap<>();

    /** Adds (or replaces) a person with a name and email; returns their id. */
    public synchronized String add(String username, String displayName, String email) {
        String id = idByUsername.computeIfAbsent(username, u -> UUID.randomUUID().toString());
        byId.put(
                id,
                new Person(
                        id,
                        username,
                        Optional.ofNullable(displayName),
                        Optional.ofNullable(email)));
        return id;
    }

    @Override
    public synchronized String ensure(String username) {
        String known = idByUsername.get(username);
        return known != null ? known : add(username, null, null);
    }

    @Override
    public Optional<String> usernameOf(String personId) {
        return find(personId).map(Person::username);
    }

    @Override
    public Optional<Person> find(String personId) {
        return Optional.ofNullable(byId.get(personId));
    }
}
