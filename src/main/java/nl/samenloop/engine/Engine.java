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

    /**
     * The settings a session for {@code master} starts with: spark-submit's and {@code -Dspark.*} settings, then the
     * defaults of this class. Read without starting Spark by {@link Lazy}.
     */
    static SparkConf conf(String master) {
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
        return conf;
    }

    /** The session for {@code master} (null → spark.master if set, else {@code local[*]}); reused within one JVM. */
    public static synchronized SparkSession session(String master) {
        if (shared != null && !shared.sparkContext().isStopped()) {
            SparkActivity.attach(shared.sparkContext());
            return shared;
        }
        SparkConf conf = conf(master);
        boolean local = conf.get("spark.master").startsWith("local");
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

    /** Whether this JVM has a running session (an earlier job of a batch started it). */
    public static synchronized boolean running() {
        return shared != null && !shared.sparkContext().isStopped();
    }

    /**
     * A session started only when a stage needs Spark: a local run whose stages all run without Spark (CSV ingest,
     * link and indicators I1–I5 and I7, disclosure, publish) never starts it. Answers what the stages ask before
     * that — the master, the cores a local master may use, a setting — from the settings the session would start with.
     */
    public static final class Lazy {
        private final String master;
        private final Progress progress;
        private SparkSession session;

        public Lazy(String master, Progress progress) {
            this.master = master;
            this.progress = progress;
        }

        /** An already started session. */
        public static Lazy of(SparkSession session) {
            Lazy l = new Lazy(session.sparkContext().master(), null);
            l.session = session;
            return l;
        }

        /** The session, started (with its progress lines) on first use. */
        public synchronized SparkSession get() {
            if (session == null) {
                session = progress == null ? session(master) : session(master, progress);
            }
            return session;
        }

        public synchronized boolean started() {
            return session != null;
        }

        private synchronized SparkSession current() {
            if (session == null && running()) {
                session = session(master);
            }
            return session;
        }

        public String master() {
            SparkSession s = current();
            return s != null ? s.sparkContext().master() : Engine.conf(master).get("spark.master");
        }

        /** A setting of the session (started or not). */
        public String conf(String key, String dflt) {
            SparkSession s = current();
            return s != null ? s.conf().get(key, dflt) : Engine.conf(master).get(key, dflt);
        }

        /** Spark's default parallelism: for a local master the cores it may use (local[N]: N, local[*]: all). */
        public int parallelism() {
            SparkSession s = current();
            if (s != null) {
                return s.sparkContext().defaultParallelism();
            }
            SparkConf c = Engine.conf(master);
            if (c.contains("spark.default.parallelism")) {
                return c.getInt("spark.default.parallelism", 1);
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?\\])?")
                    .matcher(c.get("spark.master"));
            if (m.matches()) {
                String n = m.group(1);
                return n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
            }
            return get().sparkContext().defaultParallelism();
        }
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
