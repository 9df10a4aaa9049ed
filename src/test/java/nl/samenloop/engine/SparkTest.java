package nl.samenloop.engine;

import org.apache.spark.sql.SparkSession;

/**
 * One shared {@code local[2]} session per test JVM. Tests call {@link #spark()}; the session is stopped
 * by the JVM shutdown hook Spark installs itself.
 */
public final class SparkTest {
    private SparkTest() {
    }

    public static SparkSession spark() {
        System.setProperty("samenloop.partitions", "2");
        System.setProperty("samenloop.quiet", "true");
        Progress.setQuiet(true);
        return Engine.session("local[2]");
    }
}
