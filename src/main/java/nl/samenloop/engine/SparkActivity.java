package nl.samenloop.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.spark.SparkContext;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * How far Spark is, for progress lines inside a long stage: rows read from input files and rows written, counted
 * from the task metrics of finished tasks plus what running tasks report in their executor heartbeats, and the
 * tasks of the Spark stages running now. Counts only — never a value. One per SparkContext, attached by
 * {@link Engine#session}.
 */
public final class SparkActivity extends SparkListener {
    static final String INPUT_RECORDS = "internal.metrics.input.recordsRead";
    static final String OUTPUT_RECORDS = "internal.metrics.output.recordsWritten";

    private static volatile SparkActivity current;

    private final SparkContext context;
    private final AtomicLong readDone = new AtomicLong();
    private final AtomicLong writtenDone = new AtomicLong();
    /** Running task id → {rows read, rows written} so far, from its last heartbeat. */
    private final Map<Long, long[]> running = new ConcurrentHashMap<>();

    private SparkActivity(SparkContext context) {
        this.context = context;
    }

    /** Listens to {@code sc} (once per context); {@link #current()} then reports on it. */
    static synchronized void attach(SparkContext sc) {
        if (current == null || current.context != sc) {
            SparkActivity a = new SparkActivity(sc);
            sc.addSparkListener(a);
            current = a;
        }
    }

    /** The activity of the running SparkContext, or null before Spark has started (or after it stopped). */
    public static SparkActivity current() {
        SparkActivity a = current;
        return a == null || a.context.isStopped() ? null : a;
    }

    /** Counts rows that this JVM read and wrote without Spark (LocalIngest), so progress lines include them. */
    public void countLocal(long read, long written) {
        readDone.addAndGet(read);
        writtenDone.addAndGet(written);
    }

    /** Rows read from input files so far, by finished and running tasks. */
    public long rowsRead() {
        return readDone.get() + running.values().stream().mapToLong(r -> r[0]).sum();
    }

    /** Rows written to output files so far. */
    public long rowsWritten() {
        return writtenDone.get() + running.values().stream().mapToLong(r -> r[1]).sum();
    }

    /** Tasks of the Spark stages running now: {done, all}; {0, 0} when none runs. */
    public int[] tasks() {
        JavaSparkStatusTracker tracker = JavaSparkContext.fromSparkContext(context).statusTracker();
        int done = 0;
        int all = 0;
        for (int id : tracker.getActiveStageIds()) {
            SparkStageInfo s = tracker.getStageInfo(id);
            if (s != null) {
                done += s.numCompletedTasks();
                all += s.numTasks();
            }
        }
        return new int[] {done, all};
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
        running.put(start.taskInfo().taskId(), new long[2]);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        running.remove(end.taskInfo().taskId());
        TaskMetrics m = end.taskMetrics();
        if (m != null) {
            readDone.addAndGet(m.inputMetrics().recordsRead());
            writtenDone.addAndGet(m.outputMetrics().recordsWritten());
        }
    }

    /** Running tasks' metrics so far, sent with each executor heartbeat (spark.executor.heartbeatInterval). */
    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> t
                : CollectionConverters.asJava(update.accumUpdates())) {
            long[] so = running.get((Long) t._1());
            if (so == null) {
                continue;
            }
            for (AccumulableInfo a : CollectionConverters.asJava(t._4())) {
                String name = a.name().isDefined() ? a.name().get() : "";
                Object v = a.update().isDefined() ? a.update().get() : null;
                if (v instanceof Number n && name.equals(INPUT_RECORDS)) {
                    so[0] = n.longValue();
                } else if (v instanceof Number n && name.equals(OUTPUT_RECORDS)) {
                    so[1] = n.longValue();
                }
            }
        }
    }
}
