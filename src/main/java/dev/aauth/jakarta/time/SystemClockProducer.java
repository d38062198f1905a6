package dev.aauth.jakarta.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** Produces the application's {@link Clock}: the system clock in UTC. */
@ApplicationScoped
public class SystemClockProducer {

    /** Dependent scope: {@link Clock} is immutable, so every injection point may hold the same instance. */
    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
