package dev.aauth.jakarta.store;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Random identifiers of rows. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /**
     * The id of a pending request, the last segment of its pending URL: "Pending URLs MUST be
     * unguessable". 128 random bits, base64url without padding (22 characters).
     */
    static String pendingRequestId() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    /** The id of any other row (persons, consents, decisions): a random UUID. */
    static String uuid() {
        return UUID.randomUUID().toString();
    }

    static SecureRandom random() {
        return RANDOM;
    }
}
