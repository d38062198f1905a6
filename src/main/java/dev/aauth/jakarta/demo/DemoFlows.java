package dev.aauth.jakarta.demo;

import dev.aauth.draft.AAuthProfile;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The most recent demo actions ({@value #MAX} at most, oldest dropped), by unguessable id. */
@ApplicationScoped
public class DemoFlows {

    static final int MAX = 50;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, DemoFlow> flows =
            new LinkedHashMap<>(16, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, DemoFlow> eldest) {
                    return size() > MAX;
                }
            };

    /** A new flow of {@code action}, its agent speaking {@code draft}. */
    public synchronized DemoFlow start(String action, AAuthProfile draft) {
        DemoFlow flow = start(action);
        flow.draft(draft);
        return flow;
    }

    public synchronized DemoFlow start(String action) {
        byte[] id = new byte[12];
        RANDOM.nextBytes(id);
        DemoFlow flow =
                new DemoFlow(Base64.getUrlEncoder().withoutPadding().encodeToString(id), action);
        flows.put(flow.id(), flow);
        return flow;
    }

    /** A flow of before a restart, under its old id (the page keeps polling it). */
    public synchronized DemoFlow restore(String id, String action) {
        return flows.computeIfAbsent(id, k -> new DemoFlow(k, action));
    }

    public synchronized Optional<DemoFlow> find(String id) {
        return Optional.ofNullable(flows.get(id));
    }
}
