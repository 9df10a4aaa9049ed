package nl.samenloop.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;

/**
 * Solves independent pieces of work side by side: the audit's components share no hidden count, so their
 * programs can run on every core. The largest piece starts first (a large component's program dominates a
 * round; started last, it would leave the other cores idle at the end); the results come back in the order of
 * the pieces, whatever the order they finished in.
 */
final class Components {
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static volatile ExecutorService pool;
    private static int poolSize;

    private Components() {
    }

    /**
     * @param n       the number of pieces
     * @param threads at most this many side by side (1: in this thread, in order)
     * @param size    a piece's size: larger pieces start first
     * @param task    solves piece i; must only touch what piece i owns
     */
    static <R> List<R> solve(int n, int threads, IntToLongFunction size, IntFunction<R> task) {
        List<R> out = new ArrayList<>(n);
        if (threads <= 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                out.add(task.apply(i));
            }
            return out;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> -size.applyAsLong(i)).thenComparingInt(i -> i));
        Object[] results = new Object[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Runnable worker = () -> {
            int k;
            while (failed.get() == 0 && (k = next.getAndIncrement()) < n) {
                int i = order[k];
                try {
                    results[i] = task.apply(i);
                } catch (RuntimeException | Error e) {
                    failed.incrementAndGet();
                    throw e;
                }
            }
        };
        int workers = Math.min(threads, n);
        List<Future<?>> running = new ArrayList<>();
        ExecutorService p = pool(threads);
        for (int w = 1; w < workers; w++) {
            running.add(p.submit(worker));
        }
        Throwable first = null;
        try {
            worker.run(); // this thread works too
        } catch (RuntimeException | Error e) {
            first = e;
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while solving components", e);
            }
        }
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first instanceof Error e) {
            throw e;
        }
        for (Object r : results) {
            @SuppressWarnings("unchecked")
            R cast = (R) r;
            out.add(cast);
        }
        return out;
    }

    private static synchronized ExecutorService pool(int threads) {
        if (pool == null || poolSize < threads) {
            if (pool != null) {
                pool.shutdown();
            }
            poolSize = threads;
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "samenloop-audit-" + THREAD_NUMBER.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return pool;
    }
}
