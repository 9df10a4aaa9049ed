package nl.samenloop.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
 * <p>A package folder is never silently mixed with another package: the folder must be new or empty,
 * or hold the same package (same job and created stamp, read from its output check), or the caller
 * must ask to overwrite. Overwriting removes only the package's own parts (tables/, charts/, audit/,
 * output-check.md); a folder holding anything else is refused either way, so a wrong path cannot wipe
 * unrelated files.
 */
public final class PackageWriter {
    /** The entries a package folder may hold (spec disclosure.md, "Package contents"). */
    static final Set<String> PACKAGE_ENTRIES = Set.of("tables", "charts", "audit", OutputCheck.FILE);
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private PackageWriter() {
    }

    public static List<Path> write(Path packageDir, PackageInfo info, List<ProtectedTable> tables, List<ChartSpec> charts)
            throws IOException {
        return write(packageDir, info, tables, charts, false);
    }

    /** Returns the files written, in the order written. */
    public static List<Path> write(Path packageDir, PackageInfo info, List<ProtectedTable> tables, List<ChartSpec> charts,
                                   boolean overwrite) throws IOException {
        Map<String, ProtectedTable> byName = checkNames(tables, charts);
        prepare(packageDir, info, overwrite);

        List<Path> written = new ArrayList<>();
        Path tablesDir = packageDir.resolve("tables");
        for (ProtectedTable t : tables) {
            written.add(TidyCsvWriter.write(tablesDir, t));
            written.add(XlsxWriter.write(tablesDir, t, info));
        }
        Path chartsDir = packageDir.resolve("charts");
        for (ChartSpec c : charts) {
            written.add(ChartWriter.write(chartsDir, byName.get(c.table()), c));
        }
        return written;
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

    private static void prepare(Path dir, PackageInfo info, boolean overwrite) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("package folder " + dir + " is a file, not a folder");
        }
        Files.createDirectories(dir);
        List<String> entries = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> entries.add(p.getFileName().toString()));
        }
        if (entries.isEmpty()) {
            return;
        }
        List<String> foreign = entries.stream().filter(e -> !PACKAGE_ENTRIES.contains(e)).sorted().toList();
        if (!foreign.isEmpty()) {
            throw new IllegalArgumentException("folder " + dir + " is not a package folder: it holds " + foreign
                    + "; write the package to a new or empty folder");
        }
        String held = heldPackage(dir);
        boolean same = OutputCheck.marker(info).equals(held);
        if (!same && !overwrite) {
            String what = held == null ? "an unfinished package (no " + OutputCheck.FILE + ")"
                    : "another package (" + held.replace(OutputCheck.MARKER_PREFIX, "job=").replace(" -->", "") + ")";
            throw new IllegalArgumentException("package folder " + dir + " already holds " + what
                    + "; choose another folder or ask to overwrite it");
        }
        // The same package is rewritten in full; on overwrite the other package's audit goes too.
        for (String e : entries) {
            if (same && e.equals("audit")) {
                continue;
            }
            deleteTree(dir.resolve(e));
        }
    }

    /**
     * Removes a package this run wrote but may not release (the register changed before it could be recorded):
     * the package entries Samenloop writes, nothing else.
     */
    public static void withdraw(Path dir) {
        try {
            for (String e : PACKAGE_ENTRIES) {
                deleteTree(dir.resolve(e));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot withdraw the package " + dir + "; remove it by hand before anything leaves", e);
        }
    }

    private static String heldPackage(Path dir) throws IOException {
        Path check = dir.resolve(OutputCheck.FILE);
        if (!Files.isRegularFile(check)) {
            return null;
        }
        try (Stream<String> lines = Files.lines(check, StandardCharsets.UTF_8)) {
            return lines.findFirst().filter(l -> l.startsWith(OutputCheck.MARKER_PREFIX)).orElse("");
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(p)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path x : all) {
            Files.delete(x);
        }
    }
}
