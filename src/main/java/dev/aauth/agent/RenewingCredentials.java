package dev.aauth.agent;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's credentials, renewed before they expire: a new short-lived key and agent token are
 * obtained {@code renewBefore} ahead of the agent token's {@code exp}, so no request is ever signed
 * with an expired agent token. When the key changes, each listener gets the old key's thumbprint:
 * "a new key drops the auth tokens bound to the old one" (their {@code cnf.jwk} is the old key).
 * Thread-safe; one renewal at a time.
 */
public final class RenewingCredentials {

    private final Clock clock;
    private final Duration renewBefore;
    private final Supplier<AgentCredentials> obtain;
    private final List<Consumer<String>> keyReplaced = new CopyOnWriteArrayList<>();
    private AgentCredentials current;

    /**
     * @param obtain makes a fresh key and gets its agent token (in-process or by enrollment)
     */
    public RenewingCredentials(
            Clock clock, Duration renewBefore, Supplier<AgentCredentials> obtain) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.renewBefore = Objects.requireNonNull(renewBefore, "renewBefore");
        this.obtain = Objects.requireNonNull(obtain, "obtain");
    }

    /**
     * The current credentials, first renewed when within {@code renewBefore} of the agent token's
     * {@code exp}.
     */
    public synchronized AgentCredentials current() {
        if (current == null
                || clock.instant().getEpochSecond()
                        >= current.expiresAt() - renewBefore.toSeconds()) {
            AgentCredentials old = current;
            current = Objects.requireNonNull(obtain.get(), "obtained credentials");
            if (old != null && !old.jkt().equals(current.jkt())) {
                keyReplaced.forEach(l -> l.accept(old.jkt()));
            }
        }
        return current;
    }

    /** The last credentials obtained, without renewing; null before the first. */
    public synchronized AgentCredentials peek() {
        return current;
    }

    /** {@code listener} receives the thumbprint of each replaced key. */
    public void onKeyReplaced(Consumer<String> listener) {
        keyReplaced.add(listener);
    }
}
