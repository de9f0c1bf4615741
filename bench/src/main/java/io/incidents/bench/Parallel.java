package io.incidents.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The same task on a number of threads at once, back when all are done; the first failure fails the run. */
final class Parallel {

    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    /** One index's work. */
    @FunctionalInterface
    interface IndexTask {
        void run(int index) throws Exception;
    }

    private Parallel() {
    }

    /** Indexes 0 to {@code count} - 1, each done once, by {@code threads} threads taking the next free one. */
    static void forEachIndex(int threads, int count, IndexTask task) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        run(threads, () -> {
            for (int index = next.getAndIncrement(); index < count; index = next.getAndIncrement()) {
                task.run(index);
            }
        });
    }

    static void run(int threads, Task task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> runs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                runs.add(pool.submit(() -> {
                    task.run();
                    return null;
                }));
            }
            for (Future<Void> run : runs) {
                try {
                    run.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof BenchFailure failure ? failure
                            : new BenchFailure("a bench thread failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
