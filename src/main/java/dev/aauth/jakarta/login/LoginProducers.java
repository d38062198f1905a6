package dev.aauth.jakarta.login;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The sign-in objects, one per origin. */
@ApplicationScoped
public class LoginProducers {

    @Produces
    @Singleton
    public LoginThrottle loginThrottle(Clock clock) {
        return new LoginThrottle(clock);
    }
}
