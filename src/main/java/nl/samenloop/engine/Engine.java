package nl.samenloop.engine;

import org.apache.spark.sql.SparkSession;

/**
 * The narrow seam to Spark: every stage gets its session here, so the same code runs in tests
 * ({@code local[2]}), on this machine ({@code local[*]}) and on a cluster ({@code spark://…}, YARN, k8s).
 */
public final class Engine {
    private static SparkSession shared;

    private Engine() {
    }

    /** The session for {@code master} (null → {@code local[*]}); reused within one JVM. */
    public static synchronized SparkSession session(String master) {
        if (shared != null && !shared.sparkContext().isStopped()) {
            return shared;
        }
        if (System.getenv("SPARK_LOCAL_IP") == null && System.getProperty("spark.driver.host") == null) {
            System.setProperty("spark.driver.host", "127.0.0.1");
            System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        }
        SparkSession.Builder b = SparkSession.builder()
                .appName("samenloop")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", System.getProperty("samenloop.partitions", "8"))
                .config("spark.sql.adaptive.enabled", "true")
                .config("spark.sql.parquet.compression.codec", "zstd")
                // Parquet output without _SUCCESS marker files keeps staging folders tidy.
                .config("spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
                .config("spark.sql.sources.partitionOverwriteMode", "dynamic");
        String m = master == null || master.isBlank()
                ? System.getProperty("spark.master", "local[*]") : master;
        b.master(m);
        shared = b.getOrCreate();
        shared.sparkContext().setLogLevel("WARN");
        return shared;
    }

    public static synchronized void stop() {
        if (shared != null) {
            shared.stop();
            shared = null;
        }
    }
}
