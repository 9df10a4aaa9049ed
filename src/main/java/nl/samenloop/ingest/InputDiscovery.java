package nl.samenloop.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds a table's files in the input folder (spec data-layout.md "Accepted file formats"): a file named
 * after the table ({@code JGDHULPBUS.csv|.parquet|.sav}), or a folder named after it holding any number of
 * files read together, one per year and version ({@code JGDHULP2019BUSV1.sav}); for a year delivered in
 * several versions the highest is used and the choice reported. Names match case-insensitively.
 */
public final class InputDiscovery {
    /** The first plausible year in a file name, and a version V&lt;n&gt; after it. */
    private static final Pattern YEAR = Pattern.compile("(19[5-9]\\d|20\\d\\d)");
    private static final Pattern VERSION = Pattern.compile("(?i)V(\\d+)");

    private InputDiscovery() {
    }

    /** The table's input, or null when an optional table is absent. */
    public static TableInput discover(Path inputDir, TableSpec spec) {
        String table = spec.table();
        List<Path> candidates = new ArrayList<>();
        try (Stream<Path> s = Files.list(inputDir)) {
            s.filter(p -> matchesTable(p, table)).sorted().forEach(candidates::add);
        } catch (IOException e) {
            throw new IngestException(inputDir + ": cannot list input folder (" + e.getClass().getSimpleName() + ")");
        }
        if (candidates.isEmpty()) {
            if (spec.tableRequired()) {
                throw new IngestException(inputDir.resolve(table) + ": missing input for required table " + table
                        + " (expected " + table + ".csv, .parquet, .sav or a folder " + table + "/)");
            }
            return null;
        }
        if (candidates.size() > 1) {
            throw new IngestException(inputDir.resolve(table) + ": ambiguous input for table " + table + ": "
                    + candidates.stream().map(p -> p.getFileName().toString()).toList());
        }
        Path p = candidates.get(0);
        SourceFile.Format direct = format(p);
        if (direct != null) {
            return new TableInput(table, List.of(sourceFile(p, direct)), List.of());
        }
        return folder(p, table);
    }

    private static boolean matchesTable(Path p, String table) {
        String n = p.getFileName().toString();
        if (n.startsWith(".") || n.startsWith("_")) {
            return false;
        }
        String base = format(p) != null ? n.substring(0, n.lastIndexOf('.')) : Files.isDirectory(p) ? n : null;
        return base != null && base.equalsIgnoreCase(table);
    }

    /** Format by extension; a folder ending in .parquet is a Parquet dataset. */
    static SourceFile.Format format(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv") && Files.isRegularFile(p)) {
            return SourceFile.Format.CSV;
        }
        if (n.endsWith(".sav") && Files.isRegularFile(p)) {
            return SourceFile.Format.SAV;
        }
        if (n.endsWith(".parquet")) {
            return SourceFile.Format.PARQUET;
        }
        return null;
    }

    private static SourceFile sourceFile(Path p, SourceFile.Format f) {
        String n = p.getFileName().toString();
        String stem = n.contains(".") ? n.substring(0, n.indexOf('.')) : n;
        Matcher y = YEAR.matcher(stem);
        if (!y.find()) {
            return new SourceFile(p, f, null, 0);
        }
        int year = Integer.parseInt(y.group(1));
        Matcher v = VERSION.matcher(stem.substring(y.end()));
        int version = 0;
        while (v.find()) {
            version = Integer.parseInt(v.group(1));
        }
        return new SourceFile(p, f, year, version);
    }

    private static TableInput folder(Path dir, String table) {
        List<SourceFile> all = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().startsWith("_"))
                    .sorted()
                    .forEach(p -> {
                        SourceFile.Format f = format(p);
                        if (f != null) {
                            all.add(sourceFile(p, f));
                        }
                    });
        } catch (IOException e) {
            throw new IngestException(dir + ": cannot list folder (" + e.getClass().getSimpleName() + ")");
        }
        if (all.isEmpty()) {
            throw new IngestException(dir + ": folder for table " + table + " holds no .csv, .parquet or .sav file");
        }
        // A yearly file of a year that has not begun cannot be a delivery; taken as one, it would move the derived
        // data horizon (spec indicators.md "Periods": 31 December of the latest yearly file) past the real data,
        // and follow-up windows there would count as observed.
        LocalDate today = LocalDate.now();
        for (SourceFile f : all) {
            if (f.year() != null && f.year() > today.getYear()) {
                throw new IngestException(f.path() + ": a yearly file for " + f.year() + ", which lies after today ("
                        + today + "); remove or rename it (the year is read from the file name)");
            }
        }
        // Per year keep the highest version; files without a year are all read (e.g. Parquet part files).
        Map<Integer, List<SourceFile>> byYear = new TreeMap<>();
        List<SourceFile> chosen = new ArrayList<>();
        for (SourceFile f : all) {
            if (f.year() == null) {
                chosen.add(f);
            } else {
                byYear.computeIfAbsent(f.year(), k -> new ArrayList<>()).add(f);
            }
        }
        List<String> choices = new ArrayList<>();
        for (Map.Entry<Integer, List<SourceFile>> e : byYear.entrySet()) {
            List<SourceFile> fs = e.getValue();
            int max = fs.stream().mapToInt(SourceFile::version).max().orElseThrow();
            List<SourceFile> top = fs.stream().filter(f -> f.version() == max).toList();
            if (top.size() > 1) {
                throw new IngestException(dir + ": ambiguous files for year " + e.getKey() + " version " + max + ": "
                        + top.stream().map(SourceFile::name).toList());
            }
            chosen.add(top.get(0));
            if (fs.size() > 1) {
                choices.add(e.getKey() + ": " + top.get(0).name() + " chosen over "
                        + fs.stream().filter(f -> f != top.get(0)).map(SourceFile::name).toList());
            }
        }
        // Reading order = merge order for repeats: undated files first, then by year (spec: latest year wins).
        chosen.sort(Comparator.comparing((SourceFile f) -> f.year() == null ? Integer.MIN_VALUE : f.year())
                .thenComparing(SourceFile::name));
        return new TableInput(table, chosen, choices);
    }
}
