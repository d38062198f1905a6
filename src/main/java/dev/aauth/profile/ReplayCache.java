package dev.aauth.profile;

/**
 * Draft -11 "Freshness and Replay": "For state-changing requests where this matters, a verifier MAY
 * maintain a short-lived cache keyed by (signing-key-thumbprint, created, @method, @authority,
 *
 * @path) for the duration of the window, rejecting duplicate tuples." What this project keys it by
 *     is {@link ReplayKey}; {@link AAuthRequestVerifier} consults it for every verified request
 *     whose method is not safe (RFC 9110 Section 9.2.1: anything but GET, HEAD, OPTIONS and TRACE),
 *     after the signature verified (so unsigned junk never fills it).
 *     <p>Implementations: {@link InMemoryReplayCache} (one instance, bounded), and the database one
 *     of the Jakarta side (shared by all instances of a server).
 */
public interface ReplayCache {

    /**
     * Records {@code key} until {@code notAfter} and tells whether it is new. Atomic: of two
     * concurrent calls with the same key, exactly one returns true.
     *
     * @param notAfter the epoch second from which the request would be refused for its {@code
     *     created} anyway; the key need not be remembered from then on
     * @return true when the key was not recorded (or only expired), false when it is a replay
     * @throws dev.aauth.error.AAuthException {@code temporarily_unavailable} when the key cannot be
     *     recorded (a full cache, an unreachable database): never forget within the window
     */
    boolean firstSeen(ReplayKey key, long notAfter);

    /** No replay cache: every request is new (GET-only servers, tests). */
    ReplayCache NONE = (key, notAfter) -> true;
}
