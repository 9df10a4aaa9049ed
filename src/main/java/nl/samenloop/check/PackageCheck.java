package nl.samenloop.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import nl.samenloop.disclosure.AuditFiles;
import nl.samenloop.disclosure.PackageRecheck;
import nl.samenloop.disclosure.Profile;
import nl.samenloop.disclosure.Status;
import nl.samenloop.link.Geography;
import nl.samenloop.publish.OutputCheck;
import nl.samenloop.register.RegisterLocation;
import nl.samenloop.register.ReleaseRegister;

/**
 * The output checker's own verdict on a package ({@code samenloop audit PACKAGE}): nothing the package says about
 * itself is taken on trust. It checks
 * <ol>
 *   <li>the checksums of {@code output-check.md}: every file listed matches, every file present is listed;</li>
 *   <li>every row of every {@code tables/<t>.csv} against {@code audit/cells.csv} (numerator, denominator, status),
 *       shares recomputed from numerator and denominator, the released rows per status against the output check's
 *       tally (a removed row), and every shown count of {@code audit/cells.csv} against some table row;</li>
 *   <li>every cell of every {@code tables/<t>.xlsx} against the tidy CSV (a number filled in only there);</li>
 *   <li>the relations the tables imply (municipalities → region → Netherlands, pools → periods, numerator →
 *       denominator where the table states it once) against {@code audit/relations.csv} ({@link DerivedRelations});</li>
 *   <li>the interval audit, re-solved by an independent LP solver ({@link PackageRecheck}) with the threshold, zero
 *       rule and rounding the package states;</li>
 *   <li>optionally, that the release register holds this exact manifest.</li>
 * </ol>
 * Each finding is one line naming the file and the cell; no finding prints a number of the tables (spec
 * disclosure.md: never a suppressed count, in no file or log line), only names, codes and positions.
 */
public final class PackageCheck {

    /** PASS or FAIL, the findings, and what was checked. {@code release} is null when no register was asked. */
    public record Result(String verdict, List<String> findings, int suppressedChecked, Manifest.Rules profile,
                         String release, List<String> notes) {
        public boolean passed() {
            return "PASS".equals(verdict);
        }
    }

    private final Path pkg;
    private final List<String> findings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private PackageCheck(Path pkg) {
        this.pkg = pkg;
    }

    /** Checks the package; {@code register} (null: not asked) says where to look up the release. */
    public static Result check(Path pkg, RegisterLocation register) {
        return new PackageCheck(pkg).run(register);
    }

    private Result run(RegisterLocation register) {
        Manifest manifest = manifest();
        Manifest.Rules rules = manifest == null ? new Manifest.Rules(null, null, null, null) : manifest.profile();
        if (manifest != null) {
            checksums(manifest);
            if (rules.threshold() == null) {
                findings.add(OutputCheck.FILE + " rules: no threshold stated; re-checked against "
                        + Profile.cbsMicrodata().threshold());
            }
        }
        int threshold = rules.threshold() == null ? Profile.cbsMicrodata().threshold() : rules.threshold();
        Map<String, Map<String, AuditCell>> cells = auditCells();
        Map<String, PublishedTable> tables = tables();
        Map<String, Workbook> books = new TreeMap<>();
        for (PublishedTable t : tables.values()) {
            findings.addAll(t.problems());
            Workbook wb = Workbook.read(pkg, t.name(), findings);
            if (wb != null) {
                books.put(t.name(), wb);
                wb.compare(t, findings);
            }
        }
        if (cells != null) {
            for (String t : cells.keySet()) {
                if (!tables.containsKey(t)) {
                    findings.add("audit/cells.csv table " + t + ": no tables/" + t + ".csv in the package");
                }
            }
            new TableCheck(findings, cells, rules).check(tables, books, manifest);
            findings.addAll(DerivedRelations.check(pkg.resolve("audit").resolve("relations.csv"), tables, books));
        }
        int checked = 0;
        if (cells != null) {
            try {
                PackageRecheck.Result r = PackageRecheck.recheck(pkg, threshold);
                checked = r.checked();
                r.failures().forEach(f -> findings.add("audit/cells.csv + audit/relations.csv " + f));
                notes.addAll(r.notes());
            } catch (RuntimeException e) {
                findings.add("audit/: the interval audit cannot be re-run: " + e.getMessage());
            }
        }
        String release = null;
        if (register != null && manifest != null) {
            release = release(register, manifest);
        }
        return new Result(findings.isEmpty() ? "PASS" : "FAIL", List.copyOf(findings), checked, rules, release,
                List.copyOf(notes));
    }

    private Manifest manifest() {
        Path f = pkg.resolve(OutputCheck.FILE);
        if (!Files.isRegularFile(f)) {
            findings.add(OutputCheck.FILE + ": missing; the package has no manifest, checksums or stated rules");
            return null;
        }
        try {
            return Manifest.parse(Files.readString(f, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    private void checksums(Manifest m) {
        if (m.checksums().isEmpty()) {
            findings.add(OutputCheck.FILE + " checksums: none listed");
        }
        Set<String> present = new HashSet<>();
        try (Stream<Path> s = Files.walk(pkg)) {
            s.filter(Files::isRegularFile).forEach(p -> present.add(pkg.relativize(p).toString().replace('\\', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + pkg, e);
        }
        present.remove(OutputCheck.FILE);
        for (Map.Entry<String, String> e : m.checksums().entrySet()) {
            Path f = pkg.resolve(e.getKey()).normalize();
            if (!f.startsWith(pkg.normalize()) || !present.contains(e.getKey())) {
                findings.add(e.getKey() + ": listed in " + OutputCheck.FILE + " but missing from the package");
                continue;
            }
            try {
                if (!OutputCheck.sha256(f).equals(e.getValue())) {
                    findings.add(e.getKey() + ": SHA-256 differs from the one listed in " + OutputCheck.FILE
                            + " (the file was changed after the package was written)");
                }
            } catch (IOException ex) {
                findings.add(e.getKey() + ": cannot be read (" + ex.getMessage() + ")");
            }
        }
        present.stream().sorted().filter(p -> !m.checksums().containsKey(p))
                .forEach(p -> findings.add(p + ": not listed in the checksums of " + OutputCheck.FILE));
    }

    /** audit/cells.csv by table, then by {@code name|geo|period}; null (with a finding) when unreadable. */
    private Map<String, Map<String, AuditCell>> auditCells() {
        Path f = pkg.resolve("audit").resolve("cells.csv");
        if (!Files.isRegularFile(f)) {
            findings.add("audit/cells.csv: missing");
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(AuditFiles.CELLS_HEADER)) {
            findings.add("audit/cells.csv line 1: header is not " + AuditFiles.CELLS_HEADER);
            return null;
        }
        Map<String, Map<String, AuditCell>> out = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> c = PublishedTable.split(lines.get(i));
            if (c.size() != 9) {
                findings.add("audit/cells.csv line " + (i + 1) + ": expected 9 fields, found " + c.size());
                continue;
            }
            AuditCell cell = new AuditCell(i + 1, c.get(0), c.get(1) + "|" + c.get(2) + "|" + c.get(3), c.get(4), c.get(5),
                    c.get(6));
            out.computeIfAbsent(c.get(0), k -> new LinkedHashMap<>()).put(cell.ref(), cell);
        }
        return out;
    }

    private Map<String, PublishedTable> tables() {
        Map<String, PublishedTable> out = new TreeMap<>();
        Path dir = pkg.resolve("tables");
        if (!Files.isDirectory(dir)) {
            findings.add("tables/: missing");
            return out;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                PublishedTable t = PublishedTable.read(p, "tables/" + p.getFileName());
                out.put(t.name(), t);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return out;
    }

    private String release(RegisterLocation where, Manifest m) {
        try (ReleaseRegister reg = ReleaseRegister.open(where)) {
            var r = reg.releaseOfManifest(m.sha256());
            if (r.isEmpty()) {
                findings.add(OutputCheck.FILE + ": the release register " + where.display()
                        + " holds no release with this manifest (SHA-256 " + m.sha256() + "): this exact package was not"
                        + " released");
                return null;
            }
            return "release " + r.get().id() + " (" + r.get().job() + ", " + r.get().created() + ") in " + where.display();
        }
    }

    /** One line of audit/cells.csv. */
    record AuditCell(int line, String table, String ref, String status, String rule, String value) {
        boolean shown() {
            return !".".equals(value);
        }
    }

    /** Rows of the tidy CSVs against audit/cells.csv, the output check's tally and the profile. */
    private static final class TableCheck {
        private final List<String> findings;
        private final Map<String, Map<String, AuditCell>> cells;
        private final Manifest.Rules rules;

        TableCheck(List<String> findings, Map<String, Map<String, AuditCell>> cells, Manifest.Rules rules) {
            this.findings = findings;
            this.cells = cells;
            this.rules = rules;
        }

        void check(Map<String, PublishedTable> tables, Map<String, Workbook> books, Manifest manifest) {
            for (PublishedTable t : tables.values()) {
                Map<String, AuditCell> audit = cells.getOrDefault(t.name(), Map.of());
                if (audit.isEmpty()) {
                    findings.add(t.file() + ": audit/cells.csv lists no count of table " + t.name());
                    continue;
                }
                Workbook wb = books.get(t.name());
                Set<String> covered = new HashSet<>();
                Map<String, Integer> tally = new TreeMap<>();
                for (PublishedTable.Row r : t.rows()) {
                    tally.merge(r.status(), 1, Integer::sum);
                    row(t, r, wb, audit, covered);
                }
                shares(t, wb);
                if (manifest != null) {
                    Map<String, Integer> declared = manifest.rowTally().get(t.name());
                    if (declared == null) {
                        findings.add(OutputCheck.FILE + ": no section for table " + t.name());
                    } else {
                        for (String s : new java.util.TreeSet<>(union(declared.keySet(), tally.keySet()))) {
                            int want = declared.getOrDefault(s, 0);
                            int got = tally.getOrDefault(s, 0);
                            if (want != got) {
                                findings.add(t.file() + " status " + s + ": " + got + " rows, but " + OutputCheck.FILE
                                        + " declares " + want + (got < want ? " (a row was removed or its status changed)"
                                        : " (a row was added or its status changed)"));
                            }
                        }
                    }
                }
                if (wb != null) {
                    for (AuditCell c : audit.values()) {
                        // Rest rows (REST-<total>: a total minus its released parts) are audit-only counts.
                        if (c.shown() && !covered.contains(c.ref()) && !c.ref().contains("|" + Geography.REST)) {
                            findings.add("audit/cells.csv line " + c.line() + " (" + c.ref() + "): a shown count that no row"
                                    + " of " + t.file() + " prints (a row was removed)");
                        }
                    }
                }
                profileRules(t, audit);
            }
        }

        private void row(PublishedTable t, PublishedTable.Row r, Workbook wb, Map<String, AuditCell> audit,
                         Set<String> covered) {
            String where = r.where(t.file());
            Status status;
            try {
                status = Status.valueOf(r.status());
            } catch (IllegalArgumentException e) {
                findings.add(where + " column status: unknown status '" + r.status() + "'");
                return;
            }
            if (!status.shown() && !".".equals(r.value())) {
                findings.add(where + " column value: shows a number although its status is " + status);
            }
            if (status.shown() && ".".equals(r.value()) && !".".equals(r.numerator()) && !".".equals(r.denominator())) {
                findings.add(where + " column value: '.' although its status is " + status);
            }
            if (status == Status.ROUNDED && rules.roundTo() == null && rules.roundingText() != null) {
                findings.add(where + " column status: ROUNDED, but " + OutputCheck.FILE + " says rounding is off");
            }
            String[] names = wb == null ? null : wb.countNames().get(r.measure());
            if (names == null) {
                if (wb != null) {
                    findings.add(where + ": measure " + r.measure() + " has no sheet in " + wb.file());
                }
                return;
            }
            count(where, "numerator", r.numerator(), names[0] + "|" + r.geo() + "|" + r.period(), status, audit, covered);
            count(where, "denominator", r.denominator(), names[1] + "|" + r.geo() + "|" + r.period(), status, audit,
                    covered);
        }

        private void count(String where, String column, String printed, String ref, Status rowStatus,
                           Map<String, AuditCell> audit, Set<String> covered) {
            AuditCell c = audit.get(ref);
            if (c == null) {
                if (!".".equals(printed) || rowStatus.shown()) {
                    findings.add(where + " column " + column + ": audit/cells.csv has no count " + ref);
                }
                return;
            }
            covered.add(ref);
            if (!c.shown()) {
                if (!".".equals(printed)) {
                    findings.add(where + " column " + column + ": shows a number where audit/cells.csv line " + c.line()
                            + " has '.' (" + c.status() + ")");
                }
                if (rowStatus.shown()) {
                    findings.add(where + " column status: " + rowStatus + ", but the row rests on count " + ref
                            + ", which is " + c.status() + " in audit/cells.csv line " + c.line());
                }
            } else if (".".equals(printed)) {
                if (rowStatus.shown()) {
                    findings.add(where + " column " + column + ": prints '.' where audit/cells.csv line " + c.line()
                            + " shows the count");
                }
            } else if (!printed.equals(c.value())) {
                findings.add(where + " column " + column + ": differs from audit/cells.csv line " + c.line() + " ("
                        + ref + ")");
            }
        }

        /**
         * A measure is a share when its shown values are 100 × numerator / denominator, rounded half up to one
         * decimal as {@code PublishedRow} does; then every shown row must be. Derived measures (a deviation, a
         * difference) match on no row and are left to the comparison with audit/cells.csv.
         */
        private void shares(PublishedTable t, Workbook wb) {
            Map<String, List<PublishedTable.Row>> byMeasure = new LinkedHashMap<>();
            t.rows().forEach(r -> byMeasure.computeIfAbsent(r.measure(), k -> new ArrayList<>()).add(r));
            for (List<PublishedTable.Row> rows : byMeasure.values()) {
                List<PublishedTable.Row> safe = new ArrayList<>();
                int match = 0;
                for (PublishedTable.Row r : rows) {
                    BigDecimal want = share(r.numerator(), r.denominator());
                    if ("SAFE".equals(r.status()) && want != null && !".".equals(r.value())) {
                        safe.add(r);
                        if (same(r.value(), want)) {
                            match++;
                        }
                    }
                }
                if (match == 0 || 2 * match < safe.size()) {
                    continue;
                }
                for (PublishedTable.Row r : safe) {
                    if (!same(r.value(), share(r.numerator(), r.denominator()))) {
                        findings.add(r.where(t.file()) + " column value: is not 100 × numerator / denominator");
                    }
                }
                if (rules.roundTo() != null) {
                    double h = rules.roundTo() / 2.0;
                    for (PublishedTable.Row r : rows) {
                        if (!"ROUNDED".equals(r.status()) || ".".equals(r.value()) || share(r.numerator(), r.denominator()) == null) {
                            continue;
                        }
                        double n = Double.parseDouble(r.numerator());
                        double d = Double.parseDouble(r.denominator());
                        double v;
                        try {
                            v = Double.parseDouble(r.value());
                        } catch (NumberFormatException e) {
                            findings.add(r.where(t.file()) + " column value: not a number");
                            continue;
                        }
                        double lo = 100.0 * Math.max(0, n - h) / (d + h) - 0.05;
                        double hi = d - h <= 0 ? Double.POSITIVE_INFINITY : 100.0 * (n + h) / (d - h) + 0.05;
                        if (v < lo || v > hi) {
                            findings.add(r.where(t.file()) + " column value: cannot come from counts that round to the"
                                    + " numerator and denominator shown");
                        }
                    }
                }
            }
        }

        private static BigDecimal share(String num, String den) {
            try {
                long n = Long.parseLong(num);
                long d = Long.parseLong(den);
                return d == 0 ? null : BigDecimal.valueOf(100.0 * n / d).setScale(1, RoundingMode.HALF_UP);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static boolean same(String printed, BigDecimal want) {
            try {
                return new BigDecimal(printed).compareTo(want) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        /** The zero rule and the rounding the package states, applied to every count it shows. */
        private void profileRules(PublishedTable t, Map<String, AuditCell> audit) {
            for (AuditCell c : audit.values()) {
                if (!c.shown()) {
                    continue;
                }
                String where = "audit/cells.csv line " + c.line() + " (" + c.ref() + ")";
                if (Boolean.FALSE.equals(rules.zeroIsSafe()) && "0".equals(c.value())) {
                    findings.add(where + ": a zero is shown although " + OutputCheck.FILE + " says zero cells are unsafe");
                }
                if ("ROUNDED".equals(c.status())) {
                    if (rules.roundTo() == null) {
                        if (rules.roundingText() != null) {
                            findings.add(where + ": ROUNDED, but " + OutputCheck.FILE + " says rounding is off");
                        }
                    } else if (!("ROUND_" + rules.roundTo()).equals(c.rule()) && !"ROUND".equals(c.rule())
                            || !multipleOf(c.value(), rules.roundTo())) {
                        findings.add(where + ": not rounded to a multiple of " + rules.roundTo() + " as "
                                + OutputCheck.FILE + " states");
                    }
                }
            }
        }

        private static boolean multipleOf(String v, int b) {
            try {
                return Long.parseLong(v) % b == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> u = new HashSet<>(a);
            u.addAll(b);
            return u;
        }
    }
}
