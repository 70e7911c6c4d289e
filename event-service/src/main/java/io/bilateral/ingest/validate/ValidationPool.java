package io.bilateral.ingest.validate;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that validate and encode a batch's events ({@link BatchReader}): one per core,
 * since the work is all CPU, shared by every batch in flight so that concurrent batches take
 * turns instead of each starting threads of its own.
 */
@ApplicationScoped
public class ValidationPool implements Executor {

    private final AtomicInteger created = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
        Thread t = new Thread(task, "batch-validation-" + created.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @Override
    public void execute(Runnable task) {
        threads.execute(task);
    }

    @PreDestroy
    void close() {
        threads.shutdownNow();
    }
}
