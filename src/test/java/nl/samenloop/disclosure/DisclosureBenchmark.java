package nl.samenloop.disclosure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CellTableFiles;

/**
 * Disclosure control alone on the cell tables a job wrote ({@code <work>/cells/<table>}, the indicators stage's
 * output), without Spark: how long primary rules, secondary suppression and the audit take on a real request,
 * how many programs they solve and what they suppress. Used by {@code bench/disclosure.sh}.
 *
 * <pre>java … nl.samenloop.disclosure.DisclosureBenchmark WORK_DIR [TABLE …]</pre>
 */
public final class DisclosureBenchmark {
    private DisclosureBenchmark() {
    }

    /** The cell tables a run left in a working area: {@code cells/<job>/<table>} (one job per working area). */
    static List<Path> tableDirs(Path work) throws java.io.IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> jobs = Files.list(work.resolve("cells"))) {
            for (Path job : jobs.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                try (Stream<Path> s = Files.list(job)) {
                    s.filter(Files::isDirectory).sorted().forEach(out::add);
                }
            }
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        List<CellTable> tables = new ArrayList<>();
        List<String> only = List.of(args).subList(1, args.length);
        for (Path dir : tableDirs(Path.of(args[0]))) {
            if (only.isEmpty() || only.contains(dir.getFileName().toString())) {
                tables.add(CellTableFiles.read(dir));
            }
        }
        long counts = tables.stream().mapToLong(t -> t.counts().size()).sum();
        System.out.printf("tables: %s (%,d counts, %,d relations)%n", tables.stream().map(CellTable::name).toList(), counts,
                tables.stream().mapToLong(t -> t.relations().size()).sum());
        Profile profile = Profile.cbsMicrodata();
        long t0 = System.nanoTime();
        TableProtector p = new TableProtector(profile);
        Disclosure.Release r = p.protect(tables, History.none());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Integer> byRule = new TreeMap<>();
        int shown = 0;
        int released = 0;
        for (Decision d : r.decisions().values()) {
            if (d.status() == Status.PRIMARY || d.status() == Status.SECONDARY) {
                byRule.merge(d.rule(), 1, Integer::sum);
            }
            if (d.shownValue() != null) {
                shown++;
            }
        }
        for (ProtectedTable t : r.tables()) {
            released += t.rows().size();
        }
        long shownRows = r.tables().stream().flatMap(t -> t.rows().stream()).filter(c -> c.status().shown()).count();
        DisclosureSummary s = Disclosure.summarize(r.tables(), profile);
        System.out.printf("disclosure: %.1f s wall, %d rounds, %,d component programs, %,d neighbourhood programs%n", seconds,
                p.lastRounds, p.lastPrograms, p.lastLocalPrograms);
        p.lastStepMillis.forEach((step, ms) -> System.out.printf("  %-72s %8.1f s%n", step, ms / 1000.0));
        System.out.printf("suppressed counts by rule: %s; counts shown: %,d of %,d%n", byRule, shown, r.decisions().size());
        System.out.printf("published rows shown: %,d of %,d (%.1f%%)%n", shownRows, released, 100.0 * shownRows / released);
        System.out.printf("audit: %s; narrowest %s%n", s.verdict(), s.narrowest());
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap in use at the end: %,d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
    }
}
