package nl.samenloop.disclosure;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;

/**
 * The release ledger of spec disclosure.md "Across releases", kept in the secure working area at
 * {@code <work>/ledger/ledger.csv}. One line per released count: indicator, table, count identity, value,
 * persons, the population signature of the request (age range, data version, …), job and date. It holds
 * aggregate counts only, never a person key. Counts are matched on (indicator, count name, geography,
 * period); the indicator rather than the job's table name, because the same indicator requested by two
 * jobs under different table names is exactly the differencing risk.
 */
public final class Ledger {
    static final String HEADER = "indicator,table,count,geography_code,period,value,persons,population_signature,job,date";

    /** One released count. */
    public record Entry(String indicator, String table, CountRef ref, long value, long persons,
                        String populationSignature, String job, LocalDate date) {
    }

    private final Path file;
    private final Map<String, List<Entry>> byKey = new HashMap<>();
    private int size;

    private Ledger(Path file) {
        this.file = file;
    }

    /** A ledger that remembers nothing and writes nowhere (tests, dry runs). */
    public static Ledger inMemory() {
        return new Ledger(null);
    }

    /** The ledger of the working area {@code workDir} ({@code workDir/ledger/ledger.csv}); empty when absent. */
    public static Ledger load(Path workDir) {
        Path f = workDir.resolve("ledger").resolve("ledger.csv");
        Ledger l = new Ledger(f);
        if (!Files.exists(f)) {
            return l;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ledger " + f, e);
        }
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> c = Csv.split(lines.get(i));
            if (c.size() != 10) {
                throw new IllegalArgumentException("ledger " + f + " row " + (i + 1) + ": expected 10 columns ("
                        + HEADER + "), found " + c.size());
            }
            try {
                l.add(new Entry(c.get(0), c.get(1), new CountRef(c.get(2), c.get(3), c.get(4)),
                        Long.parseLong(c.get(5)), Long.parseLong(c.get(6)), c.get(7), c.get(8), LocalDate.parse(c.get(9))));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("ledger " + f + " row " + (i + 1)
                        + ": bad value in column value, persons or date", e);
            }
        }
        return l;
    }

    private void add(Entry e) {
        byKey.computeIfAbsent(key(e.indicator(), e.ref()), k -> new ArrayList<>()).add(e);
        size++;
    }

    private static String key(String indicator, CountRef ref) {
        return indicator + "\u0000" + ref;
    }

    /** An in-memory ledger holding this ledger's entries and {@code more} (e.g. earlier tables of the same package). */
    Ledger plus(List<Entry> more) {
        Ledger l = new Ledger(null);
        byKey.values().forEach(es -> es.forEach(l::add));
        more.forEach(l::add);
        return l;
    }

    /** Entries for the counts a protected table publishes (unrounded value and persons). */
    static List<Entry> published(ProtectedTable t, String populationSignature, String job, LocalDate date) {
        List<Entry> out = new ArrayList<>();
        Map<CountRef, Count> counts = countsOf(t);
        t.decisions().values().stream()
                .filter(d -> d.shownValue() != null && d.status().shown())
                .sorted((a, b) -> a.ref().compareTo(b.ref()))
                .forEach(d -> {
                    Count c = counts.get(d.ref());
                    out.add(new Entry(indicatorOf(t), t.source().name(), d.ref(), c.value(), c.persons(),
                            populationSignature == null ? "" : populationSignature, job, date));
                });
        return out;
    }

    public List<Entry> entries(String indicator, CountRef ref) {
        return byKey.getOrDefault(key(indicator, ref), List.of());
    }

    public int size() {
        return size;
    }

    /**
     * Records every count these tables publish (status SAFE or ROUNDED), with its unrounded value and persons,
     * after the package was released; appends to the ledger file when there is one.
     */
    public void record(List<ProtectedTable> tables, String populationSignature, String job, LocalDate date) {
        List<Entry> fresh = new ArrayList<>();
        for (ProtectedTable t : tables) {
            fresh.addAll(published(t, populationSignature, job, date));
        }
        if (file != null) {
            try {
                Files.createDirectories(file.getParent());
                boolean header = !Files.exists(file) || Files.size(file) == 0;
                try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    if (header) {
                        w.write(HEADER);
                        w.newLine();
                    }
                    for (Entry e : fresh) {
                        w.write(Csv.line(e.indicator(), e.table(), e.ref().name(), e.ref().geoCode(), e.ref().period(),
                                e.value(), e.persons(), e.populationSignature(), e.job(), e.date()));
                        w.newLine();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write ledger " + file, e);
            }
        }
        fresh.forEach(this::add);
    }

    static String indicatorOf(ProtectedTable t) {
        String ind = t.source().indicator();
        return ind == null || ind.isBlank() ? t.source().name() : ind;
    }

    static Map<CountRef, Count> countsOf(ProtectedTable t) {
        return t.source().counts();
    }
}
