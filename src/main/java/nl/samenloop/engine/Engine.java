package nl.samenloop.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The narrow seam to Spark: every stage gets its session here, so the same code runs in tests
 * ({@code local[2]}), on this machine ({@code local[*]}) and on a cluster ({@code spark://…}, YARN, k8s).
 * Settings given by spark-submit ({@code --conf}, which arrive as {@code spark.*} system properties) win
 * over the defaults set here.
 */
public final class Engine {
    private static SparkSession shared;

    private Engine() {
    }

    /**
     * As {@link #session(String)}, saying so on {@code progress}: starting Spark takes seconds to half a minute,
     * and a user should see that something happens.
     */
    public static SparkSession session(String master, Progress progress) {
        Instant t0 = Instant.now();
        progress.stage("spark", "starting Spark" + (master == null ? "" : " on " + master) + " ...");
        SparkSession s = session(master);
        progress.stage("spark", String.format("ready after %.1f s: %s, %d cores", Duration.between(t0, Instant.now())
                .toMillis() / 1000.0, s.sparkContext().master(), s.sparkContext().defaultParallelism()));
        return s;
    }

    /** The session for {@code master} (null → spark.master if set, else {@code local[*]}); reused within one JVM. */
    public static synchronized SparkSession session(String master) {
        if (shared != null && !shared.sparkContext().isStopped()) {
            SparkActivity.attach(shared.sparkContext());
            return shared;
        }
        SparkConf conf = new SparkConf(true);
        String m = master != null && !master.isBlank() ? master : conf.get("spark.master", "local[*]");
        conf.setMaster(m);
        boolean local = m.startsWith("local");
        if (local && System.getenv("SPARK_LOCAL_IP") == null) {
            // Nothing of a local run listens beyond this machine. On a cluster the executors must reach the
            // driver, so there the host is left to Spark (or to --conf spark.driver.host).
            setDefault(conf, "spark.driver.host", "127.0.0.1");
            setDefault(conf, "spark.driver.bindAddress", "127.0.0.1");
        }
        if (local) {
            // One executor holds every block, so delay scheduling (waiting for a "more local" slot) has nothing to
            // gain here, only idle cores to cost. And in local mode nothing offers the slots again once a task set
            // has declined them: with input on HDFS (block hosts that are not the executor's) a write of cached
            // data waited forever with both cores idle (HdfsIT with --keep-linked; JobRunner.writeLinked).
            setDefault(conf, "spark.locality.wait", "0s");
        }
        setDefault(conf, "spark.app.name", "samenloop");
        setDefault(conf, "spark.ui.enabled", "false");
        setDefault(conf, "spark.sql.session.timeZone", "UTC");
        setDefault(conf, "spark.sql.shuffle.partitions", System.getProperty("samenloop.partitions", "8"));
        setDefault(conf, "spark.sql.adaptive.enabled", "true");
        // Person-level datasets are partitioned by person (ByPerson); joins on (person, period) then reuse that.
        setDefault(conf, "spark.sql.requireAllClusterKeysForCoPartition", "false");
        setDefault(conf, "spark.sql.parquet.compression.codec", "zstd");
        // Parquet output without _SUCCESS marker files keeps staging folders tidy.
        setDefault(conf, "spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs", "false");
        if (!local && !conf.contains("spark.jars")) {
            // Started without spark-submit (./samenloop --master spark://…): ship our own jar to the executors.
            Path jar = ownJar();
            if (jar != null) {
                conf.set("spark.jars", jar.toString());
            }
        }
        shared = SparkSession.builder().config(conf).getOrCreate();
        shared.sparkContext().setLogLevel("WARN");
        // Rows read and written so far, for progress lines inside long stages.
        SparkActivity.attach(shared.sparkContext());
        return shared;
    }

    private static void setDefault(SparkConf conf, String key, String value) {
        if (!conf.contains(key)) {
            conf.set(key, value);
        }
    }

    /** The jar this class was loaded from, or null when running from a classes folder. */
    private static Path ownJar() {
        try {
            Path p = Path.of(Engine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.toString().endsWith(".jar") ? p : null;
        } catch (Exception e) {
            return null;
        }
    }

    public static synchronized void stop() {
        if (shared != null) {
            shared.stop();
            shared = null;
        }
    }
}
