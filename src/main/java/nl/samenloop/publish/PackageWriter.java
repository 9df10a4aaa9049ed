package nl.samenloop.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.samenloop.disclosure.ProtectedTable;

/**
 * Writes the tables and charts of a publication package (spec disclosure.md, "Package contents"):
 * {@code tables/<name>.csv}, {@code tables/<name>.xlsx} and {@code charts/<name>.png}. The audit files
 * and then {@link OutputCheck#write} follow as separate calls, so the caller can put the audit in
 * between and the output check's checksums cover it.
 *
 * <p>It writes into a new or empty folder only, and never removes anything: replacing a package is
 * {@link Publication}'s job, which writes the new one into a fresh folder and renames it into place
 * ({@link PackageFolder}), so files Samenloop did not write are never touched.
 */
public final class PackageWriter {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private PackageWriter() {
    }

    /** Writes into {@code packageDir}, which must be new or empty; returns the files written, in the order written. */
    public static List<Path> write(Path packageDir, PackageInfo info, List<ProtectedTable> tables, List<ChartSpec> charts)
            throws IOException {
        Map<String, ProtectedTable> byName = checkNames(tables, charts);
        prepare(packageDir);

        Path tablesDir = packageDir.resolve("tables");
        Path chartsDir = packageDir.resolve("charts");
        // Every table's files and every chart are independent of each other: written side by side (one per core),
        // listed in the order above. Each writer has its own workbook or chart; the bytes do not depend on the order.
        List<FileWriter> writers = new ArrayList<>();
        for (ProtectedTable t : tables) {
            writers.add(() -> TidyCsvWriter.write(tablesDir, t));
            writers.add(() -> XlsxWriter.write(tablesDir, t, info));
        }
        for (ChartSpec c : charts) {
            writers.add(() -> ChartWriter.write(chartsDir, byName.get(c.table()), c));
        }
        // A failing writer does not end the stream early: every writer finishes (or fails) before write returns, so
        // nothing is still writing into the package folder when the caller cleans up or reports. The first failure in
        // the order above is thrown.
        List<Outcome> outcomes = writers.parallelStream().map(w -> {
            try {
                return new Outcome(w.write(), null);
            } catch (IOException | RuntimeException e) {
                return new Outcome(null, e);
            }
        }).toList();
        List<Path> written = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.failure() instanceof IOException e) {
                throw e;
            }
            if (o.failure() instanceof RuntimeException e) {
                throw e;
            }
            written.add(o.path());
        }
        return written;
    }

    private record Outcome(Path path, Exception failure) {
    }

    @FunctionalInterface
    private interface FileWriter {
        Path write() throws IOException;
    }

    private static Map<String, ProtectedTable> checkNames(List<ProtectedTable> tables, List<ChartSpec> charts) {
        Map<String, ProtectedTable> byName = new HashMap<>();
        for (ProtectedTable t : tables) {
            String n = t.source().name();
            if (n == null || !SAFE_NAME.matcher(n).matches()) {
                throw new IllegalArgumentException("table name '" + n + "' cannot be a file name; use letters, digits, '_', '-', '.'");
            }
            if (byName.put(n.toLowerCase(java.util.Locale.ROOT), t) != null) {
                throw new IllegalArgumentException("two tables are named '" + n + "'; table names must be unique in a package");
            }
        }
        Set<String> chartNames = new HashSet<>();
        Map<String, ProtectedTable> exact = new HashMap<>();
        for (ProtectedTable t : tables) {
            exact.put(t.source().name(), t);
        }
        for (ChartSpec c : charts) {
            if (!SAFE_NAME.matcher(c.name()).matches()) {
                throw new IllegalArgumentException("chart name '" + c.name() + "' cannot be a file name; use letters, digits, '_', '-', '.'");
            }
            if (!chartNames.add(c.name().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("two charts are named '" + c.name() + "'; chart names must be unique in a package");
            }
            if (!exact.containsKey(c.table())) {
                throw new IllegalArgumentException("chart " + c.name() + " draws table '" + c.table()
                        + "', which is not in this package; tables: " + exact.keySet().stream().sorted().toList());
            }
        }
        return exact;
    }

    private static void prepare(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("package folder " + dir + " is a file, not a folder");
        }
        Files.createDirectories(dir);
        List<String> entries = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> entries.add(p.getFileName().toString()));
        }
        if (!entries.isEmpty()) {
            entries.sort(null);
            throw new IllegalArgumentException("package folder " + dir + " is not empty (it holds " + entries
                    + "); a package is written into a new or empty folder, and nothing in it is ever removed");
        }
    }
}
