package nl.samenloop.engine;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress lines for long work: stage, rows, elapsed. Written to stderr so stdout stays clean for
 * scripts. Never prints record-level values; callers pass only counts and names.
 */
public final class Progress {
    private static final PrintStream OUT = System.err;
    private static volatile boolean quiet = Boolean.getBoolean("samenloop.quiet");
    private final Instant start = Instant.now();
    private final String job;

    public Progress(String job) {
        this.job = job;
    }

    public static void setQuiet(boolean q) {
        quiet = q;
    }

    public void stage(String stage, String detail) {
        if (!quiet) {
            OUT.printf("[%s %7s] %-12s %s%n", job, elapsed(), stage, detail);
        }
    }

    public void rows(String stage, String what, long rows) {
        stage(stage, String.format("%s: %,d rows", what, rows));
    }

    public String elapsed() {
        Duration d = Duration.between(start, Instant.now());
        return String.format("%d:%02d.%d", d.toMinutes(), d.toSecondsPart(), d.toMillisPart() / 100);
    }

    public Duration duration() {
        return Duration.between(start, Instant.now());
    }
}
