package dev.aauth.jakarta.config;

import java.util.Map;
import java.util.Optional;

/**
 * The persons an origin with the {@code person-server} role creates when it starts, read and
 * checked by {@link AAuthConfig}.
 *
 * @param demoPerson {@code aauth.person-server.demo-person}: in {@code DEVELOPMENT} mode only
 *     (default {@code alice}), a person whose password is their username; never in {@code STRICT}
 * @param persons {@code aauth.person-server.persons}: username to an Argon2id password hash
 *     (created by the administrator's command), created or updated at start
 */
public record PersonAccounts(Optional<String> demoPerson, Map<String, String> persons) {

    public PersonAccounts {
        persons = Map.copyOf(persons);
    }
}
