package nl.samenloop.engine;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress lines for long work: stage, rows, elapsed. Written to stderr so stdout stays clean for
 * scripts. Never prints record-level values; callers pass only counts and names.
 *
 * <p>With {@link #heartbeat()} a long stage is never silent: when nothing was printed for the heartbeat
 * interval (10 s; {@code -Dsamenloop.heartbeat=SECONDS}), a line says which stage is still running, for how
 * long, and — once Spark runs — how many rows Spark has read and written in this stage and how many of its
 * tasks are done. {@link #close()} stops it.
 */
public final class Progress implements AutoCloseable {
    private static volatile boolean quiet = Boolean.getBoolean("samenloop.quiet");
    private final Instant start = Instant.now();
    private final String job;
    /** Null: System.err at the time of printing, unless quiet. */
    private final PrintStream sink;

    private volatile String stage = "start";
    private volatile Instant stageStart = start;
    private volatile Instant lastLine = start;
    private volatile long readAtStageStart;
    private volatile long writtenAtStageStart;
    private volatile java.util.function.Supplier<String> detail;
    private ScheduledExecutorService ticker;

    public Progress(String job) {
        this(job, null);
    }

    /** Lines to {@code sink} whatever the quiet setting (tests). */
    Progress(String job, PrintStream sink) {
        this.job = job;
        this.sink = sink;
    }

    public static void setQuiet(boolean q) {
        quiet = q;
    }

    public void stage(String stage, String detail) {
        if (!stage.equals(this.stage)) {
            this.stage = stage;
            stageStart = Instant.now();
            SparkActivity spark = SparkActivity.current();
            readAtStageStart = spark == null ? 0 : spark.rowsRead();
            writtenAtStageStart = spark == null ? 0 : spark.rowsWritten();
        }
        print(stage, detail);
    }

    public void rows(String stage, String what, long rows) {
        stage(stage, String.format("%s: %,d rows", what, rows));
    }

    private synchronized void print(String stage, String detail) {
        lastLine = Instant.now();
        PrintStream out = sink != null ? sink : quiet ? null : System.err;
        if (out != null) {
            out.printf("[%s %7s] %-12s %s%n", job, elapsed(), stage, detail);
        }
    }

    /**
     * What the heartbeat says a long stage has done so far, for work that is not Spark's (the output checker's LP
     * solves); null → Spark's rows and tasks.
     */
    public Progress reporting(java.util.function.Supplier<String> soFar) {
        this.detail = soFar;
        return this;
    }

    /** Starts the heartbeat (see the class comment); returns this. */
    public synchronized Progress heartbeat() {
        return heartbeat(Duration.ofSeconds(Long.getLong("samenloop.heartbeat", 10)));
    }

    synchronized Progress heartbeat(Duration every) {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "samenloop-progress");
                t.setDaemon(true);
                return t;
            });
            long tick = Math.max(50, Math.min(1000, every.toMillis() / 4));
            ticker.scheduleWithFixedDelay(() -> beat(every), tick, tick, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void beat(Duration every) {
        if (Duration.between(lastLine, Instant.now()).compareTo(every) < 0) {
            return;
        }
        print(stage, stillRunning());
    }

    /** "still running (0:31 in this stage): 1,234,567 rows read, 0 written; Spark tasks 12 of 40". */
    String stillRunning() {
        Duration d = Duration.between(stageStart, Instant.now());
        StringBuilder sb = new StringBuilder(String.format("still running (%d:%02d in this stage)", d.toMinutes(),
                d.toSecondsPart()));
        java.util.function.Supplier<String> d2 = detail;
        if (d2 != null) {
            sb.append(": ").append(d2.get());
            return sb.toString();
        }
        SparkActivity spark = SparkActivity.current();
        if (spark != null) {
            int[] tasks = spark.tasks();
            sb.append(String.format(": %,d rows read, %,d written", Math.max(0, spark.rowsRead() - readAtStageStart),
                    Math.max(0, spark.rowsWritten() - writtenAtStageStart)));
            if (tasks[1] > 0) {
                sb.append(String.format("; Spark tasks %,d of %,d", tasks[0], tasks[1]));
            }
        }
        return sb.toString();
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    public String elapsed() {
        Duration d = Duration.between(start, Instant.now());
        return String.format("%d:%02d.%d", d.toMinutes(), d.toSecondsPart(), d.toMillisPart() / 100);
    }

    public Duration duration() {
        return Duration.between(start, Instant.now());
    }
}
