package nl.samenloop.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code org.apache.spark.deploy.SparkSubmit} in a child JVM exactly as an operator would on a cluster's
 * edge node: {@code lib/*} on the classpath, the module flags for the driver and (via
 * {@code spark.executor.extraJavaOptions}) for the executors, {@code samenloop.jar} as the application jar
 * that spark-submit ships to the executors. Client deploy mode: the driver is this child JVM.
 *
 * @param exitCode the child's exit code
 * @param stdout   the driver's standard output, line by line (Spark logs go to {@link #log})
 * @param log      the driver's standard error: Spark's log, for post-mortems
 * @param elapsed  wall time of the submission
 */
public record SparkSubmitRun(int exitCode, List<String> stdout, Path log, Duration elapsed) {
    /** Hang guard for the probe: ~20 s idle, 2 min on a saturated box. A real job needs more: pass a timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(8);
    /**
     * Test-harness only: C1-only JIT for the driver and executors. These runs are short and start-up bound
     * (class loading, Janino codegen), where C2 compilation only burns the CPU the two cores lack.
     */
    static final String SHORT_RUN_JIT = "-XX:TieredStopAtLevel=1";

    /**
     * Submits {@code mainClass} from {@code samenloop.jar} to {@code master} ({@code local[2]}, {@code spark://…})
     * and waits (at most {@link #DEFAULT_TIMEOUT}) for it to finish. {@code name} names the log files in {@code logDir}.
     * For a {@code spark://} master, {@code spark.cores.max} is {@code clusterCores} and the scheduler waits (at most
     * 180 s) until all of those executor cores have registered before it runs the first task.
     */
    public static SparkSubmitRun submit(BuildLayout layout, String master, int clusterCores, String mainClass,
                                        List<String> appArgs, Path logDir, String name) throws IOException {
        return submit(layout, master, clusterCores, mainClass, appArgs, logDir, name, DEFAULT_TIMEOUT);
    }

    /** As above, killing the submission (and its child processes) after {@code timeout}. */
    public static SparkSubmitRun submit(BuildLayout layout, String master, int clusterCores, String mainClass,
                                        List<String> appArgs, Path logDir, String name, Duration timeout)
            throws IOException {
        layout.requirePackaged();
        Files.createDirectories(logDir);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".log");
        Path driverLog4j = logDir.resolve("log4j2-driver.properties");
        Files.writeString(driverLog4j, String.join("\n",
                "rootLogger.level = info",
                "rootLogger.appenderRef.stderr.ref = console",
                "appender.console.type = Console",
                "appender.console.name = console",
                "appender.console.target = SYSTEM_ERR",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n",
                "logger.jetty.name = org.sparkproject.jetty",
                "logger.jetty.level = warn",
                ""));
        String moduleFlags = JvmModuleOptions.joined(layout);

        List<String> cmd = new ArrayList<>();
        cmd.add(LocalStandaloneCluster.javaBin());
        cmd.add("-Xmx1g");
        cmd.add(SHORT_RUN_JIT);
        cmd.addAll(JvmModuleOptions.of(layout));
        cmd.add("-Dlog4j2.configurationFile=" + driverLog4j.toUri());
        cmd.add("-cp");
        cmd.add(layout.libClasspath());
        cmd.add("org.apache.spark.deploy.SparkSubmit");
        cmd.addAll(List.of("--master", master, "--deploy-mode", "client", "--class", mainClass));
        cmd.addAll(List.of("--conf", "spark.driver.host=127.0.0.1"));
        cmd.addAll(List.of("--conf", "spark.driver.bindAddress=127.0.0.1"));
        cmd.addAll(List.of("--conf", "spark.executor.extraJavaOptions=" + moduleFlags + " " + SHORT_RUN_JIT));
        if (master.startsWith("spark://")) {
            // Wait for every executor core before the first task (bounded), so "ran on both workers" is not a race.
            cmd.addAll(List.of("--conf", "spark.cores.max=" + clusterCores));
            cmd.addAll(List.of("--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0"));
            cmd.addAll(List.of("--conf", "spark.scheduler.maxRegisteredResourcesWaitingTime=180s"));
            cmd.addAll(List.of("--conf", "spark.executor.cores=1"));
            cmd.addAll(List.of("--conf", "spark.executor.memory=1g")); // exactly one worker's --memory
        }
        cmd.add(layout.appJar().toString());
        cmd.addAll(appArgs);

        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(layout.projectRoot().toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        // Packages record when they were made; a fixed time makes two runs' packages comparable byte for byte.
        pb.environment().put("SOURCE_DATE_EPOCH", "1767225600");
        pb.environment().remove("SPARK_HOME"); // client mode needs none; keeps a developer's own install out
        pb.environment().remove("SPARK_CONF_DIR");
        Instant start = Instant.now();
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException(name + ": spark-submit to " + master + " did not finish within " + timeout
                        + "; see " + err);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + name, e);
        }
        return new SparkSubmitRun(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), err,
                Duration.between(start, Instant.now()));
    }

    /** The last lines of the driver log, for assertion messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return log + ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return log.toString();
        }
    }
}
