package dev.aauth.agent;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.time.Duration;

/** Waits between polls. The real one sleeps; tests advance a clock instead. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL =
            d -> {
                try {
                    Thread.sleep(d.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AAuthException(
                            AAuthError.SERVER_ERROR, "interrupted while waiting to poll", e);
                }
            };

    void sleep(Duration duration);
}
