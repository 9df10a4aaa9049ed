package nl.samenloop.ingest;

import java.nio.file.Path;
import nl.samenloop.engine.Engine;
import nl.samenloop.engine.Progress;

/**
 * Runs ingest alone (benchmarks, debugging): {@code IngestMain --input DIR --work DIR [--conf DIR]
 * [--master URL]}. Prints one summary line to stdout (records read, seconds, records/s, PASS/FAIL); a fatal
 * input problem prints its one-line message to stderr and exits 2.
 */
public final class IngestMain {
    private IngestMain() {
    }

    public static void main(String[] args) {
        Path input = null;
        Path work = null;
        Path conf = Path.of("conf");
        String master = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--input" -> input = Path.of(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                case "--conf" -> conf = Path.of(args[i + 1]);
                case "--master" -> master = args[i + 1];
                default -> {
                    System.err.println("ingest: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (input == null || work == null) {
            System.err.println("usage: IngestMain --input DIR --work DIR [--conf DIR] [--master URL]");
            System.exit(2);
        }
        Progress progress = new Progress("ingest");
        int exit = 0;
        try {
            IngestReport r = Ingest.run(Engine.session(master), input, work, conf, progress);
            long read = r.tables().values().stream().mapToLong(TableReport::read).sum();
            double s = progress.duration().toMillis() / 1000.0;
            System.out.printf("records_read=%d seconds=%.1f records_per_second=%.0f reconciliation=%s%n",
                    read, s, read / Math.max(s, 0.001), r.passed() ? "PASS" : "FAIL");
            for (TableReport t : r.tables().values()) {
                System.out.printf("  %-20s read=%d accepted=%d rejected=%d merged_repeats=%d%n", t.table(), t.read(),
                        t.accepted(), t.rejectedTotal(), t.mergedRepeats());
            }
            exit = r.passed() ? 0 : 1;
        } catch (IngestException e) {
            System.err.println("ingest: " + e.getMessage());
            exit = 2;
        } finally {
            Engine.stop();
        }
        System.exit(exit);
    }
}
