package dev.aauth.jakarta.boundary;

import dev.aauth.error.AAuthError;
import dev.aauth.error.AAuthException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A servlet-level failure (a person page, the sign-in, anything the container answers through an
 * error page) caused by a {@code 503 temporarily_unavailable}, e.g. the database being unreachable:
 * the error pages answer {@code 503} with its {@code Retry-After} instead of a {@code 500}. The
 * {@link AAuthException} may be wrapped any number of times (Faces, EL, servlet exceptions); the
 * JAX-RS endpoints get it from {@link AAuthExceptionMapper} directly.
 */
public final class ServiceUnavailable {

    private static final int MAX_DEPTH = 32;

    private ServiceUnavailable() {}

    /**
     * The {@code Retry-After} seconds of the {@code temporarily_unavailable} among the causes of
     * {@code failure}, or empty when it has none (then it is some other failure).
     */
    public static OptionalLong retryAfter(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int depth = 0;
        for (Throwable t = failure;
                t != null && depth < MAX_DEPTH && seen.add(t);
                t = t.getCause()) {
            if (t instanceof AAuthException e && e.error() == AAuthError.TEMPORARILY_UNAVAILABLE) {
                return OptionalLong.of(Math.max(e.retryAfter(), 1));
            }
            depth++;
        }
        return OptionalLong.empty();
    }
}
