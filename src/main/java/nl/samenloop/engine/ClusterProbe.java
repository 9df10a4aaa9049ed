package nl.samenloop.engine;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A tiny, deterministic Spark job that proves a deployment works before a real job is trusted to it:
 * it runs our own code on the executors (a lambda from this jar), shuffles (groupBy), and writes a small
 * sorted result that must be byte-identical wherever it runs ({@code local[2]}, a standalone cluster, YARN).
 *
 * <p>Usage: {@code ClusterProbe OUTPUT_FILE [MASTER]}. Without MASTER the session takes {@code spark.master}
 * from spark-submit. Only integer arithmetic, so partitioning and task order cannot change a single byte.
 * One line on stdout says where tasks ran
 * ({@code probe app=app-20260101000000-0000 executors=2 taskExecutors=0,1}); it is not part
 * of the output file because it differs between local and cluster runs by design.
 */
public final class ClusterProbe {
    public static final long ROWS = 200_000;
    public static final int BUCKETS = 31;

    private ClusterProbe() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ClusterProbe OUTPUT_FILE [MASTER]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        SparkSession spark = Engine.session(args.length == 2 ? args[1] : null);
        try {
            List<String> lines = aggregate(spark);
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            Files.write(out, lines, StandardCharsets.UTF_8);
            System.out.println(whereTasksRan(spark));
        } finally {
            Engine.stop();
        }
    }

    /** Header plus one line per bucket, sorted by bucket: the whole observable result. */
    static List<String> aggregate(SparkSession spark) {
        // 4 input partitions → several map tasks, so a cluster run really spreads work and shuffles.
        Dataset<Long> mixed = spark.range(0, ROWS, 1, 4)
                .map((MapFunction<Long, Long>) ClusterProbe::mix, Encoders.LONG());
        Dataset<Row> agg = mixed.toDF("m")
                .withColumn("bucket", pmod(col("m"), lit(BUCKETS)))
                .groupBy("bucket")
                .agg(count("*").as("rows"), sum("m").as("sum_m"), min("m").as("min_m"), max("m").as("max_m"))
                .orderBy("bucket");
        List<String> lines = new ArrayList<>();
        lines.add("bucket,rows,sum_m,min_m,max_m");
        for (Row r : agg.collectAsList()) {
            lines.add(r.getLong(0) + "," + r.getLong(1) + "," + r.getLong(2) + "," + r.getLong(3) + ","
                    + r.getLong(4));
        }
        return lines;
    }

    /** SplitMix64 finaliser folded to 40 bits: deterministic, well spread, and sums cannot overflow a long. */
    public static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return z >>> 24;
    }

    /**
     * Registered executors (the driver excluded) and the executor ids that ran a small job's tasks:
     * "driver" in local mode, executor ids ("0", "1") on a cluster.
     */
    static String whereTasksRan(SparkSession spark) {
        int registered = spark.sparkContext().getExecutorMemoryStatus().size();
        boolean local = spark.sparkContext().isLocal();
        List<String> ids = spark.range(0, 8, 1, 8)
                .map((MapFunction<Long, String>) i -> SparkEnv.get().executorId(), Encoders.STRING())
                .collectAsList();
        return "probe app=" + spark.sparkContext().applicationId()
                + " executors=" + (local ? 0 : registered - 1)
                + " taskExecutors=" + String.join(",", new TreeSet<>(ids));
    }
}
