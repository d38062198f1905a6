package dev.aauth.jakarta.login;

import dev.aauth.jakarta.config.AAuthConfig;
import dev.aauth.jakarta.config.Role;
import dev.aauth.jakarta.store.Person;
import dev.aauth.jakarta.store.Persons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Creates the configured persons when a Person Server origin starts: the development person ({@code
 * aauth.person-server.demo-person}, DEVELOPMENT only, password = username, set only when the person
 * has no password yet) and the administrator's {@code aauth.person-server.persons} (username and
 * Argon2id hash; the configured hash replaces the stored one). STRICT mode with nothing configured
 * creates nobody. Agents are bound to persons by {@code aauth.person-server.agent-bindings} or at
 * their first consent.
 */
@ApplicationScoped
public class InitialPersons {

    private static final Logger LOG = Logger.getLogger(InitialPersons.class.getName());

    @Inject AAuthConfig config;
    @Inject Persons persons;

    /**
     * Created now on the person origin: its producer binds the configured agents (alice's backend
     * agent).
     */
    @Inject
    jakarta.enterprise.inject.Instance<dev.aauth.personserver.AgentBindings> configuredBindings;

    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!config.hasRole(Role.PERSON_SERVER)) {
            return;
        }
        config.personAccounts()
                .demoPerson()
                .ifPresent(
                        username -> {
                            Person person = ensure(username);
                            if (person.passwordHash().isEmpty()) {
                                persons.setPasswordHash(
                                        person.id(),
                                        new PasswordHashes().hash(username.toCharArray()));
                                LOG.info(
                                        "DEVELOPMENT: person "
                                                + username
                                                + " can sign in with password "
                                                + username);
                            }
                        });
        config.personAccounts()
                .persons()
                .forEach((username, hash) -> persons.setPasswordHash(ensure(username).id(), hash));
        configuredBindings
                .get(); // a @Singleton: getting it runs its producer, which binds the configured
        // agents
    }

    private Person ensure(String username) {
        Optional<Person> known = persons.findByUsername(username);
        return known.or(() -> persons.create(username, null, null))
                .or(() -> persons.findByUsername(username))
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "person " + username + " could not be created"));
    }
}
