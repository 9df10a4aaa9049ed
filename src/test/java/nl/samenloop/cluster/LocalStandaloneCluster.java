package nl.samenloop.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on this machine for integration tests: one Master and N Workers (1 core,
 * 1 GB each), every one its own JVM, everything bound to 127.0.0.1.
 *
 * <p>Layout under {@code <build.dir>/cluster/} (wiped at each start, kept after close for post-mortems):
 * <ul>
 *   <li>{@code spark-home/} — what a Worker needs to launch executors: {@code jars/} (symlinks to the resolved
 *       runtime jars in {@code <build.dir>/lib}; never samenloop.jar, which travels as the application jar),
 *       {@code RELEASE} (tells Spark's launcher this is a binary distribution, so executors get
 *       {@code jars/*} on their classpath) and {@code conf/log4j2.properties};</li>
 *   <li>{@code logs/master.log}, {@code logs/worker-N.log} — stdout+stderr of each daemon;</li>
 *   <li>{@code work/worker-N/app-…/<executorId>/stderr} — each executor's own log, written by its Worker.</li>
 * </ul>
 *
 * <p>Usage: {@code try (var cluster = LocalStandaloneCluster.start(BuildLayout.detect(), 2)) { … cluster.masterUrl() … }}.
 * Processes are killed on {@link #close()} and by a shutdown hook if the test JVM dies first.
 */
public final class LocalStandaloneCluster implements AutoCloseable {
    private static final String SPARK_VERSION_LINE = "Spark 4.0.1 (local standalone test cluster for Samenloop)";
    // A hang guard, not a target: on a saturated 2-core box (load 25+) a daemon JVM took 50 s to come up.
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final int START_ATTEMPTS = 3;

    private final BuildLayout layout;
    private final Path root;
    private final int workers;
    private final List<Process> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::killAll, "local-standalone-cluster-shutdown");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private int masterPort;
    private int masterWebPort;

    private LocalStandaloneCluster(BuildLayout layout, int workers) {
        this.layout = layout;
        this.root = layout.buildDir().resolve("cluster");
        this.workers = workers;
    }

    /** A Master and {@code workers} Workers, returned once every Worker has registered as ALIVE. */
    public static LocalStandaloneCluster start(BuildLayout layout, int workers) throws IOException {
        layout.requirePackaged();
        LocalStandaloneCluster c = new LocalStandaloneCluster(layout, workers);
        Runtime.getRuntime().addShutdownHook(c.shutdownHook);
        try {
            c.prepareSparkHome();
            c.startDaemons();
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    public static LocalStandaloneCluster start() throws IOException {
        return start(BuildLayout.detect(), 2);
    }

    /** {@code spark://127.0.0.1:P} — what {@code --master} takes. */
    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** The Master's web UI; {@code /json/} on it is the cluster state. */
    public String masterWebUrl() {
        return "http://127.0.0.1:" + masterWebPort;
    }

    public int workerCount() {
        return workers;
    }

    public Path sparkHome() {
        return root.resolve("spark-home");
    }

    public Path logDir() {
        return root.resolve("logs");
    }

    /** Worker {@code n}'s work dir (1-based); executors of app X log to {@code workDir(n)/X/<id>/stderr}. */
    public Path workDir(int n) {
        return root.resolve("work").resolve("worker-" + n);
    }

    /** The executor folders ({@code app-…/<executorId>}) worker {@code n} has created so far. */
    public List<Path> executorDirs(int n) throws IOException {
        Path work = workDir(n);
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(work, 2)) {
            return s.filter(p -> work.relativize(p).getNameCount() == 2 && Files.isDirectory(p))
                    .sorted().toList();
        }
    }

    /** The Master's JSON state (workers, aliveworkers, activeapps, completedapps, …); {@code /json} only redirects. */
    public JsonNode masterState() throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(masterWebUrl() + "/json/"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                throw new IOException(masterWebUrl() + "/json/ answered HTTP " + resp.statusCode());
            }
            return new ObjectMapper().readTree(resp.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + masterWebUrl() + "/json/", e);
        }
    }

    public int aliveWorkers() throws IOException {
        int alive = 0;
        for (JsonNode w : masterState().path("workers")) {
            if ("ALIVE".equals(w.path("state").asText())) {
                alive++;
            }
        }
        return alive;
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook itself is running or has run; nothing left to undo
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void prepareSparkHome() throws IOException {
        deleteTree(root);
        Path jars = Files.createDirectories(sparkHome().resolve("jars"));
        try (Stream<Path> lib = Files.list(layout.lib())) {
            for (Path jar : lib.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                if (jar.getFileName().toString().startsWith("samenloop")) {
                    continue; // the application jar is shipped by spark-submit, never baked into SPARK_HOME
                }
                Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
            }
        }
        Files.writeString(sparkHome().resolve("RELEASE"), SPARK_VERSION_LINE + "\n");
        Path conf = Files.createDirectories(sparkHome().resolve("conf"));
        // INFO for the daemons and executors: these logs are only read when a cluster test fails.
        Files.writeString(conf.resolve("log4j2.properties"), String.join("\n",
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
        Files.createDirectories(logDir());
    }

    private void startDaemons() throws IOException {
        IOException last = null;
        // Free ports are picked, released, then bound by the Master: another process can win that race, so
        // the Master runs with spark.port.maxRetries=0 (fail fast instead of silently taking port+1) and we retry.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            masterPort = freePort();
            masterWebPort = freePort();
            Process master = launch("master", List.of(
                    "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(masterPort),
                    "--webui-port", String.valueOf(masterWebPort)));
            try {
                awaitMaster(master);
                break;
            } catch (IOException e) {
                last = e;
                killAll();
                if (attempt == START_ATTEMPTS) {
                    throw last;
                }
            }
        }
        for (int n = 1; n <= workers; n++) {
            Files.createDirectories(workDir(n));
            launch("worker-" + n, List.of(
                    "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", "1", "--memory", "1g",
                    "--webui-port", "0", "--work-dir", workDir(n).toString(),
                    masterUrl()));
        }
        awaitWorkers();
    }

    private Process launch(String name, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBin());
        cmd.add("-Xmx256m");
        // The daemons only coordinate: C1-only JIT and the serial GC cut their start-up CPU on a small box.
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-XX:+UseSerialGC");
        cmd.addAll(JvmModuleOptions.of(layout));
        cmd.add("-Dspark.port.maxRetries=0");
        cmd.add("-Dspark.master.rest.enabled=false");
        cmd.add("-cp");
        cmd.add(sparkHome().resolve("conf") + "/:" + sparkHome().resolve("jars") + "/*");
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir().resolve(name + ".log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", sparkHome().toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.remove("SPARK_CONF_DIR");
        env.remove("SPARK_CLASSPATH");
        Process p = pb.start();
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    private void awaitMaster(Process master) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!master.isAlive()) {
                throw new IOException("Spark master exited with " + master.exitValue() + "; see " + logTail("master"));
            }
            try {
                masterState();
                return;
            } catch (IOException notYet) {
                sleep(250);
            }
        }
        throw new IOException("Spark master did not answer on " + masterWebUrl() + " within " + START_TIMEOUT
                + "; see " + logTail("master"));
    }

    private void awaitWorkers() throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        int alive = 0;
        while (Instant.now().isBefore(deadline)) {
            synchronized (processes) {
                for (int i = 0; i < processes.size(); i++) {
                    if (!processes.get(i).isAlive()) {
                        String name = i == 0 ? "master" : "worker-" + i;
                        throw new IOException("Spark " + name + " exited; see " + logTail(name));
                    }
                }
            }
            alive = aliveWorkers();
            if (alive == workers) {
                return;
            }
            sleep(250);
        }
        throw new IOException(alive + " of " + workers + " workers registered within " + START_TIMEOUT
                + "; logs in " + logDir());
    }

    private String logTail(String name) {
        Path log = logDir().resolve(name + ".log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return log + ":\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return log.toString();
        }
    }

    /**
     * Workers first, politely (SIGTERM lets a Worker stop its executors), then anything left including
     * orphaned executor JVMs, forcibly. Only processes this cluster started, found by process id.
     */
    private void killAll() {
        List<Process> mine;
        synchronized (processes) {
            mine = new ArrayList<>(processes);
            processes.clear();
        }
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : mine) {
            p.descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        for (int i = mine.size() - 1; i >= 0; i--) {
            mine.get(i).destroy();
        }
        Instant deadline = Instant.now().plusSeconds(10);
        for (ProcessHandle h : all) {
            while (h.isAlive() && Instant.now().isBefore(deadline)) {
                sleep(100);
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) { // walk does not follow the jars/ symlinks
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + p, e);
                }
            }
        }
    }
}
