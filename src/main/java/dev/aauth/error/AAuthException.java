package dev.aauth.error;

import java.util.List;
import java.util.Objects;

/**
 * The one error type of the project: a protocol failure carrying the draft's error code.
 *
 * <p>Rejections are a normal, frequent outcome (bad signatures, expired tokens), so this exception
 * records no stack trace: throwing it costs about as much as returning a value.
 */
public final class AAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final AAuthError error;
    private final transient List<String> requiredInput;
    private final transient List<String> supportedAlgorithms;
    private final long retryAfter;

    public AAuthException(AAuthError error, String detail) {
        this(error, detail, List.of(), List.of(), null);
    }

    public AAuthException(AAuthError error, String detail, Throwable cause) {
        this(error, detail, List.of(), List.of(), cause);
    }

    private AAuthException(
            AAuthError error,
            String detail,
            List<String> requiredInput,
            List<String> supportedAlgorithms,
            Throwable cause) {
        this(error, detail, requiredInput, supportedAlgorithms, cause, -1);
    }

    private AAuthException(
            AAuthError error,
            String detail,
            List<String> requiredInput,
            List<String> supportedAlgorithms,
            Throwable cause,
            long retryAfter) {
        super(detail, cause, false, false);
        this.retryAfter = retryAfter;
        this.error = Objects.requireNonNull(error, "error");
        this.requiredInput = List.copyOf(requiredInput);
        this.supportedAlgorithms = List.copyOf(supportedAlgorithms);
    }

    /**
     * {@code invalid_input} with the {@code required_input} member listing what the server
     * requires.
     */
    public static AAuthException invalidInput(String detail, List<String> requiredInput) {
        return new AAuthException(AAuthError.INVALID_INPUT, detail, requiredInput, List.of(), null);
    }

    /**
     * A refusal the caller may retry after {@code seconds} (a {@code 429} or {@code 503}): the
     * boundary sends them as {@code Retry-After}.
     */
    public static AAuthException retryAfter(AAuthError error, String detail, long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds must not be negative");
        }
        return new AAuthException(error, detail, List.of(), List.of(), null, seconds);
    }

    /** {@code unsupported_algorithm}; "The response MUST include" {@code supported_algorithms}. */
    public static AAuthException unsupportedAlgorithm(
            String detail, List<String> supportedAlgorithms) {
        return new AAuthException(
                AAuthError.UNSUPPORTED_ALGORITHM, detail, List.of(), supportedAlgorithms, null);
    }

    /**
     * The same failure reported under another code, e.g. {@code invalid_jwt} becoming {@code
     * invalid_resource_token}. A {@link AAuthError#TEMPORARILY_UNAVAILABLE} stays what it is (a
     * {@code 503} with its {@code Retry-After}): the server being busy, e.g. its outbound fetches
     * at their bound, is no fault of the request and must not turn into a {@code 401}.
     */
    public AAuthException as(AAuthError other) {
        if (error == AAuthError.TEMPORARILY_UNAVAILABLE) {
            return this;
        }
        return new AAuthException(
                other, getMessage(), requiredInput, supportedAlgorithms, this, retryAfter);
    }

    public AAuthError error() {
        return error;
    }

    /** The wire code, e.g. {@code invalid_signature}. */
    public String code() {
        return error.code();
    }

    public int status() {
        return error.status();
    }

    /** Human-readable detail; never contains secrets or whole tokens. */
    public String detail() {
        return getMessage();
    }

    public List<String> requiredInput() {
        return requiredInput;
    }

    public List<String> supportedAlgorithms() {
        return supportedAlgorithms;
    }

    /** Seconds after which the request may be retried ({@code Retry-After}), or -1. */
    public long retryAfter() {
        return retryAfter;
    }

    @Override
    public String toString() {
        return "AAuthException[" + error.code() + "]: " + getMessage();
    }
}
