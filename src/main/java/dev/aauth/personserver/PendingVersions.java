package dev.aauth.personserver;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * The port the safety re-check of held polls reads through ({@link HeldPolls}): for many pending
 * requests at once, a number that changes with every transition a waiting agent could see, and when
 * the request expires. One read for all the requests an instance holds polls on, whatever their
 * number, so that waiting agents cost the database nothing per agent.
 */
public interface PendingVersions {

    /**
     * A request's change counter and expiry.
     *
     * @param version changes with every transition of the request (status, question, answer); it
     *     may also change with an admitted poll (the store's optimistic-lock column), which costs
     *     at most one needless re-read
     * @param expiresAt when the request's lifetime is over
     */
    record Watched(long version, Instant expiresAt) {
        public Watched {
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** The requests of {@code ids} that exist; an id missing from the answer is unknown or gone. */
    Map<String, Watched> watch(Collection<String> ids);
}
