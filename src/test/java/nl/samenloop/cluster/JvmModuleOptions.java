package nl.samenloop.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM flags Spark 4 needs on Java 17, read from {@code conf/jvm-module-options}: the one list shared by
 * the {@code samenloop} launcher, this test cluster and docs/cluster.md ({@link JvmModuleOptionsTest} keeps it
 * equal to pom.xml's {@code spark.module.opts} and to Spark's own {@code JavaModuleOptions}).
 */
public final class JvmModuleOptions {
    private JvmModuleOptions() {
    }

    /** One flag per line; blank lines and lines starting with '#' are comments. */
    public static List<String> read(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JVM module options " + file, e);
        }
    }

    public static List<String> of(BuildLayout layout) {
        return read(layout.moduleOptionsFile());
    }

    /** The flags as one string, for {@code spark.executor.extraJavaOptions} / {@code spark.driver.extraJavaOptions}. */
    public static String joined(BuildLayout layout) {
        return String.join(" ", of(layout));
    }
}
