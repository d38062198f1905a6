/**
 * Durable state of the Person Server and the Agent Provider: persons, agent bindings, consents,
 * pending (deferred) token requests, issued token ids, revocations, decisions and signing keys, in
 * a relational database through Jakarta Persistence.
 *
 * <h2>Schema</h2>
 *
 * Versioned Flyway migrations under {@code db/migration} (portable SQL: PostgreSQL, and H2 in
 * {@code MODE=PostgreSQL}), applied once at application start by {@link StoreMigration}. Several
 * applications or instances starting against one database are safe: Flyway takes a lock, the first
 * migrates, the others find the schema current.
 *
 * <h2>Data source</h2>
 *
 * The persistence unit {@value StoreMigration#PERSISTENCE_UNIT} is JTA, on the data source with
 * JNDI name {@value StoreMigration#DATA_SOURCE}, which each server configures (Liberty: {@code
 * <dataSource jndiName="jdbc/aauth">} in {@code server.xml}; Payara: a JDBC resource of that name).
 * The code names no server.
 *
 * <h2>Races are settled by the database</h2>
 *
 * Every state transition a concurrent caller could race on is one conditional {@code UPDATE} of one
 * row (a JPQL bulk update, {@code ... WHERE id = ? AND status IN (...)}), or an {@code INSERT ...
 * ON CONFLICT DO NOTHING} against a unique constraint. The number of rows it changed says whether
 * this caller won; each method returns that. PostgreSQL (READ COMMITTED) and H2 re-check the
 * condition on the row after waiting for a concurrent writer's lock, so of N concurrent callers
 * exactly one sees 1 and the others 0: there is no read-then-write window to lose. The shared
 * (second-level) cache is off, so instances on one database never read stale rows.
 *
 * <h2>Transactions</h2>
 *
 * Repositories run their work through {@link Transactions}: in the server {@link JtaTransactions}
 * ({@code @Transactional}, joining a caller's transaction if there is one); outside it (tests,
 * tools) {@link ResourceLocalTransactions} over an {@code EntityManagerFactory} of the same
 * persistence unit run {@code RESOURCE_LOCAL}. The tests therefore execute exactly the JPQL and SQL
 * the server does.
 *
 * <h2>Secrets</h2>
 *
 * Interaction codes never reach the database: only their SHA-256 ({@link InteractionCode#hash()}).
 * Pending-request ids carry 128 random bits ("Pending URLs MUST be unguessable").
 */
package dev.aauth.jakarta.store;
