package dev.aauth.jakarta.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupCommit}: concurrent records share a batch; each caller returns once its own is
 * written.
 */
class GroupCommitTest {

    final ExecutorService threads = Executors.newCachedThreadPool();

    /** The batches written, in order. */
    final List<List<String>> written = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), "condition not met in 10 s");
            Thread.onSpinWait();
            Thread.sleep(1);
        }
    }

    boolean isWritten(String record) {
        synchronized (written) {
            return written.stream().anyMatch(b -> b.contains(record));
        }
    }

    @Test
    @DisplayName("A write returns only once its record is written")
    void aWriteReturnsOnlyOnceItsRecordIsWritten() {
        GroupCommit<String> commits = new GroupCommit<>(written::add, 8);
        commits.write("a");
        assertTrue(isWritten("a"));
        commits.write("b");
        assertEquals(
                List.of(List.of("a"), List.of("b")),
                written,
                "alone, each record is its own batch");
    }

    /**
     * A writer that holds the batch holding {@code "first"} until released, so that the records
     * written meanwhile queue up; batches refused by {@code refuse} throw, the others are kept in
     * {@link #written}.
     */
    final class HeldWriter {
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);
        final GroupCommit<String> commits;
        CompletableFuture<Void> first;

        HeldWriter(
                int maxBatch,
                java.util.function.Predicate<List<String>> refuse,
                RuntimeException refusal) {
            commits =
                    new GroupCommit<>(
                            batch -> {
                                if (batch.contains("first")) {
                                    firstStarted.countDown();
                                    try {
                                        releaseFirst.await();
                                    } catch (InterruptedException e) {
                                        throw new IllegalStateException(e);
                                    }
                                }
                                if (refuse.test(batch)) {
                                    throw refusal; // all or nothing: nothing of this batch is
                                    // written
                                }
                                written.add(batch);
                            },
                            maxBatch);
        }

        /** Starts writing "first" and returns once its batch is being written. */
        HeldWriter holding() throws InterruptedException {
            first = CompletableFuture.runAsync(() -> commits.write("first"), threads);
            assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
            return this;
        }

        CompletableFuture<Void> write(String record) {
            return CompletableFuture.runAsync(() -> commits.write(record), threads);
        }

        /** Once {@code queued} records wait: lets "first" finish, then waits for it. */
        void releaseWhenQueued(int queued) throws Exception {
            await(() -> commits.waiting() == queued);
            releaseFirst.countDown();
            first.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @DisplayName(
            "Records arriving while a batch is written go together in the next one, each caller released after it")
    void recordsArrivingDuringAWriteShareTheNextBatch() throws Exception {
        HeldWriter w = new HeldWriter(64, b -> false, null).holding();
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            others.add(w.write("r" + i));
        }
        await(() -> w.commits.waiting() == 10);
        assertTrue(
                others.stream().noneMatch(CompletableFuture::isDone),
                "nobody returns before its record is written");
        w.releaseWhenQueued(10);
        for (CompletableFuture<Void> f : others) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertEquals(2, written.size(), "one batch for the ten that waited: " + written);
        assertEquals(10, written.get(1).size());
    }

    @Test
    @DisplayName("A batch holds at most maxBatch records")
    void aBatchHoldsAtMostMaxBatchRecords() throws Exception {
        HeldWriter w = new HeldWriter(3, b -> false, null).holding();
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            others.add(w.write("r" + i));
        }
        w.releaseWhenQueued(7);
        for (CompletableFuture<Void> f : others) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertTrue(written.stream().allMatch(b -> b.size() <= 3), written.toString());
        assertEquals(8, written.stream().mapToInt(List::size).sum());
    }

    @Test
    @DisplayName(
            "A record that cannot be written fails its own caller only; the others of its batch are written")
    void aBadRecordFailsItsOwnCallerOnly() throws Exception {
        IllegalStateException refusal = new IllegalStateException("duplicate jti");
        HeldWriter w = new HeldWriter(64, b -> b.contains("bad"), refusal).holding();
        CompletableFuture<Void> good1 = w.write("good1");
        CompletableFuture<Void> bad = w.write("bad");
        CompletableFuture<Void> good2 = w.write("good2");
        w.releaseWhenQueued(3);
        good1.get(10, TimeUnit.SECONDS);
        good2.get(10, TimeUnit.SECONDS);
        java.util.concurrent.ExecutionException failed =
                assertThrows(
                        java.util.concurrent.ExecutionException.class,
                        () -> bad.get(10, TimeUnit.SECONDS));
        assertSame(refusal, failed.getCause());
        assertTrue(isWritten("good1") && isWritten("good2"));
        assertTrue(!isWritten("bad"));
    }

    @Test
    @DisplayName("Alone, a record the writer refuses throws the writer's exception")
    void aRefusedRecordThrows() {
        IllegalStateException refusal = new IllegalStateException("database down");
        GroupCommit<String> commits =
                new GroupCommit<>(
                        batch -> {
                            throw refusal;
                        },
                        8);
        assertSame(refusal, assertThrows(IllegalStateException.class, () -> commits.write("x")));
        assertThrows(IllegalArgumentException.class, () -> new GroupCommit<String>(b -> {}, 0));
    }

    @Test
    @DisplayName(
            "Many concurrent writers: every record written exactly once, and none returns before its record is written")
    void manyConcurrentWriters() throws Exception {
        GroupCommit<String> commits =
                new GroupCommit<>(
                        batch -> {
                            written.add(batch);
                            Thread.yield();
                        },
                        16);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 16; t++) {
            int thread = t;
            all.add(
                    CompletableFuture.runAsync(
                            () -> {
                                try {
                                    start.await();
                                } catch (InterruptedException e) {
                                    throw new IllegalStateException(e);
                                }
                                for (int i = 0; i < 200; i++) {
                                    String record = thread + "-" + i;
                                    commits.write(record);
                                    if (!isWritten(record)) {
                                        throw new AssertionError(
                                                record + " returned before it was written");
                                    }
                                }
                            },
                            threads));
        }
        start.countDown();
        for (CompletableFuture<Void> f : all) {
            f.get(60, TimeUnit.SECONDS);
        }
        List<String> records = written.stream().flatMap(List::stream).toList();
        assertEquals(16 * 200, records.size());
        assertEquals(16 * 200, records.stream().distinct().count());
    }
}
