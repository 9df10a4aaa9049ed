package nl.samenloop.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.AbstractConfiguration;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * While a command runs, everything Spark, Hadoop and Parquet log — task failures come with 20 to 70 lines of
 * stack trace — goes to {@code <work>/logs/samenloop.log} instead of stderr, so stderr carries only
 * Samenloop's progress lines and one line per problem. The log stays in the secure working area: a trace
 * may quote a record, and the working area holds record-level data anyway. {@link #close()} puts the
 * console back.
 */
public final class RunLog implements AutoCloseable {
    private static final String APPENDER = "samenloop-run-log";
    private static final Logger LOG = LogManager.getLogger("nl.samenloop");
    private static volatile RunLog active;
    private static volatile Path last;
    /** How the one-line error names the log: the file, or where it was copied to. */
    private static volatile String lastName;

    private final Path file;
    private final LoggerContext ctx;
    private final FileAppender appender;
    private final Map<LoggerConfig, List<Appender>> replaced = new LinkedHashMap<>();
    /** For a working area on another file system: where the log is copied when the command ends. */
    private Location upload;

    private RunLog(Path file, LoggerContext ctx, FileAppender appender) {
        this.file = file;
        this.ctx = ctx;
        this.appender = appender;
    }

    /**
     * As {@link #to(Path)} for a working area on any file system. Log4j appends to local files only, so for a
     * working area on HDFS or S3 the log is written on the driver in a private temporary file while the command
     * runs (messages name it) and copied to {@code <work>/logs/samenloop-<start time>.log} when it ends, and the
     * temporary file removed.
     */
    public static synchronized RunLog to(Location workDir) {
        if (workDir.isLocal()) {
            return to(workDir.local());
        }
        Path tmp;
        try {
            tmp = Files.createTempDirectory("samenloop-log");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary log folder", e);
        }
        RunLog log = to(tmp);
        log.upload = workDir.resolve("logs").resolve("samenloop-"
                + java.time.Instant.now().toString().replace(':', '-') + ".log");
        lastName = log.upload.toString();
        return log;
    }

    /** Routes all logging to {@code <workDir>/logs/samenloop.log} (appended) until closed. */
    public static synchronized RunLog to(Path workDir) {
        Path file = workDir.resolve("logs").resolve("samenloop.log");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log folder " + file.getParent(), e);
        }
        if (active != null) {
            active.close();
        }
        if (!(LogManager.getContext(false) instanceof LoggerContext ctx)) {
            // Another logging backend (a cluster's own setup): leave it as it is configured.
            return new RunLog(null, null, null);
        }
        Configuration cfg = ctx.getConfiguration();
        PatternLayout layout = PatternLayout.newBuilder().withConfiguration(cfg)
                .withPattern("%d{yyyy-MM-dd HH:mm:ss} %p %c{1} [%t]: %m%n").build();
        FileAppender app = FileAppender.newBuilder().setName(APPENDER).withFileName(file.toString()).withAppend(true)
                .setLayout(layout).setConfiguration(cfg).build();
        app.start();
        cfg.addAppender(app);
        RunLog log = new RunLog(file, ctx, app);
        List<LoggerConfig> configs = new ArrayList<>(cfg.getLoggers().values());
        configs.add(cfg.getRootLogger());
        for (LoggerConfig lc : new java.util.LinkedHashSet<>(configs)) {
            List<Appender> had = new ArrayList<>(lc.getAppenders().values());
            if (had.isEmpty()) {
                continue; // inherits from its parent, which is rerouted itself
            }
            log.replaced.put(lc, had);
            had.forEach(a -> lc.removeAppender(a.getName()));
            lc.addAppender(app, null, null);
        }
        ctx.updateLoggers();
        active = log;
        last = file;
        lastName = file.toString();
        LOG.warn("---- samenloop run started; Spark and Hadoop messages follow ----");
        return log;
    }

    public Path file() {
        return file;
    }

    /** Writes the full trace of a failure to the active run log; without one, nothing (stderr gets one line). */
    public static void failure(String what, Throwable t) {
        RunLog log = active;
        if (log != null) {
            LOG.error(what, t);
        }
    }

    /** The file the current (or just finished) command logged to, or null: named in its one-line error. */
    public static Path lastFile() {
        return last;
    }

    /** The log named in the one-line error: the file, or for a working area on HDFS/S3 the copy there; or null. */
    public static String lastName() {
        return last == null ? null : lastName;
    }

    /** A new command starts: it has logged nowhere yet. */
    public static void forgetLast() {
        last = null;
        lastName = null;
    }

    @Override
    public synchronized void close() {
        if (active != this || ctx == null) {
            return;
        }
        Configuration cfg = ctx.getConfiguration();
        replaced.forEach((lc, had) -> {
            lc.removeAppender(APPENDER);
            had.forEach(a -> lc.addAppender(a, null, null));
        });
        ctx.updateLoggers();
        appender.stop();
        if (cfg instanceof AbstractConfiguration ac) {
            ac.removeAppender(APPENDER);
        }
        active = null;
        if (upload != null) {
            Path dir = file.getParent().getParent();
            try {
                try (java.io.InputStream in = Files.newInputStream(file);
                     java.io.OutputStream out = Storage.create(upload)) {
                    in.transferTo(out);
                }
                Storage.deleteTree(dir);
            } catch (IOException | RuntimeException e) {
                // The log stays where it was written (the one-line error names it).
            }
        }
    }
}
