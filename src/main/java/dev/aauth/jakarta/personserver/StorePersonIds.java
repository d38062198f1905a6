package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.Persons;
import dev.aauth.personserver.PersonIds;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Person Server names a person by username (as in {@code aauth.person-server.agent-bindings});
 * the store keys persons by a generated id. This maps one to the other, creating the person row the
 * first time a username is bound or consents (the login issue fills in the rest).
 *
 * <p>Pairs read by id ({@link #usernameOf}: the id of a person a stored row refers to) are
 * remembered and answer later lookups both ways: a person's row is never deleted and its {@code
 * username} and {@code id} never change (primary key and unique constraint; no code updates
 * either), so a pair read once stays true for every instance on the database. Lookups by username
 * ({@link #idOf}, {@link #ensure}) do not add pairs: a person just created in a transaction that is
 * then rolled back must not be remembered. Nothing about bindings or consents is cached: those
 * change. At most {@link #MAX_CACHED} pairs; a full cache starts again empty. One instance is
 * shared by the adapters of a server ({@link PersonServerProducers}).
 */
final class StorePersonIds implements PersonIds {

    static final int MAX_CACHED = 10_000;

    private final Persons persons;
    private final Map<String, String> idByUsername = new ConcurrentHashMap<>();
    private final Map<String, String> usernameById = new ConcurrentHashMap<>();

    StorePersonIds(Persons persons) {
        this.persons = Objects.requireNonNull(persons, "persons");
    }

    Optional<String> idOf(String username) {
        String known = idByUsername.get(username);
        return known != null
                ? Optional.of(known)
                : persons.findByUsername(username).map(dev.aauth.jakarta.store.Person::id);
    }

    /**
     * The person's id, adding the person when unknown (of concurrent additions one wins, all see
     * it).
     */
    @Override
    public String ensure(String username) {
        Optional<String> known = idOf(username);
        if (known.isPresent()) {
            return known.get();
        }
        return persons.create(username, null, null)
                .map(dev.aauth.jakarta.store.Person::id)
                .orElseGet(
                        () ->
                                idOf(username)
                                        .orElseThrow(
                                                () ->
                                                        new IllegalStateException(
                                                                "person "
                                                                        + username
                                                                        + " vanished")));
    }

    @Override
    public Optional<PersonIds.Person> find(String id) {
        return persons.find(id)
                .map(p -> new PersonIds.Person(p.id(), p.username(), p.displayName(), p.email()));
    }

    @Override
    public Optional<String> usernameOf(String id) {
        String known = usernameById.get(id);
        return known != null
                ? Optional.of(known)
                : persons.find(id)
                        .map(this::remember)
                        .map(dev.aauth.jakarta.store.Person::username);
    }

    private dev.aauth.jakarta.store.Person remember(dev.aauth.jakarta.store.Person person) {
        if (usernameById.size() >= MAX_CACHED) {
            usernameById.clear();
            idByUsername.clear();
        }
        usernameById.put(person.id(), person.username());
        idByUsername.put(person.username(), person.id());
        return person;
    }
}
