package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.Consents;
import dev.aauth.jakarta.store.Persons;
import dev.aauth.personserver.ConsentStore;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@link ConsentStore} in the database ({@link Consents}): remembered consents survive restarts.
 */
public final class StoreConsentStore implements ConsentStore {

    private final Consents consents;
    private final StorePersonIds persons;

    public StoreConsentStore(Consents consents, Persons persons) {
        this(consents, new StorePersonIds(persons));
    }

    StoreConsentStore(Consents consents, StorePersonIds persons) {
        this.consents = Objects.requireNonNull(consents, "consents");
        this.persons = Objects.requireNonNull(persons, "persons");
    }

    @Override
    public boolean covers(String person, String agent, String resource, List<String> scopes) {
        return persons.idOf(person)
                .map(id -> consents.covers(id, agent, resource, Set.copyOf(scopes)))
                .orElse(false);
    }

    @Override
    public void remember(String person, String agent, String resource, List<String> scopes) {
        consents.grant(persons.ensure(person), agent, resource, Set.copyOf(scopes));
    }
}
