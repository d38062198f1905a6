package dev.aauth.personserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link PersonIds}: one stable identifier per person (the "sub" the Person Server's tokens are
 * about is derived from it), found again by id.
 */
public abstract class PersonIdsContract extends PortContract {

    /** The implementation under test, opened by {@link #open}. */
    protected abstract PersonIds persons();

    @Test
    @DisplayName("ensure gives a username the same id every time, and another username another id")
    void oneStableIdPerPerson() {
        String name = username();
        String id = persons().ensure(name);
        assertEquals(id, persons().ensure(name));
        assertNotEquals(id, persons().ensure(username()));
    }

    @Test
    @DisplayName("the id leads back to the username and the person")
    void theIdLeadsBackToThePerson() {
        String name = username();
        String id = persons().ensure(name);
        assertEquals(Optional.of(name), persons().usernameOf(id));
        PersonIds.Person p = persons().find(id).orElseThrow();
        assertEquals(id, p.id());
        assertEquals(name, p.username());
    }

    @Test
    @DisplayName("an id never given out finds nobody")
    void anUnknownIdFindsNobody() {
        persons().ensure(username());
        String unknown = java.util.UUID.randomUUID().toString();
        assertEquals(Optional.empty(), persons().find(unknown));
        assertEquals(Optional.empty(), persons().usernameOf(unknown));
    }
}
