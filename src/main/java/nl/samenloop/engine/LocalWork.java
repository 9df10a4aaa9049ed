package nl.samenloop.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Threads of the local engine (link and indicators without Spark): a pool of daemon threads and its results. */
public final class LocalWork {
    private LocalWork() {
    }

    /** {@code threads} daemon threads named {@code name}: a run that fails or ends never waits for them. */
    public static ExecutorService pool(int threads, String name) {
        return Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The heap the local engines may plan to fill: 60% of the maximum, the rest left to the JVM and to what runs
     * beside them. Both the ingest and the link check their estimates against it before they decide against Spark.
     */
    public static long heapRoom() {
        return Runtime.getRuntime().maxMemory() * 6 / 10;
    }

    /** A task's result; its own exception rethrown as it was, so the caller's message is the task's. */
    public static <T> T get(Future<T> f, String doing) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
