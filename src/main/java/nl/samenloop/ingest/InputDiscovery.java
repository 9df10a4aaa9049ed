package nl.samenloop.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.samenloop.storage.Location;
import org.apache.hadoop.fs.FileStatus;
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
        return discover(Location.local(inputDir), spec);
    }

    /** One name in a folder: whether it is a folder or a regular file (links followed, as {@code Files} does). */
    private record Entry(Location path, boolean folder, boolean file) {
        String name() {
            return path.name();
        }
    }

    /** The entries of a folder, sorted by name: through {@code java.nio} locally, one listing on HDFS/S3. */
    private static List<Entry> list(Location dir) throws IOException {
        List<Entry> out = new ArrayList<>();
        if (dir.isLocal()) {
            try (Stream<Path> s = Files.list(dir.local())) {
                s.forEach(p -> out.add(new Entry(Location.local(p), Files.isDirectory(p), Files.isRegularFile(p))));
            }
        } else {
            for (FileStatus st : dir.fileSystem().listStatus(dir.hadoop())) {
                out.add(new Entry(dir.resolve(st.getPath().getName()), st.isDirectory(), st.isFile()));
            }
        }
        out.sort(java.util.Comparator.comparing(Entry::name));
        return out;
    }

    /** The table's input in a folder on any file system, or null when an optional table is absent. */
    public static TableInput discover(Location inputDir, TableSpec spec) {
        String table = spec.table();
        List<Entry> candidates = new ArrayList<>();
        try {
            list(inputDir).stream().filter(p -> matchesTable(p, table)).forEach(candidates::add);
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
                    + candidates.stream().map(Entry::name).toList());
        }
        Entry p = candidates.get(0);
        SourceFile.Format direct = format(p);
        if (direct != null) {
            return new TableInput(table, List.of(sourceFile(p, direct)), List.of());
        }
        return folder(p.path(), table);
    }

    private static boolean matchesTable(Entry p, String table) {
        String n = p.name();
        if (n.startsWith(".") || n.startsWith("_")) {
            return false;
        }
        String base = format(p) != null ? n.substring(0, n.lastIndexOf('.')) : p.folder() ? n : null;
        return base != null && base.equalsIgnoreCase(table);
    }

    /** Format by extension; a folder ending in .parquet is a Parquet dataset. */
    private static SourceFile.Format format(Entry p) {
        String n = p.name().toLowerCase(Locale.ROOT);
        if (n.endsWith(".csv") && p.file()) {
            return SourceFile.Format.CSV;
        }
        if (n.endsWith(".sav") && p.file()) {
            return SourceFile.Format.SAV;
        }
        if (n.endsWith(".parquet")) {
            return SourceFile.Format.PARQUET;
        }
        return null;
    }

    private static SourceFile sourceFile(Entry e, SourceFile.Format f) {
        Location p = e.path();
        String n = e.name();
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

    private static TableInput folder(Location dir, String table) {
        List<SourceFile> all = new ArrayList<>();
        try {
            list(dir).stream().filter(p -> !p.name().startsWith(".") && !p.name().startsWith("_"))
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
