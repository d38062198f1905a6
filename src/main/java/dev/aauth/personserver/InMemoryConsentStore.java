package dev.aauth.personserver;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ConsentStore} in memory: lost on restart. */
public final class InMemoryConsentStore implements ConsentStore {

    private record Key(String person, String agent, String resource) {}

    private final Map<Key, Set<String>> consents = new ConcurrentHashMap<>();

    @Override
    public boolean covers(String person, String agent, String resource, List<String> scopes) {
        Set<String> granted = consents.get(new Key(person, agent, resource));
        return granted != null && granted.containsAll(scopes);
    }

    @Override
    public void remember(String person, String agent, String resource, List<String> scopes) {
        consents.computeIfAbsent(
                        new Key(person, agent, resource), k -> ConcurrentHashMap.newKeySet())
                .addAll(scopes);
    }

    /** Forgets what the person consented to for the agent at the resource (revocation). */
    public void forget(String person, String agent, String resource) {
        consents.remove(new Key(person, agent, resource));
    }
}
