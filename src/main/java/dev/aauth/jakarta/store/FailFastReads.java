package dev.aauth.jakarta.store;

import jakarta.persistence.EntityManager;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads that find the database gone answer at once (issue 12, scenario 4), as writes always did.
 *
 * <p>EclipseLink, the JPA provider of Liberty and Payara, retries a read query outside a
 * transaction after a communication failure, three times, five seconds apart. In {@code
 * DatabaseOutageIT} the account page, polls and the second instance's revocation check were held
 * for the whole outage (12-14 s) and only then answered, while token requests (in a transaction)
 * got their {@code 503} at once. This keeps one retry without delay, which replaces a stale pooled
 * connection after a database restart transparently; a database that is really gone fails the retry
 * too, and the read becomes {@link StoreUnavailable}'s {@code 503} with {@code Retry-After}.
 *
 * <p>Set through the provider's own session login, reached by reflection from the entity manager's
 * delegate: no compile-time dependency on EclipseLink and no class of ours the provider must load
 * (a session customizer would need Liberty's third-party API visibility in every server.xml that
 * deploys the WAR). Another provider is left as it is, with one warning.
 */
final class FailFastReads {

    private static final Logger LOG = Logger.getLogger(FailFastReads.class.getName());

    /** Retries of a read query after a communication failure. */
    static final int READ_RETRIES = 1;

    /** Milliseconds between them. */
    static final int RETRY_DELAY_MILLIS = 0;

    private FailFastReads() {}

    /**
     * Applies the settings to the session behind {@code entityManager}.
     *
     * @return whether they were applied (the provider is EclipseLink)
     */
    static boolean apply(EntityManager entityManager) {
        try {
            Object delegate = entityManager.getDelegate();
            Method serverSession = delegate.getClass().getMethod("getServerSession");
            Object session = serverSession.invoke(delegate);
            Object login = session.getClass().getMethod("getLogin").invoke(session);
            login.getClass()
                    .getMethod("setQueryRetryAttemptCount", int.class)
                    .invoke(login, READ_RETRIES);
            login.getClass()
                    .getMethod("setDelayBetweenConnectionAttempts", int.class)
                    .invoke(login, RETRY_DELAY_MILLIS);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(
                    Level.WARNING,
                    "the JPA provider is not EclipseLink: reads keep its own retries on a database"
                            + " outage ("
                            + e
                            + ")");
            return false;
        }
    }
}
