package nl.samenloop.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.junit.jupiter.api.Test;

/**
 * The warm-started {@link BoundsProgram} against an independent solver ({@link ReferenceLp}: ojAlgo, one
 * cold solve per bound) on random programs shaped like audit components: a hidden 2-D table with margins (some margins
 * published, some hidden), AT_MOST rows, boxes, redundant rows, degenerate right-hand sides.
 */
class BoundsProgramTest {

    @Test
    void handWorkedTwoByTwo() {
        // x0 + x1 = 15, x2 + x3 = 12, x0 + x2 = 14, x1 + x3 = 13 (the last is implied: redundant).
        // x0 ranges over [2, 14]: x0 ≤ 14 (column), x1 = 15 − x0 ≤ 13 → x0 ≥ 2.
        List<BoundsProgram.Row> rows = List.of(
                row(new int[] {0, 1}, BoundsProgram.Type.EQ, 15),
                row(new int[] {2, 3}, BoundsProgram.Type.EQ, 12),
                row(new int[] {0, 2}, BoundsProgram.Type.EQ, 14),
                row(new int[] {1, 3}, BoundsProgram.Type.EQ, 13));
        BoundsProgram p = new BoundsProgram(4, rows);
        assertEquals(2, p.min(0), 1e-9);
        assertEquals(14, p.max(0), 1e-9);
        assertEquals(1, p.min(1), 1e-9);
        assertEquals(13, p.max(1), 1e-9);
        assertEquals(0, p.min(2), 1e-9);
        assertEquals(12, p.max(3), 1e-9);
    }

    @Test
    void singleVariableRowsAreBounds() {
        // x0 + x1 + x2 = 20 with x0 ≤ 4, x1 = 6 (fixed), −x2 ≥ −12 (x2 ≤ 12), x2 ≥ 3:
        // x2 = 14 − x0 ∈ [10, 12] → x0 ∈ [2, 4].
        BoundsProgram p = new BoundsProgram(3, List.of(
                row(new int[] {0, 1, 2}, BoundsProgram.Type.EQ, 20),
                row(new int[] {0}, BoundsProgram.Type.LE, 4),
                row(new int[] {1}, BoundsProgram.Type.EQ, 6),
                new BoundsProgram.Row(new int[] {2}, new double[] {-1}, BoundsProgram.Type.GE, -12),
                row(new int[] {2}, BoundsProgram.Type.GE, 3)));
        assertEquals(2, p.min(0), 1e-9);
        assertEquals(4, p.max(0), 1e-9);
        assertEquals(6, p.min(1), 1e-9);
        assertEquals(6, p.max(1), 1e-9);
        assertEquals(10, p.min(2), 1e-9);
        assertEquals(12, p.max(2), 1e-9);
        double[] x = p.point();
        assertEquals(20, x[0] + x[1] + x[2], 1e-9, "the point satisfies the row");
        // The duals say which rows limit a bound. max x0 = 4 comes from the bound row x0 ≤ 4 alone (minimising
        // −x0: dual −1). min x0 = 2 comes from x0 = 20 − x1 − x2 with x1 = 6 and x2 ≤ 12 (−x2 ≥ −12):
        // 1·20 − 1·6 + 1·(−12) = 2, and x2 ≥ 3 plays no part.
        p.max(0);
        assertDuals(new double[] {0, -1, 0, 0, 0}, p.duals());
        p.min(0);
        assertDuals(new double[] {1, 0, -1, 1, 0}, p.duals());
        // Bounds that contradict each other.
        assertThrows(BoundsProgram.Infeasible.class, () -> new BoundsProgram(1, List.of(
                row(new int[] {0}, BoundsProgram.Type.LE, 3), row(new int[] {0}, BoundsProgram.Type.GE, 5))));
    }

    @Test
    void unboundedAndInfeasible() {
        // x0 − x1 ≤ 5: x1 (and x0) can grow without limit; x0 ≥ 0 is the only lower bound.
        BoundsProgram p = new BoundsProgram(2, List.of(
                new BoundsProgram.Row(new int[] {0, 1}, new double[] {1, -1}, BoundsProgram.Type.LE, 5)));
        assertEquals(Double.POSITIVE_INFINITY, p.max(0));
        assertEquals(0, p.min(0), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, p.max(1));
        // x0 + x1 = −3 has no solution with x ≥ 0.
        assertThrows(BoundsProgram.Infeasible.class, () -> new BoundsProgram(2,
                List.of(row(new int[] {0, 1}, BoundsProgram.Type.EQ, -3))));
    }

    @Property(tries = 200)
    void agreesWithAnIndependentSolver(@ForAll long seed) {
        checkAgainstReference(seed);
    }

    /**
     * Seeds where Commons Math 3.6.1 went wrong (9, 75), a first draft of this test did (3), or a first draft of
     * the duals did (43: a fixed column priced at the wrong bound).
     */
    @Test
    void seedsThatOnceFailed() {
        for (long seed : new long[] {3, 9, 43, 75, 1601431}) {
            checkAgainstReference(seed);
        }
    }

    /** GLOP (the solver of large components) on the same programs: the same bounds, duals that certify them. */
    @Property(tries = 80)
    void glopAgreesWithAnIndependentSolver(@ForAll long seed) {
        checkAgainstReference(seed, GlopProgram::new);
    }

    @Test
    void glopHandWorked() {
        GlopProgram p = new GlopProgram(4, List.of(
                row(new int[] {0, 1}, BoundsProgram.Type.EQ, 15),
                row(new int[] {2, 3}, BoundsProgram.Type.EQ, 12),
                row(new int[] {0, 2}, BoundsProgram.Type.EQ, 14),
                row(new int[] {1, 3}, BoundsProgram.Type.EQ, 13)));
        assertEquals(2, p.min(0), 1e-9);
        assertEquals(14, p.max(0), 1e-9);
        // Aggregate objective: min x0 − x1 = 2 − 13 at the point x0 = 2, x1 = 13.
        assertEquals(-11, p.minimise(new int[] {0, 1}, new double[] {1, -1}), 1e-9);
        assertEquals(2, p.point()[0], 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, new GlopProgram(2, List.of(
                new BoundsProgram.Row(new int[] {0, 1}, new double[] {1, -1}, BoundsProgram.Type.LE, 5))).max(1));
        assertThrows(BoundsProgram.Infeasible.class, () -> new GlopProgram(2,
                List.of(row(new int[] {0, 1}, BoundsProgram.Type.EQ, -3))));
    }

    private static void checkAgainstReference(long seed) {
        checkAgainstReference(seed, BoundsProgram::new);
    }

    private static void checkAgainstReference(long seed,
                                              java.util.function.BiFunction<Integer, List<BoundsProgram.Row>, Bounds> solver) {
        Random rnd = new Random(seed);
        int rowsN = 2 + rnd.nextInt(5);
        int colsN = 2 + rnd.nextInt(5);
        // A true table of counts (many zeros: degenerate), its row and column totals.
        long[][] v = new long[rowsN][colsN];
        for (int i = 0; i < rowsN; i++) {
            for (int j = 0; j < colsN; j++) {
                v[i][j] = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(30);
            }
        }
        int n = rowsN * colsN;
        List<BoundsProgram.Row> rows = new ArrayList<>();
        long grand = 0;
        for (int i = 0; i < rowsN; i++) {
            long total = 0;
            int[] vars = new int[colsN];
            for (int j = 0; j < colsN; j++) {
                vars[j] = i * colsN + j;
                total += v[i][j];
            }
            grand += total;
            if (rnd.nextInt(5) > 0) {
                // Mostly a SUM (=); sometimes an AT_MOST (≤) with slack above the true total.
                boolean atMost = rnd.nextInt(6) == 0;
                rows.add(row(vars, atMost ? BoundsProgram.Type.LE : BoundsProgram.Type.EQ,
                        total + (atMost ? rnd.nextInt(5) : 0)));
            }
        }
        for (int j = 0; j < colsN; j++) {
            long total = 0;
            int[] vars = new int[rowsN];
            for (int i = 0; i < rowsN; i++) {
                vars[i] = i * colsN + j;
                total += v[i][j];
            }
            if (rnd.nextInt(5) > 0) {
                rows.add(row(vars, BoundsProgram.Type.EQ, total));
            }
        }
        int[] all = new int[n];
        for (int k = 0; k < n; k++) {
            all[k] = k;
        }
        rows.add(row(all, BoundsProgram.Type.EQ, grand)); // often redundant
        for (int k = 0; k < n; k++) {
            if (rnd.nextInt(8) == 0) {
                long x = v[k / colsN][k % colsN];
                rows.add(row(new int[] {k}, BoundsProgram.Type.GE, Math.max(0, x - 2)));
                rows.add(row(new int[] {k}, BoundsProgram.Type.LE, x + 2));
            }
        }
        // Single-variable rows become bounds of the bounded-variable simplex: upper bounds alone (some tight,
        // so basic values meet them), fixed values, and a bound written with a negative coefficient.
        for (int k = 0; k < n; k++) {
            long x = v[k / colsN][k % colsN];
            switch (rnd.nextInt(12)) {
                case 0 -> rows.add(row(new int[] {k}, BoundsProgram.Type.LE, x + rnd.nextInt(3)));
                case 1 -> rows.add(row(new int[] {k}, BoundsProgram.Type.EQ, x));
                case 2 -> rows.add(new BoundsProgram.Row(new int[] {k}, new double[] {-2}, BoundsProgram.Type.GE, -2.0 * x - 4));
                default -> { }
            }
        }
        Bounds p = solver.apply(n, rows);
        for (int k = 0; k < n; k++) {
            if (k % 3 == 1) {
                // An aggregate objective between the bounds (the audit proves many counts wide with them): the
                // same optimum as the reference, at a feasible point, and the bounds after it stay right.
                int[] at = new int[1 + rnd.nextInt(n)];
                double[] w = new double[at.length];
                double[] c = new double[n];
                for (int i = 0; i < at.length; i++) {
                    at[i] = rnd.nextInt(n);
                    w[i] = rnd.nextBoolean() ? 1 : -1;
                    c[at[i]] += w[i];
                }
                double got = p.minimise(at, w);
                double expected = ReferenceLp.minimum(constraints(n, rows), n, c);
                assertEquals(expected, got, 1e-6, "seed " + seed + " aggregate");
                double[] x = p.point();
                assertTrue(satisfies(rows, x), "seed " + seed + ": the aggregate's point is feasible");
                if (got != Double.NEGATIVE_INFINITY) {
                    double value = 0;
                    for (int j = 0; j < n; j++) {
                        value += c[j] * x[j];
                    }
                    assertEquals(got, value, 1e-6, "seed " + seed + ": the point reaches the optimum");
                }
            }
            double lo = p.min(k);
            certifies(n, rows, k, 1, lo, p.duals(), seed);
            double hi = p.max(k);
            if (hi != Double.POSITIVE_INFINITY) {
                certifies(n, rows, k, -1, -hi, p.duals(), seed);
            }
            assertEquals(reference(n, rows, k, GoalType.MINIMIZE), lo, 1e-6, "seed " + seed + " min x" + k);
            assertEquals(reference(n, rows, k, GoalType.MAXIMIZE), hi, 1e-6, "seed " + seed + " max x" + k);
            double truth = v[k / colsN][k % colsN];
            assertTrue(lo <= truth + 1e-6 && truth <= hi + 1e-6, "the true value lies in its interval");
        }
    }

    private static void assertDuals(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-9, "dual of row " + i);
        }
    }

    /**
     * The duals prove the optimum of min sign·x_k over {x ≥ 0 : rows}: dual feasible (every reduced cost
     * c_j − Σ yᵣ·a_rj ≥ 0, yᵣ ≤ 0 on ≤ rows and ≥ 0 on ≥ rows) and Σ yᵣ·bᵣ equal to the optimum.
     */
    private static void certifies(int n, List<BoundsProgram.Row> rows, int k, int sign, double optimum, double[] y,
                                  long seed) {
        double[] reduced = new double[n];
        reduced[k] = sign;
        double dualObjective = 0;
        for (int r = 0; r < rows.size(); r++) {
            BoundsProgram.Row row = rows.get(r);
            double tol = 1e-6 * (1 + Math.abs(y[r]));
            if (row.type() == BoundsProgram.Type.LE) {
                assertTrue(y[r] <= tol, "seed " + seed + " x" + k + ": ≤ row " + r + " has dual " + y[r]);
            } else if (row.type() == BoundsProgram.Type.GE) {
                assertTrue(y[r] >= -tol, "seed " + seed + " x" + k + ": ≥ row " + r + " has dual " + y[r]);
            }
            for (int i = 0; i < row.vars().length; i++) {
                reduced[row.vars()[i]] -= y[r] * row.coeffs()[i];
            }
            dualObjective += y[r] * row.rhs();
        }
        for (int j = 0; j < n; j++) {
            assertTrue(reduced[j] >= -1e-6, "seed " + seed + " x" + k + ": reduced cost of x" + j + " " + reduced[j]);
        }
        assertEquals(optimum, dualObjective, 1e-6 * (1 + Math.abs(optimum)), "seed " + seed + " x" + k + " duality");
    }

    private static BoundsProgram.Row row(int[] vars, BoundsProgram.Type type, double rhs) {
        double[] ones = new double[vars.length];
        java.util.Arrays.fill(ones, 1.0);
        return new BoundsProgram.Row(vars, ones, type, rhs);
    }

    private static double reference(int n, List<BoundsProgram.Row> rows, int k, GoalType goal) {
        return ReferenceLp.optimum(constraints(n, rows), n, k, goal);
    }

    /** Every row holds at x (within rounding), and x ≥ 0. */
    private static boolean satisfies(List<BoundsProgram.Row> rows, double[] x) {
        for (double v : x) {
            if (v < -1e-6) {
                return false;
            }
        }
        for (BoundsProgram.Row r : rows) {
            double lhs = 0;
            for (int j = 0; j < r.vars().length; j++) {
                lhs += r.coeffs()[j] * x[r.vars()[j]];
            }
            boolean ok = switch (r.type()) {
                case EQ -> Math.abs(lhs - r.rhs()) <= 1e-6;
                case LE -> lhs <= r.rhs() + 1e-6;
                case GE -> lhs >= r.rhs() - 1e-6;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static List<LinearConstraint> constraints(int n, List<BoundsProgram.Row> rows) {
        List<LinearConstraint> cs = new ArrayList<>();
        for (BoundsProgram.Row r : rows) {
            double[] a = new double[n];
            for (int j = 0; j < r.vars().length; j++) {
                a[r.vars()[j]] += r.coeffs()[j];
            }
            Relationship rel = switch (r.type()) {
                case EQ -> Relationship.EQ;
                case LE -> Relationship.LEQ;
                case GE -> Relationship.GEQ;
            };
            cs.add(new LinearConstraint(a, rel, r.rhs()));
        }
        return cs;
    }
}
