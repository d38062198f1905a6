package dev.aauth.jakarta.resource;

import dev.aauth.token.PersonContext;
import dev.aauth.token.PersonToken;
import dev.aauth.token.TokenIssuer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The draft-11 resource's record of the person tokens it verified, for step-up. -11 "Resource Token
 * Structure", {@code presented_jti}: "On the first challenge of a grant that token was presented
 * with the request; on a step-up or per-call challenge the request carries an auth token, and the
 * resource supplies the value from its record of the person token it verified earlier."
 *
 * <p>Keyed by what a step-up request carries: the thumbprint of the key that signs it (the auth
 * token's {@code cnf}, the person token's {@code cnf}) and the person {@code (ps, sub)} ("A
 * resource MUST treat (iss, sub) as the identifier ... and MUST NOT match a sub received from one
 * issuer against a record established under another"). The latest person token verified for a key
 * wins. Kept until an hour after the person token's {@code exp} (an auth token obtained with it may
 * live that long: "Auth tokens MUST NOT have a lifetime exceeding 1 hour"); bounded in memory,
 * least recently used first out. Per instance: without a record, a step-up is answered with {@code
 * requirement=person-token}, never with a resource token lacking {@code presented_jti}.
 *
 * <p>Thread-safe.
 */
public final class PersonTokenMemory {

    /** The default bound. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private record Key(String agentJkt, String ps, String subject) {}

    private record Entry(PersonContext person, long keepUntil) {}

    private final Clock clock;
    private final Map<Key, Entry> entries;

    public PersonTokenMemory(int maxEntries, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.entries =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                        return size() > maxEntries;
                    }
                };
    }

    /** Records a person token verified for a request signed by the key {@code agentJkt}. */
    public void remember(String agentJkt, PersonToken token) {
        long keepUntil = token.expiresAt() + TokenIssuer.MAX_AUTH_TOKEN_LIFETIME.toSeconds();
        Key key = new Key(agentJkt, token.issuer(), token.subject());
        synchronized (entries) {
            entries.put(key, new Entry(PersonContext.of(token), keepUntil));
        }
    }

    /**
     * What the person token last verified for this key and person established; empty when there is
     * none (never verified here, forgotten, or past its retention).
     */
    public Optional<PersonContext> find(String agentJkt, String ps, String subject) {
        Key key = new Key(agentJkt, ps, subject);
        long now = clock.instant().getEpochSecond();
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e == null) {
                return Optional.empty();
            }
            if (e.keepUntil() <= now) {
                entries.remove(key);
                return Optional.empty();
            }
            return Optional.of(e.person());
        }
    }

    /** How many records are kept. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
