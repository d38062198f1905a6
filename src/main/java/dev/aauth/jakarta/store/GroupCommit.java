package dev.aauth.jakarta.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Group commit: records of concurrent callers written together, one transaction for many, and each
 * {@link #write} returning only once its own record is written (durable before the caller answers).
 * No thread of its own: the first caller to find no write under way becomes the leader, takes what
 * is queued (at most {@code maxBatch}) and writes it; the others wait for it, and one of them leads
 * the next batch. A failed batch is written again one record at a time, so a record that cannot be
 * written fails its own caller only; the batch writer must therefore write all of a batch or none
 * of it (one transaction).
 *
 * <p>The batch is written on the leader's thread, so the writer must not join a transaction the
 * leader may be in (it would commit or roll back the others' records with the leader's own work):
 * the store's writer runs {@code REQUIRES_NEW}. Plain Java, thread-safe.
 *
 * @param <T> a record
 */
public final class GroupCommit<T> {

    private final Consumer<List<T>> writer;
    private final int maxBatch;
    private final Object lock = new Object();
    private final List<Pending<T>> queue = new ArrayList<>();
    private boolean writing;

    /**
     * @param writer writes a batch, all or nothing; throws to refuse it
     * @param maxBatch at most this many records per batch
     */
    public GroupCommit(Consumer<List<T>> writer, int maxBatch) {
        this.writer = Objects.requireNonNull(writer, "writer");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
    }

    /**
     * Writes {@code record} with whatever else is waiting; returns once it is written.
     *
     * @throws RuntimeException what the writer threw for this record written alone
     */
    public void write(T record) {
        Pending<T> mine = new Pending<>(Objects.requireNonNull(record, "record"));
        synchronized (lock) {
            queue.add(mine);
        }
        boolean interrupted = false;
        try {
            while (true) {
                List<Pending<T>> batch;
                synchronized (lock) {
                    while (writing && !mine.done) {
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            interrupted =
                                    true; // the record may be in a batch being written: wait for it
                        }
                    }
                    if (mine.done) {
                        break;
                    }
                    writing = true;
                    int n = Math.min(maxBatch, queue.size());
                    batch = new ArrayList<>(queue.subList(0, n));
                    queue.subList(0, n).clear();
                }
                try {
                    writeBatch(batch);
                } finally {
                    synchronized (lock) {
                        writing = false;
                        lock.notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    /** How many records wait for a batch (not counting one being written): for tests. */
    int waiting() {
        synchronized (lock) {
            return queue.size();
        }
    }

    private void writeBatch(List<Pending<T>> batch) {
        try {
            writer.accept(batch.stream().map(p -> p.record).toList());
            batch.forEach(p -> p.finish(null));
            return;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).finish(e);
                return;
            }
        }
        for (Pending<T> p : batch) {
            try {
                writer.accept(List.of(p.record));
                p.finish(null);
            } catch (RuntimeException e) {
                p.finish(e);
            }
        }
    }

    /**
     * One caller's record; its fields are guarded by {@code lock}, set before {@code writing} is
     * cleared.
     */
    private static final class Pending<T> {
        final T record;
        volatile boolean done;
        volatile RuntimeException failure;

        Pending(T record) {
            this.record = record;
        }

        void finish(RuntimeException e) {
            failure = e;
            done = true;
        }
    }
}
