package dev.aauth.jakarta.store;

import dev.aauth.jakarta.config.AAuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@link Transactions} in a Jakarta EE server: the container-managed, transaction-scoped entity
 * manager of the JTA persistence unit {@value StoreMigration#PERSISTENCE_UNIT}.
 *
 * <p>{@code REQUIRED}: a repository call made inside the caller's own transaction joins it, so
 * several store calls can commit together; a transition "won" inside such a transaction holds its
 * row lock until the caller commits and is undone if the caller rolls back.
 *
 * <p>A database that cannot be reached, whether the work or the commit finds it out (the commit
 * happens in {@link JtaTransactionScopes}' interceptor, so the failure is caught out here), is
 * {@link StoreUnavailable}: {@code 503 temporarily_unavailable} with {@code Retry-After: }{@value
 * AAuthConfig#STORE_RETRY_AFTER}; the transaction is rolled back.
 */
@ApplicationScoped
public class JtaTransactions implements Transactions {

    @Inject JtaTransactionScopes scopes;

    @Inject AAuthConfig config;

    @Override
    public <T> T required(Function<EntityManager, T> work) {
        return translated(() -> scopes.required(work));
    }

    @Override
    public <T> T reading(Function<EntityManager, T> work) {
        return translated(() -> scopes.reading(work));
    }

    @Override
    public <T> T requiresNew(Function<EntityManager, T> work) {
        return translated(() -> scopes.requiresNew(work));
    }

    private <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw StoreUnavailable.translate(e, config.storeRetryAfter().toSeconds());
        }
    }
}
