package dev.aauth.jakarta.store;

import org.flywaydb.core.Flyway;

/**
 * Empties the integration-test database before the IT servers start ({@code mvn verify}, phase
 * {@code pre-integration-test}): the ITs assume the state a fresh deployment has (the backend agent
 * bound to nobody, no remembered consent), and the PostgreSQL test database, unlike a fresh clone's
 * H2 file, keeps what the previous run left. Drops every object of the connection's schema (Flyway
 * {@code clean}); the servers then migrate the schema again at start, as a new deployment does.
 *
 * <p>Arguments: JDBC URL, user, password (the {@code it.db.*} Maven properties). Test code only:
 * the application itself never cleans ({@code StoreMigration} sets {@code cleanDisabled(true)}).
 */
public final class ItDatabaseReset {

    private ItDatabaseReset() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException(
                    "usage: ItDatabaseReset <jdbc-url> <user> <password>");
        }
        Flyway.configure(ItDatabaseReset.class.getClassLoader())
                .dataSource(args[0], args[1], args[2])
                .cleanDisabled(false)
                .load()
                .clean();
        System.out.println(
                "it-db-reset: emptied " + args[0].replaceAll("password=[^;&]*", "password=***"));
    }
}
