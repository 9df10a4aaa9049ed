package nl.samenloop.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

/**
 * Attacks on protected random tables. The attacker's linear program is written here, independently of
 * {@link Audit}: every count of the table is a variable (no substitution, no components), each published
 * count is pinned by an equality, every relation is a constraint, all counts are ≥ 0. For each suppressed
 * count it minimises and maximises; after rounding the bounds inwards to whole numbers (counts are
 * integers) the interval must still be at least T = 10 wide.
 */
class AttackProperties {
    static final int T = 10;
    final Profile profile = Profile.cbsMicrodata();

    @Property(tries = 25)
    void noSuppressedCountCanBeNarrowedBelowT(@ForAll long seed) {
        CellTable table = RandomTables.generate(seed);
        ProtectedTable t = Disclosure.protect(table, profile, null);
        Attacker a = new Attacker(table, t);
        for (Decision d : t.decisions().values()) {
            if (d.status() == Status.PRIMARY || d.status() == Status.SECONDARY) {
                double lo = Math.ceil(a.optimum(d.ref(), GoalType.MINIMIZE) - 1e-6);
                double hi = Math.floor(a.optimum(d.ref(), GoalType.MAXIMIZE) + 1e-6);
                assertTrue(hi - lo >= T, "seed " + seed + ": " + d.ref() + " narrowed to [" + lo + ", " + hi + "]");
                // The engine's recorded interval is what the attacker finds.
                assertEquals(lo, d.auditLower(), 1e-6, d.ref().toString());
                assertEquals(hi, d.auditUpper(), 1e-6, d.ref().toString());
            }
        }
    }

    @Property(tries = 40)
    void noPublishedRowShowsASuppressedCount(@ForAll long seed) {
        CellTable table = RandomTables.generate(seed);
        ProtectedTable t = Disclosure.protect(table, profile, null);
        long releasedRows = table.cells().stream().filter(Cell::released).count();
        assertEquals(releasedRows, t.rows().size());
        for (ProtectedCell row : t.rows()) {
            Cell c = row.cell();
            assertTrue(c.released());
            boolean allShown = c.refs().stream().allMatch(r -> t.decisions().get(r).status().shown());
            if (!allShown) {
                assertNull(row.numerator(), c.toString());
                assertNull(row.denominator(), c.toString());
                assertNull(row.value(), c.toString());
                assertTrue(!row.status().shown());
            } else {
                assertEquals(t.decisions().get(c.numeratorRef()).shownValue(), row.numerator());
                assertEquals(t.decisions().get(c.denominatorRef()).shownValue(), row.denominator());
                assertEquals(Status.SAFE, row.status());
            }
            // Every count a primary rule flags is suppressed, never shown.
            if (c.numerator().persons() < T) {
                assertNull(row.numerator());
            }
        }
        for (Decision d : t.decisions().values()) {
            assertEquals(d.shownValue() != null, d.status().shown() && !TableProtector.UNRELEASED.equals(d.rule()));
        }
    }

    @Property(tries = 20)
    void sameInputGivesTheSamePattern(@ForAll long seed) {
        ProtectedTable one = Disclosure.protect(RandomTables.generate(seed), profile, null);
        ProtectedTable two = Disclosure.protect(RandomTables.generate(seed), profile, null);
        assertEquals(one.decisions(), two.decisions());
        assertEquals(one.rows(), two.rows());
    }

    /** The package's own recheck, from the written audit files only, agrees with the engine. */
    @Property(tries = 15)
    void recheckOfTheWrittenPackagePasses(@ForAll long seed) throws Exception {
        ProtectedTable t = Disclosure.protect(RandomTables.generate(seed), profile, null);
        java.nio.file.Path pkg = java.nio.file.Files.createTempDirectory("recheck");
        try {
            AuditFiles.write(pkg, List.of(t));
            PackageRecheck.Result r = PackageRecheck.recheck(pkg);
            assertTrue(r.passed(), r.failures().toString());
            long suppressed = t.decisions().values().stream()
                    .filter(d -> d.status() == Status.PRIMARY || d.status() == Status.SECONDARY).count();
            assertEquals(suppressed, r.checked());
        } finally {
            try (var files = java.nio.file.Files.walk(pkg)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The attacker: all counts as variables, published ones pinned. */
    static final class Attacker {
        final Map<CountRef, Integer> index = new HashMap<>();
        final List<LinearConstraint> constraints = new ArrayList<>();

        Attacker(CellTable table, ProtectedTable t) {
            for (Cell c : table.cells()) {
                for (CountRef r : c.refs()) {
                    index.putIfAbsent(r, index.size());
                }
            }
            int n = index.size();
            for (Relation r : table.relations()) {
                double[] a = new double[n];
                a[index.get(r.total())] -= 1;
                for (CountRef p : r.parts()) {
                    a[index.get(p)] += 1;
                }
                constraints.add(new LinearConstraint(a, r.type() == Relation.Type.SUM ? Relationship.EQ : Relationship.LEQ, 0));
            }
            for (Decision d : t.decisions().values()) {
                if (d.shownValue() != null) {
                    double[] a = new double[n];
                    a[index.get(d.ref())] = 1;
                    constraints.add(new LinearConstraint(a, Relationship.EQ, d.shownValue()));
                }
            }
        }

        double optimum(CountRef r, GoalType goal) {
            return ReferenceLp.optimum(constraints, index.size(), index.get(r), goal);
        }
    }

    /**
     * Tables of different indicators are independent problems: the package's decisions are exactly those of
     * protecting each table on its own.
     */
    @Property(tries = 5)
    void independentTablesGetTheDecisionsTheyGetAlone(@ForAll long seed) {
        List<CellTable> tables = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            CellTable t = RandomTables.generate(seed + k);
            tables.add(new CellTable(t.name() + k, "I" + k, t.title(), t.cells(), t.relations(), t.notes()));
        }
        List<ProtectedTable> together = Disclosure.protect(tables, profile, null);
        for (int k = 0; k < tables.size(); k++) {
            assertEquals(Disclosure.protect(tables.get(k), profile, null).decisions(), together.get(k).decisions(),
                    "seed " + seed + " table " + k);
        }
    }
}
