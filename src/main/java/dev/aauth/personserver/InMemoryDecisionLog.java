package dev.aauth.personserver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** {@link DecisionLog} in memory (unit tests), keeping the last {@value #CAPACITY} entries. */
public final class InMemoryDecisionLog implements DecisionLog {

    public static final int CAPACITY = 1000;

    private final Deque<Entry> entries = new ArrayDeque<>();

    @Override
    public synchronized void record(Entry entry) {
        if (entries.size() >= CAPACITY) {
            entries.removeFirst();
        }
        entries.addLast(entry);
    }

    /** The most recent entries, newest last. */
    public synchronized List<Entry> recent() {
        return new ArrayList<>(entries);
    }
}
