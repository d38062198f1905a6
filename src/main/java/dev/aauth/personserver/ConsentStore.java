package dev.aauth.personserver;

import java.util.List;

/**
 * Remembered consents: "remembered consents per person, agent, resource and scopes give direct
 * grants". Implementations are thread-safe; {@link StoreConsentStore} in the server, {@link
 * InMemoryConsentStore} in unit tests.
 */
public interface ConsentStore {

    /**
     * Whether {@code person} has consented to {@code agent} using every one of {@code scopes} at
     * {@code resource}.
     */
    boolean covers(String person, String agent, String resource, List<String> scopes);

    /** Remembers the person's consent (adds to what was consented before). */
    void remember(String person, String agent, String resource, List<String> scopes);
}
