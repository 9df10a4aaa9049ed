package nl.samenloop.disclosure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;

/**
 * Re-runs the audit of a written package from its public files only ({@code audit/cells.csv} and
 * {@code audit/relations.csv}), as an output checker would: published counts are fixed at their published
 * values, everything else in a relation is an unknown ≥ 0, and a ROUNDED count ({@code rule ROUND_b}) lies
 * within b/2 of its published value. Every PRIMARY/SECONDARY count must come out with an interval at least
 * T wide, and the interval must contain the one the engine recorded (a recorded interval a reader can beat
 * would be a false claim). The programs are solved by {@link IndependentAudit} (ojAlgo), never by the production
 * solver that recorded the intervals, so a bug in either shows as a disagreement. Part of
 * {@code samenloop audit PACKAGE} ({@code nl.samenloop.check.PackageCheck}), which also compares the tables with
 * these files and reads the threshold from the package.
 */
public final class PackageRecheck {

    /** The outcome: PASS or FAIL, how many suppressed counts were checked, and why it failed (no values). */
    public record Result(String verdict, int checked, double narrowestWidth, List<String> failures, List<String> notes) {
        public boolean passed() {
            return "PASS".equals(verdict);
        }
    }

    private PackageRecheck() {
    }

    /** Checks against the default threshold of profile {@code cbs-microdata} (T = 10). */
    public static Result recheck(Path packageDir) {
        return recheck(packageDir, Profile.cbsMicrodata().threshold());
    }

    public static Result recheck(Path packageDir, int threshold) {
        Path cellsFile = packageDir.resolve("audit").resolve("cells.csv");
        Path relFile = packageDir.resolve("audit").resolve("relations.csv");
        Map<String, TableFacts> tables = new LinkedHashMap<>();
        List<String> cells = read(cellsFile, AuditFiles.CELLS_HEADER);
        for (int i = 1; i < cells.size(); i++) {
            List<String> c = columns(cellsFile, cells, i, 9);
            TableFacts t = tables.computeIfAbsent(c.get(0), k -> new TableFacts());
            CountRef r = new CountRef(c.get(1), c.get(2), c.get(3));
            Status s = parseStatus(cellsFile, i, c.get(4));
            String value = c.get(6);
            t.listed.put(r, ".".equals(value) ? "hidden" : s + ":" + value);
            try {
                if (s == Status.SAFE && !".".equals(value)) {
                    t.published.put(r, Double.parseDouble(value));
                } else if (s == Status.ROUNDED) {
                    double v = Double.parseDouble(value);
                    double half = Integer.parseInt(c.get(5).substring("ROUND_".length())) / 2.0;
                    t.boxes.put(r, new double[] {Math.max(0, v - half), v + half});
                } else if (s == Status.PRIMARY || s == Status.SECONDARY) {
                    if (!".".equals(value)) {
                        t.failures.add(cellsFile + " row " + (i + 1) + ": suppressed count " + r + " shows a value");
                    }
                    t.recorded.put(r, new double[] {parse(c.get(7)), parse(c.get(8))});
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(cellsFile + " row " + (i + 1)
                        + ": unreadable value, rule or audit interval", e);
            }
        }
        List<String> rels = read(relFile, AuditFiles.RELATIONS_HEADER);
        for (int i = 1; i < rels.size(); i++) {
            List<String> c = columns(relFile, rels, i, 4);
            TableFacts t = tables.computeIfAbsent(c.get(0), k -> new TableFacts());
            List<CountRef> parts = new ArrayList<>();
            for (String p : c.get(3).split(";")) {
                parts.add(ref(relFile, i, p));
            }
            Relation.Type type;
            try {
                type = Relation.Type.valueOf(c.get(1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(relFile + " row " + (i + 1) + " column type: '" + c.get(1)
                        + "'; allowed: SUM, AT_MOST");
            }
            t.relations.add(new Relation(type, ref(relFile, i, c.get(2)), parts));
        }

        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int checked = 0;
        double narrowest = Double.POSITIVE_INFINITY;
        for (List<String> group : pooledGroups(tables)) {
            TableFacts pooled = pool(group, tables);
            String label = String.join("+", group);
            // Solved by ojAlgo, not by the production Audit/BoundsProgram that recorded the intervals.
            IndependentAudit audit = new IndependentAudit(pooled.relations, pooled.published, pooled.boxes);
            Map<CountRef, Interval> iv;
            try {
                iv = audit.intervals(pooled.recorded.keySet());
            } catch (IllegalStateException | IllegalArgumentException e) {
                failures.add("tables " + label + ": the audit cannot be re-run: " + e.getMessage());
                continue;
            }
            for (String name : group) {
                TableFacts t = tables.get(name);
                failures.addAll(t.failures);
                for (Map.Entry<CountRef, double[]> rec : t.recorded.entrySet()) {
                    CountRef r = rec.getKey();
                    Interval got = iv.get(r);
                    checked++;
                    narrowest = Math.min(narrowest, got.width());
                    if (!got.atLeast(threshold)) {
                        failures.add("table " + name + ": count " + r.name() + " for " + r.geoCode() + " in period "
                                + r.period() + " can be bounded to an interval narrower than " + threshold);
                    }
                    if (got.lower() > rec.getValue()[0] || got.upper() < rec.getValue()[1]) {
                        failures.add("table " + name + ": count " + r + ": recomputed interval " + got
                                + " is narrower than the recorded one");
                    } else if (pooled.boxes.isEmpty()
                            && (got.lower() < rec.getValue()[0] || got.upper() > rec.getValue()[1])) {
                        // Safe for the reader of this package, so a note, not a failure: the engine may know more
                        // than the package shows (counts earlier releases of the same data published, from the
                        // register), which narrows its intervals; with rounded counts it audits against their
                        // unrounded values. Without either, a note here means one of the two solvers is wrong.
                        notes.add("table " + name + ": count " + r + ": the package records interval "
                                + new Interval(rec.getValue()[0], rec.getValue()[1]) + ", the independent solver finds "
                                + got + " from this package alone (wider: earlier releases or a solver differ)");
                    }
                }
            }
        }
        return new Result(failures.isEmpty() ? "PASS" : "FAIL", checked, narrowest, failures, notes);
    }

    /**
     * A reader combines tables: tables that mention the same count reference are audited as one problem, as
     * {@link Disclosure} protected them — a count hidden in one table and published in another is then known
     * (that is the leak this must catch). Only when two tables publish different values under one reference
     * do they demonstrably describe different populations; those are audited on their own.
     */
    private static List<List<String>> pooledGroups(Map<String, TableFacts> tables) {
        Map<String, String> parent = new LinkedHashMap<>();
        tables.keySet().forEach(n -> parent.put(n, n));
        Map<CountRef, String> owner = new HashMap<>();
        Map<CountRef, String> state = new HashMap<>();
        java.util.Set<CountRef> conflicting = new java.util.HashSet<>();
        for (Map.Entry<String, TableFacts> e : tables.entrySet()) {
            for (CountRef r : e.getValue().mentioned()) {
                String st = e.getValue().state(r);
                if (!"hidden".equals(st)) {
                    String old = state.putIfAbsent(r, st);
                    if (old != null && !old.equals(st)) {
                        conflicting.add(r);
                    }
                }
                owner.putIfAbsent(r, e.getKey());
            }
        }
        for (Map.Entry<String, TableFacts> e : tables.entrySet()) {
            for (CountRef r : e.getValue().mentioned()) {
                if (!conflicting.contains(r)) {
                    parent.put(root(parent, e.getKey()), root(parent, owner.get(r)));
                }
            }
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String n : tables.keySet()) {
            groups.computeIfAbsent(root(parent, n), k -> new ArrayList<>()).add(n);
        }
        List<List<String>> out = new ArrayList<>();
        for (List<String> g : groups.values()) {
            // A group linked through agreeing counts may still disagree on another one: then each on its own.
            boolean clean = g.stream().flatMap(n -> tables.get(n).mentioned().stream()).noneMatch(conflicting::contains);
            if (clean || g.size() == 1) {
                out.add(g);
            } else {
                g.forEach(n -> out.add(List.of(n)));
            }
        }
        return out;
    }

    private static String root(Map<String, String> parent, String n) {
        while (!parent.get(n).equals(n)) {
            n = parent.get(n);
        }
        return n;
    }

    private static TableFacts pool(List<String> group, Map<String, TableFacts> tables) {
        if (group.size() == 1) {
            return tables.get(group.get(0));
        }
        TableFacts p = new TableFacts();
        java.util.Set<Relation> rels = new java.util.LinkedHashSet<>();
        for (String n : group) {
            TableFacts t = tables.get(n);
            p.published.putAll(t.published);
            p.boxes.putAll(t.boxes);
            p.recorded.putAll(t.recorded);
            rels.addAll(t.relations);
        }
        p.relations.addAll(rels);
        return p;
    }

    private static final class TableFacts {
        final Map<CountRef, Double> published = new HashMap<>();
        final Map<CountRef, double[]> boxes = new HashMap<>();
        final Map<CountRef, double[]> recorded = new LinkedHashMap<>();
        final List<Relation> relations = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        /** Status and published value of every count listed in cells.csv. */
        final Map<CountRef, String> listed = new HashMap<>();

        /** Every count this table lists or uses in a relation. */
        java.util.Set<CountRef> mentioned() {
            java.util.Set<CountRef> m = new java.util.HashSet<>(listed.keySet());
            for (Relation r : relations) {
                m.add(r.total());
                m.addAll(r.parts());
            }
            return m;
        }

        /** What a reader sees of a count: its published value, or that it is hidden. */
        String state(CountRef r) {
            return listed.getOrDefault(r, "hidden");
        }
    }

    private static double parse(String s) {
        return "inf".equals(s) ? Double.POSITIVE_INFINITY : Double.parseDouble(s);
    }

    private static Status parseStatus(Path f, int i, String s) {
        try {
            return Status.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(f + " row " + (i + 1) + " column status: unknown status '" + s + "'");
        }
    }

    private static CountRef ref(Path f, int i, String s) {
        String[] p = s.split("\\|", -1);
        if (p.length != 3) {
            throw new IllegalArgumentException(f + " row " + (i + 1) + ": count reference '" + s
                    + "' is not name|geo|period");
        }
        return new CountRef(p[0], p[1], p[2]);
    }

    private static List<String> read(Path f, String header) {
        if (!Files.exists(f)) {
            throw new IllegalArgumentException("audit file missing: " + f);
        }
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(f, StandardCharsets.UTF_8));
            lines.removeIf(String::isBlank);
            if (lines.isEmpty() || !lines.get(0).equals(header)) {
                throw new IllegalArgumentException(f + " row 1: expected header " + header);
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
    }

    private static List<String> columns(Path f, List<String> lines, int i, int n) {
        List<String> c = Csv.split(lines.get(i));
        if (c.size() != n) {
            throw new IllegalArgumentException(f + " row " + (i + 1) + ": expected " + n + " columns, found " + c.size());
        }
        return c;
    }
}
