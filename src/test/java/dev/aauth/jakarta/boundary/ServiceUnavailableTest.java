package dev.aauth.jakarta.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import jakarta.servlet.ServletException;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The error pages' view of a failure (issue 12, scenario 4: "the Faces/person pages answer 503 too
 * rather than a stack trace"): a {@code temporarily_unavailable} anywhere among the causes is a
 * {@code 503} with its {@code Retry-After}; anything else is not.
 */
class ServiceUnavailableTest {

    @Test
    @DisplayName(
            "A temporarily_unavailable wrapped by Faces/EL/servlet exceptions gives its Retry-After")
    void wrappedUnavailability() {
        AAuthException down =
                AAuthException.retryAfter(AAuthError.TEMPORARILY_UNAVAILABLE, "down", 5);
        Throwable faces =
                new ServletException(
                        "faces", new RuntimeException("el", new IllegalStateException(down)));
        assertEquals(OptionalLong.of(5), ServiceUnavailable.retryAfter(faces));
    }

    @Test
    @DisplayName(
            "Negative: another AAuth error, a plain exception, or a 503 without Retry-After (at least 1 s is sent) ")
    void otherFailures() {
        assertTrue(
                ServiceUnavailable.retryAfter(
                                new ServletException(
                                        new AAuthException(AAuthError.INVALID_REQUEST, "bad")))
                        .isEmpty());
        assertTrue(ServiceUnavailable.retryAfter(new IllegalStateException("bug")).isEmpty());
        assertEquals(
                OptionalLong.of(1),
                ServiceUnavailable.retryAfter(
                        new AAuthException(AAuthError.TEMPORARILY_UNAVAILABLE, "no value")));
    }
}
