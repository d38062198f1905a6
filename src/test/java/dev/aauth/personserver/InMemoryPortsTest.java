package dev.aauth.personserver;

import dev.aauth.profile.InMemoryReplayCache;
import dev.aauth.profile.ReplayCache;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The port contracts against the core's in-memory implementations: no container, no database (the
 * same contracts run the JPA adapters in {@code dev.aauth.jakarta.personserver.JpaPortsTest}).
 */
class InMemoryPortsTest {

    @Nested
    class AgentBindingsInMemory extends AgentBindingsContract {
        InMemoryAgentBindings bindings;

        @Override
        protected void open() {
            bindings = new InMemoryAgentBindings(Map.of());
        }

        @Override
        protected AgentBindings bindings() {
            return bindings;
        }
    }

    @Nested
    class ConsentStoreInMemory extends ConsentStoreContract {
        InMemoryConsentStore consents;

        @Override
        protected void open() {
            consents = new InMemoryConsentStore();
        }

        @Override
        protected ConsentStore consents() {
            return consents;
        }
    }

    @Nested
    class PersonIdsInMemory extends PersonIdsContract {
        InMemoryPersonIds persons;

        @Override
        protected void open() {
            persons = new InMemoryPersonIds();
        }

        @Override
        protected PersonIds persons() {
            return persons;
        }
    }

    @Nested
    class IssuedTokenLogInMemory extends IssuedTokenLogContract {
        InMemoryIssuedTokenLog log;

        @Override
        protected void open() {
            log = new InMemoryIssuedTokenLog(clock);
        }

        @Override
        protected IssuedTokenLog log() {
            return log;
        }
    }

    @Nested
    class DecisionLogInMemory extends DecisionLogContract {
        InMemoryDecisionLog log;

        @Override
        protected void open() {
            log = new InMemoryDecisionLog();
        }

        @Override
        protected DecisionLog log() {
            return log;
        }

        @Override
        protected long recordedFor(String agent) {
            return log.recent().stream().filter(e -> e.agent().equals(agent)).count();
        }
    }

    @Nested
    class PendingRequestStoreInMemory extends PendingRequestStoreContract {
        InMemoryPendingRequests store;

        @Override
        protected void open() {
            store = new InMemoryPendingRequests(clock);
        }

        @Override
        protected PendingRequestStore store() {
            return store;
        }

        @Override
        protected String newPerson() {
            return java.util.UUID.randomUUID().toString();
        }
    }

    @Nested
    class ReplayCacheInMemory extends ReplayCacheContract {
        InMemoryReplayCache cache;

        @Override
        protected void open() {
            cache = new InMemoryReplayCache(InMemoryReplayCache.DEFAULT_MAX_ENTRIES, clock);
        }

        @Override
        protected ReplayCache cache() {
            return cache;
        }
    }

    @Nested
    class IssuedPersonTokensInMemory extends IssuedPersonTokensContract {
        InMemoryIssuedPersonTokens tokens;

        @Override
        protected void open() {
            tokens = new InMemoryIssuedPersonTokens(clock);
        }

        @Override
        protected IssuedPersonTokens tokens() {
            return tokens;
        }
    }
}
