package dev.aauth.jakarta.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A throw-away database for one test class: an H2 in-memory database in PostgreSQL mode (the mode
 * the server's embedded H2 runs in), or a fresh schema of its own in the PostgreSQL test database
 * ({@code aauth.test.pg.*}, set by Surefire), dropped on {@link #close()}.
 */
abstract class StoreTestDatabase implements AutoCloseable {

    /** The options the server's H2 URL carries too (server.xml). */
    static final String H2_OPTIONS =
            ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    abstract String url();

    abstract String user();

    abstract String password();

    abstract DataSource dataSource();

    @Override
    public abstract void close() throws SQLException;

    /** Plain JDBC, outside the persistence unit: what the database really holds. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    static StoreTestDatabase h2() {
        return new H2();
    }

    static StoreTestDatabase postgres() {
        return new Postgres();
    }

    private static final class H2 extends StoreTestDatabase {
        private final String url =
                "jdbc:h2:mem:store-" + UUID.randomUUID() + H2_OPTIONS + ";DB_CLOSE_DELAY=-1";

        @Override
        String url() {
            return url;
        }

        @Override
        String user() {
            return "aauth";
        }

        @Override
        String password() {
            return "aauth";
        }

        @Override
        DataSource dataSource() {
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL(url);
            dataSource.setUser(user());
            dataSource.setPassword(password());
            return dataSource;
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = connect();
                    Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
    }

    private static final class Postgres extends StoreTestDatabase {
        private final String baseUrl =
                System.getProperty("aauth.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
        private final String user = System.getProperty("aauth.test.pg.user", "postgres");
        private final String password = System.getProperty("aauth.test.pg.password", "postgres");
        private final String schema =
                "store_test_"
                        + UUID.randomUUID()
                                .toString()
                                .replace("-", "")
                                .substring(0, 16)
                                .toLowerCase(Locale.ROOT);

        Postgres() {
            try (Connection c = DriverManager.getConnection(baseUrl, user, password);
                    Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "PostgreSQL test database " + baseUrl + " not reachable: " + e.getMessage(),
                        e);
            }
        }

        @Override
        String url() {
            return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        @Override
        String user() {
            return user;
        }

        @Override
        String password() {
            return password;
        }

        @Override
        DataSource dataSource() {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(url());
            dataSource.setUser(user);
            dataSource.setPassword(password);
            return dataSource;
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(baseUrl, user, password);
                    Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
