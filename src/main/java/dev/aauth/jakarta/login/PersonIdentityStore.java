package dev.aauth.jakarta.login;

import dev.aauth.jakarta.store.Person;
import dev.aauth.jakarta.store.Persons;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import java.util.Set;

/**
 * The Jakarta Security identity store over the {@code persons} table: a username and password are
 * valid when the person exists and the password matches the stored Argon2id hash ({@link
 * PasswordHashes}). An unknown username or a person without a password costs the same hashing time
 * as a wrong password. Every valid caller is in the group {@value #PERSON_GROUP}.
 */
@ApplicationScoped
public class PersonIdentityStore implements IdentityStore {

    /** The group of every signed-in person. */
    public static final String PERSON_GROUP = "person";

    private final PasswordHashes hashes = new PasswordHashes();

    @Inject Persons persons;

    public CredentialValidationResult validate(UsernamePasswordCredential credential) {
        return check(credential.getCaller(), credential.getPassword().getValue())
                .map(p -> new CredentialValidationResult(p.username(), Set.of(PERSON_GROUP)))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    /** The person whose username and password these are. */
    Optional<Person> check(String username, char[] password) {
        Optional<Person> person =
                username == null || username.isEmpty() || username.length() > 200
                        ? Optional.empty()
                        : persons.findByUsername(username);
        Optional<String> stored = person.flatMap(Person::passwordHash);
        if (stored.isEmpty()) {
            hashes.burn(password);
            return Optional.empty();
        }
        return hashes.verify(password, stored.get()) ? person : Optional.empty();
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return Set.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
    }

    @Override
    public Set<String> getCallerGroups(CredentialValidationResult validationResult) {
        return Set.of(PERSON_GROUP);
    }
}
