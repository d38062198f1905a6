package dev.aauth.jakarta.personserver;

import dev.aauth.jakarta.store.PendingRequests;
import dev.aauth.personserver.PendingVersions;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link PendingVersions} over the store: one query for many ids ({@link PendingRequests#watch}).
 */
public final class StorePendingVersions implements PendingVersions {

    private final PendingRequests pending;

    public StorePendingVersions(PendingRequests pending) {
        this.pending = Objects.requireNonNull(pending, "pending");
    }

    @Override
    public Map<String, Watched> watch(Collection<String> ids) {
        Map<String, Watched> out = new HashMap<>();
        pending.watch(ids).forEach((id, w) -> out.put(id, new Watched(w.version(), w.expiresAt())));
        return out;
    }
}
