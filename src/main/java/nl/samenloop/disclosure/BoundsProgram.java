package nl.samenloop.disclosure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One feasible region {x ≥ 0 : rows}, optimised for many objectives of the form min xₖ / max xₖ — exactly
 * what the audit asks of a connected component of hidden counts: the lowest and highest value of every
 * count over the same polytope.
 *
 * <p>Why not one {@code SimplexSolver} call per bound (Commons Math, as before): that runs phase 1 and
 * builds a fresh dense tableau for every objective, so a component of 400 hidden counts cost 800 full
 * solves — minutes for one small custom table. Here phase 1 runs once; each further objective starts from
 * the previous optimal basis (a warm start) and typically needs a handful of pivots. The tableau is dense
 * but pivots skip zero entries of the pivot row, and relations are sparse. Rows with a single variable (a
 * count at most its published total: most rows of an audit component) are bounds handled by the
 * bounded-variable simplex, not tableau rows. Artificial columns stay after phase 1 but never enter again: with
 * the slack columns they are B⁻¹, from which {@link #duals} reads which rows limit the last optimum.
 *
 * <p>Safeguards: Dantzig's rule, switching to Bland's rule (which cannot cycle) after a run of degenerate
 * pivots; an iteration cap; and after every optimisation the basic solution is checked against the original
 * rows — on drift beyond tolerance the tableau is rebuilt from the rows and the objective solved again. The
 * test suite checks the results against an independent solver (ojAlgo) on random programs
 * ({@code BoundsProgramTest}).
 */
final class BoundsProgram implements Bounds {
    /** Relation of a row: Σ coeffs·x (=, ≤, ≥) rhs. */
    enum Type { EQ, LE, GE }

    /** A sparse row. */
    record Row(int[] vars, double[] coeffs, Type type, double rhs) {
    }

    /** The rows have no solution with x ≥ 0. */
    static final class Infeasible extends RuntimeException {
        Infeasible(String message) {
            super(message);
        }
    }

    private static final double EPS = 1e-9;
    /** Smallest pivot element accepted: tiny pivots blow rounding errors up. */
    private static final double PIVOT = 1e-7;
    /**
     * Pivots after which the tableau is rebuilt from the rows (phase 1 again): pivoting fills the dense tableau in
     * (a 1460-row program went from 45k to 1M non-zeros and 4 ms per pivot) and lets rounding errors pile up.
     * On that program, rebuilding every 800–1500 pivots was fastest (20 s for all 1560 bounds; 141 s at 4000).
     */
    private static final int REBUILD_AFTER = 1_000;
    private static final double FEASIBILITY = 1e-6;
    private static final int DEGENERATE_STREAK = 50;
    private static final int MAX_PIVOTS = 200_000;

    private final int n;
    private final int inputRows;
    /** For each tableau row before phase 1: the index of the input row it came from. */
    private final int[] multiOrigin;
    /** Per variable: the input row that set its upper / lower bound (−1: none; the lower bound 0 is x ≥ 0). */
    private final int[] upperRow;
    private final int[] lowerRow;
    /** The coefficient of the variable in that row. */
    private final double[] upperCoeff;
    private final double[] lowerCoeff;
    /** Per row before phase 1: the sign it was multiplied with (rhs ≥ 0) and its unit column (slack or artificial). */
    private double[] rowSign;
    private int[] unitColumn;
    /** The objective of the last {@link #min} / {@link #max}: sign · x_k, minimised. */
    private int lastK = -1;
    private int lastSign;
    /** The rows with two or more variables, written over x − lower (so every variable starts at 0). */
    private final List<Row> rows;
    /** Each variable's lower bound (from single-variable rows; 0 by default): x = lower + the program's variable. */
    private final double[] lower;
    /** Upper bounds of the shifted structural variables (hi − lower). */
    private final double[] structuralUpper;
    /** Upper bound of every tableau column over the shifted variables: +∞ for slacks and artificials. */
    private double[] upper;
    /** Nonbasic columns that sit at their upper bound (the others sit at 0). */
    private boolean[] atUpper;
    /**
     * Tableau rows: B⁻¹A | x_B. Columns: structural [0, n), slacks [n, structural), artificials after; the last
     * column holds the value of each row's basic variable (nonbasic columns are at 0 or at their upper bound).
     */
    private double[][] t;
    private int[] basis;
    private int m;
    private int columns;
    private int firstArtificial;
    private long pivots;
    private long sinceBuild;

    /** The tableau's numbers went bad (a negative right-hand side or exploding reduced costs). */
    private static final class Drift extends RuntimeException {
        Drift() {
            super(null, null, false, false);
        }
    }

    /**
     * Rows with a single variable are bounds, not rows: the simplex keeps each variable between its bounds
     * itself (a bounded-variable simplex), so an audit component's many {@code count ≤ published total} rows
     * cost nothing in the tableau.
     *
     * @throws Infeasible when the rows contradict each other (e.g. x ≤ 3 and x ≥ 5)
     */
    BoundsProgram(int n, List<Row> rows) {
        this.n = n;
        this.inputRows = rows.size();
        this.lower = new double[n];
        this.upperRow = new int[n];
        this.lowerRow = new int[n];
        this.upperCoeff = new double[n];
        this.lowerCoeff = new double[n];
        Arrays.fill(upperRow, -1);
        Arrays.fill(lowerRow, -1);
        double[] hi = new double[n];
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        List<Row> multi = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        for (int ri = 0; ri < rows.size(); ri++) {
            Row r = rows.get(ri);
            int single = -1;
            int count = 0;
            for (int i = 0; i < r.vars().length; i++) {
                if (r.coeffs()[i] != 0) {
                    count++;
                    single = i;
                }
            }
            if (count > 1) {
                multi.add(r);
                origin.add(ri);
            } else if (count == 0) {
                double tol = FEASIBILITY * (1 + Math.abs(r.rhs()));
                if (r.type() == Type.EQ ? Math.abs(r.rhs()) > tol : r.type() == Type.LE ? r.rhs() < -tol : r.rhs() > tol) {
                    throw new Infeasible("a row without variables asks 0 " + r.type() + " " + r.rhs());
                }
            } else {
                int j = r.vars()[single];
                double a = r.coeffs()[single];
                double b = r.rhs() / a;
                boolean upperBound = r.type() == Type.EQ || (r.type() == Type.LE) == (a > 0);
                boolean lowerBound = r.type() == Type.EQ || !upperBound;
                if (upperBound && b < hi[j]) {
                    hi[j] = b;
                    upperRow[j] = ri;
                    upperCoeff[j] = a;
                }
                if (lowerBound && b > lower[j]) {
                    lower[j] = b;
                    lowerRow[j] = ri;
                    lowerCoeff[j] = a;
                }
            }
        }
        double[] width = new double[n];
        for (int j = 0; j < n; j++) {
            width[j] = hi[j] - lower[j];
            if (width[j] < -FEASIBILITY * (1 + Math.abs(hi[j]))) {
                throw new Infeasible("the bounds of a variable contradict each other: " + lower[j] + " > " + hi[j]);
            }
            width[j] = Math.max(0, width[j]);
        }
        List<Row> shifted = new ArrayList<>(multi.size());
        for (Row r : multi) {
            double rhs = r.rhs();
            for (int i = 0; i < r.vars().length; i++) {
                rhs -= r.coeffs()[i] * lower[r.vars()[i]];
            }
            shifted.add(new Row(r.vars(), r.coeffs(), r.type(), rhs));
        }
        this.rows = List.copyOf(shifted);
        this.multiOrigin = origin.stream().mapToInt(Integer::intValue).toArray();
        this.structuralUpper = width;
        build();
    }


    /** The tableau's size after phase 1: rows × columns (for the trace). */
    String shape() {
        return m + " × " + columns;
    }

    /** Pivots done so far, phase 1 included (for the benchmark). */
    long pivots() {
        return pivots;
    }

    /**
     * Bounds of every variable implied by the rows and x ≥ 0, by repeated propagation (each row bounds each
     * of its variables through the others' current bounds): {lower[], upper[]}, upper +∞ where nothing
     * bounds it. Valid but not always tight; the optimum equals the bound whenever a feasible point reaches it.
     */
    static double[][] impliedBounds(int n, List<Row> rows) {
        double[] lo = new double[n];
        double[] hi = new double[n];
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        for (int sweep = 0; sweep < 50; sweep++) {
            boolean changed = false;
            for (Row r : rows) {
                if (r.type() != Type.GE) {
                    changed |= tighten(r.vars(), r.coeffs(), 1, r.rhs(), lo, hi);
                }
                if (r.type() != Type.LE) {
                    changed |= tighten(r.vars(), r.coeffs(), -1, -r.rhs(), lo, hi);
                }
            }
            if (!changed) {
                break;
            }
        }
        return new double[][] {lo, hi};
    }

    /** One row read as Σ sign·aᵢxᵢ ≤ b: each variable's bound from the least the others can contribute. */
    private static boolean tighten(int[] vars, double[] coeffs, int sign, double b, double[] lo, double[] hi) {
        double least = 0;
        int unbounded = 0;
        for (int i = 0; i < vars.length; i++) {
            double a = sign * coeffs[i];
            double m = a > 0 ? a * lo[vars[i]] : a * hi[vars[i]];
            if (Double.isInfinite(m)) {
                unbounded++;
            } else {
                least += m;
            }
        }
        boolean changed = false;
        for (int i = 0; i < vars.length; i++) {
            int j = vars[i];
            double a = sign * coeffs[i];
            double own = a > 0 ? a * lo[j] : a * hi[j];
            boolean ownInfinite = Double.isInfinite(own);
            if (unbounded - (ownInfinite ? 1 : 0) > 0) {
                continue;
            }
            double rest = least - (ownInfinite ? 0 : own);
            double bound = (b - rest) / a;
            if (a > 0 && bound < hi[j] - 1e-9) {
                hi[j] = Math.max(bound, lo[j]);
                changed = true;
            } else if (a < 0 && bound > lo[j] + 1e-9) {
                lo[j] = Math.min(bound, hi[j]);
                changed = true;
            }
        }
        return changed;
    }

    /** The lowest value of x_k over the region. */
    @Override
    public double min(int k) {
        return lower[k] + optimise(k, 1);
    }

    /** The highest value of x_k over the region, or +∞ when it is unbounded. */
    @Override
    public double max(int k) {
        double v = optimise(k, -1);
        return Double.isInfinite(v) ? Double.POSITIVE_INFINITY : lower[k] + v;
    }

    /** The current basic solution (feasible): a point of the region, x₀ … xₙ₋₁. */
    @Override
    public double[] point() {
        double[] x = shiftedPoint();
        for (int j = 0; j < n; j++) {
            x[j] = Math.min(lower[j] + Math.max(0, x[j]), lower[j] + structuralUpper[j]);
        }
        return x;
    }

    /** The current basic solution over the shifted variables (0 ≤ x ≤ upper). */
    private double[] shiftedPoint() {
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            if (atUpper[j]) {
                x[j] = upper[j];
            }
        }
        for (int i = 0; i < m; i++) {
            if (basis[i] < n) {
                x[basis[i]] = t[i][columns];
            }
        }
        return x;
    }

    /**
     * Minimises Σ weights·x over the region from the current basis (an aggregate objective: its optimum moves many
     * variables at once). Returns −∞ when unbounded; {@link #point} is a feasible point either way. The duals are
     * not kept: {@link #duals} stays about the last single-variable bound.
     */
    @Override
    public double minimise(int[] vars, double[] weights) {
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                if (attempt > 0 || sinceBuild > REBUILD_AFTER) {
                    build();
                }
                double[] c = new double[firstArtificial];
                for (int i = 0; i < vars.length; i++) {
                    c[vars[i]] += weights[i];
                }
                boolean bounded;
                try {
                    bounded = simplex(c, firstArtificial);
                } catch (Drift e) {
                    continue;
                }
                if (!bounded) {
                    return Double.NEGATIVE_INFINITY;
                }
                if (feasible()) {
                    double[] x = point();
                    double v = 0;
                    for (int i = 0; i < vars.length; i++) {
                        v += weights[i] * x[vars[i]];
                    }
                    return v;
                }
            }
            throw new IllegalStateException("linear program drifted numerically twice; no reliable optimum");
        } finally {
            lastK = -1; // the basis no longer belongs to the last single-variable optimum
        }
    }

    private double optimise(int k, int sign) {
        lastK = k;
        lastSign = sign;
        for (int attempt = 0; attempt < 2; attempt++) {
            if (attempt > 0 || sinceBuild > REBUILD_AFTER) {
                build(); // start again from the rows: fresh numbers
            }
            double[] c = new double[firstArtificial];
            c[k] = sign;
            boolean bounded;
            try {
                bounded = simplex(c, firstArtificial);
            } catch (Drift e) {
                continue;
            }
            if (!bounded) {
                return Double.NEGATIVE_INFINITY * sign; // min of -x_k unbounded: x_k has no upper bound
            }
            if (feasible()) {
                return Math.max(0, shiftedPoint()[k]);
            }
        }
        throw new IllegalStateException("linear program drifted numerically twice; no reliable bound");
    }

    /**
     * The duals of the last {@link #min} / {@link #max} at its optimum, one per input row (in the rows' own
     * orientation; 0 for rows that do not limit it). Read as prices: a new variable with coefficient aᵣ in row r
     * would have reduced cost −Σ yᵣ·aᵣ in the minimisation of sign·x_k (−x_k for max), so it improves the bound
     * when that is negative and it can grow, or positive and it can shrink. Single-variable rows are priced
     * through the reduced cost of their variable when it sits at the bound they set.
     */
    @Override
    public double[] duals() {
        if (lastK < 0) {
            throw new IllegalStateException("no optimum yet");
        }
        double[] y = new double[inputRows];
        int kRow = -1;
        for (int i = 0; i < m; i++) {
            if (basis[i] == lastK) {
                kRow = i;
            }
        }
        // Only x_k has a cost, so c_B·B⁻¹ is sign times the row of the tableau where x_k is basic.
        if (kRow >= 0) {
            for (int i = 0; i < unitColumn.length; i++) {
                y[multiOrigin[i]] = rowSign[i] * lastSign * t[kRow][unitColumn[i]];
            }
        }
        boolean[] basic = new boolean[columns];
        for (int i = 0; i < m; i++) {
            basic[basis[i]] = true;
        }
        for (int j = 0; j < n; j++) {
            if (basic[j]) {
                continue;
            }
            double d = (j == lastK ? lastSign : 0) - (kRow >= 0 ? lastSign * t[kRow][j] : 0);
            if (Math.abs(d) <= EPS) {
                continue;
            }
            // At the optimum a column at its upper bound has d < 0 and one at its lower bound d > 0; a fixed column
            // (both bounds equal) is held by whichever bound the sign of d points at.
            boolean top = d < 0;
            int row = top ? upperRow[j] : lowerRow[j];
            if (row >= 0) {
                y[row] += d / (top ? upperCoeff[j] : lowerCoeff[j]);
            }
        }
        return y;
    }

    /** Basic values left their bounds or reduced costs exploded: the numbers can no longer be trusted. */
    private boolean drifted(double[] d) {
        for (int i = 0; i < m; i++) {
            double v = t[i][columns];
            if (v < -FEASIBILITY || v > upper[basis[i]] + FEASIBILITY * (1 + Math.abs(v))) {
                return true;
            }
        }
        for (double v : d) {
            if (Math.abs(v) > 1e9) {
                return true;
            }
        }
        return false;
    }

    /** Phase 1 from the rows: a feasible basis without artificials, redundant rows dropped. */
    private void build() {
        sinceBuild = 0;
        int slacks = 0;
        for (Row r : rows) {
            if (r.type() != Type.EQ) {
                slacks++;
            }
        }
        int structural = n + slacks;
        m = rows.size();
        boolean[] slackBasic = new boolean[m];
        int artificials = 0;
        int s = n;
        int[] slackOf = new int[m];
        double[] sign = new double[m];
        for (int i = 0; i < m; i++) {
            Row r = rows.get(i);
            sign[i] = r.rhs() < 0 ? -1 : 1;
            slackOf[i] = r.type() == Type.EQ ? -1 : s++;
            double slackCoeff = r.type() == Type.LE ? 1 : r.type() == Type.GE ? -1 : 0;
            slackBasic[i] = slackOf[i] >= 0 && slackCoeff * sign[i] > 0;
            if (!slackBasic[i]) {
                artificials++;
            }
        }
        columns = structural + artificials;
        firstArtificial = structural;
        upper = new double[columns];
        Arrays.fill(upper, Double.POSITIVE_INFINITY);
        System.arraycopy(structuralUpper, 0, upper, 0, n);
        atUpper = new boolean[columns];
        t = new double[m][columns + 1];
        basis = new int[m];
        int a = structural;
        rowSign = sign;
        unitColumn = new int[m];
        for (int i = 0; i < m; i++) {
            Row r = rows.get(i);
            double[] row = t[i];
            for (int j = 0; j < r.vars().length; j++) {
                row[r.vars()[j]] += sign[i] * r.coeffs()[j];
            }
            if (slackOf[i] >= 0) {
                row[slackOf[i]] = sign[i] * (r.type() == Type.LE ? 1 : -1);
            }
            row[columns] = sign[i] * r.rhs();
            if (slackBasic[i]) {
                basis[i] = slackOf[i];
            } else {
                row[a] = 1;
                basis[i] = a++;
            }
            unitColumn[i] = basis[i];
        }
        if (artificials > 0) {
            double[] c = new double[columns];
            Arrays.fill(c, structural, columns, 1.0);
            try {
                simplex(c, columns);
            } catch (Drift e) {
                throw new IllegalStateException("linear program is numerically unstable in phase 1");
            }
            double infeasibility = 0;
            double scale = 1;
            for (int i = 0; i < m; i++) {
                if (basis[i] >= firstArtificial) {
                    infeasibility += t[i][columns];
                }
                scale = Math.max(scale, Math.abs(rows.get(i).rhs()));
            }
            if (infeasibility > FEASIBILITY * scale) {
                throw new Infeasible("no solution with every count ≥ 0 (infeasibility " + infeasibility + ")");
            }
            driveOutArtificials();
        }
    }

    /** Pivots artificial variables (all at 0) out of the basis; a row where none can leave is redundant. */
    private void driveOutArtificials() {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            if (basis[i] >= firstArtificial) {
                int enter = -1;
                double best = EPS;
                for (int j = 0; j < firstArtificial; j++) {
                    if (Math.abs(t[i][j]) > best) {
                        best = Math.abs(t[i][j]);
                        enter = j;
                    }
                }
                if (enter < 0) {
                    continue; // redundant row (e.g. a margin implied by the other relations)
                }
                // Nothing moves: the entering column keeps its value, the artificial leaves at 0.
                double value = atUpper[enter] ? upper[enter] : 0;
                pivot(i, enter, null);
                t[i][columns] = value;
                atUpper[enter] = false;
            }
            keep.add(i);
        }
        double[][] nt = new double[keep.size()][];
        int[] nb = new int[keep.size()];
        for (int i = 0; i < keep.size(); i++) {
            nt[i] = t[keep.get(i)];
            nb[i] = basis[keep.get(i)];
        }
        // Artificials never enter again (phase 2 prices columns below firstArtificial only); their columns stay,
        // as part of B⁻¹ for the duals.
        t = nt;
        basis = nb;
        m = keep.size();
    }

    /**
     * Minimises c·x from the current feasible basis over columns [0, limit). Returns false when unbounded
     * (the basis is then still feasible, as after the last pivot).
     */
    private boolean simplex(double[] c, int limit) {
        double[] d = new double[limit];
        for (int j = 0; j < limit; j++) {
            double v = c[j];
            for (int i = 0; i < m; i++) {
                double cb = basis[i] < c.length ? c[basis[i]] : 0;
                if (cb != 0) {
                    v -= cb * t[i][j];
                }
            }
            d[j] = v;
        }
        int degenerate = 0;
        for (int iter = 0; iter < MAX_PIVOTS; iter++) {
            boolean bland = degenerate > DEGENERATE_STREAK;
            // Entering: a column at 0 whose reduced cost is negative (it should grow), or one at its upper
            // bound whose reduced cost is positive (it should shrink). Fixed columns (upper 0) never move.
            int enter = -1;
            double most = EPS;
            for (int j = 0; j < limit; j++) {
                double gain = atUpper[j] ? d[j] : upper[j] > EPS ? -d[j] : 0;
                if (gain > most) {
                    enter = j;
                    if (bland) {
                        break;
                    }
                    most = gain;
                }
            }
            if (enter < 0) {
                return true;
            }
            double dir = atUpper[enter] ? -1 : 1;
            // Ratio test: a basic value falls to 0 or rises to its upper bound. Ties (within tolerance): Bland's
            // rule takes the lowest basic index; otherwise the largest pivot element, which keeps the numbers stable.
            int leave = -1;
            boolean leavesAtUpper = false;
            double ratio = Double.POSITIVE_INFINITY;
            for (int i = 0; i < m; i++) {
                double a = dir * t[i][enter];
                double q;
                if (a > PIVOT) {
                    q = Math.max(0, t[i][columns]) / a;
                } else if (a < -PIVOT && upper[basis[i]] != Double.POSITIVE_INFINITY) {
                    q = Math.max(0, upper[basis[i]] - t[i][columns]) / -a;
                } else {
                    continue;
                }
                boolean tie = leave >= 0 && q <= ratio + EPS;
                if (q < ratio - EPS || (tie && (bland ? basis[i] < basis[leave] : Math.abs(a) > Math.abs(t[leave][enter])))) {
                    ratio = Math.min(ratio, q);
                    leave = i;
                    leavesAtUpper = a < 0;
                }
            }
            double flip = upper[enter];
            if (leave < 0 && flip == Double.POSITIVE_INFINITY) {
                return false;
            }
            double theta = leave < 0 || flip <= ratio ? flip : ratio;
            for (int i = 0; i < m; i++) {
                double a = t[i][enter];
                if (a != 0) {
                    t[i][columns] -= theta * dir * a;
                }
            }
            if (leave < 0 || flip <= ratio) {
                atUpper[enter] = !atUpper[enter]; // a bound flip: no basis change
                degenerate = 0;
            } else {
                double value = atUpper[enter] ? upper[enter] - theta : theta;
                degenerate = theta <= EPS ? degenerate + 1 : 0;
                int leaving = basis[leave];
                pivot(leave, enter, d);
                t[leave][columns] = value;
                atUpper[enter] = false;
                atUpper[leaving] = leavesAtUpper;
            }
            if (++sinceBuild % 200 == 0 && drifted(d)) {
                throw new Drift();
            }
        }
        throw new IllegalStateException("linear program did not converge in " + MAX_PIVOTS + " pivots");
    }

    private void pivot(int r, int e, double[] d) {
        pivots++;
        double[] pr = t[r];
        double p = pr[e];
        int[] nz = new int[columns];
        int count = 0;
        for (int j = 0; j < columns; j++) {
            if (pr[j] != 0) {
                pr[j] /= p;
                if (Math.abs(pr[j]) < 1e-12) {
                    pr[j] = 0;
                } else {
                    nz[count++] = j;
                }
            }
        }
        pr[e] = 1;
        for (int i = 0; i < m; i++) {
            double[] row = t[i];
            double f = row[e];
            if (i == r || f == 0) {
                continue;
            }
            for (int k = 0; k < count; k++) {
                int j = nz[k];
                double v = row[j] - f * pr[j];
                row[j] = Math.abs(v) < 1e-12 ? 0 : v;
            }
            row[e] = 0;
        }
        if (d != null) {
            double f = d[e];
            if (f != 0) {
                for (int k = 0; k < count; k++) {
                    int j = nz[k];
                    if (j < d.length) {
                        d[j] -= f * pr[j];
                    }
                }
                d[e] = 0;
            }
        }
        basis[r] = e;
    }

    /** The basic solution satisfies every original row within tolerance. */
    private boolean feasible() {
        for (int i = 0; i < m; i++) {
            double v = t[i][columns];
            if (v < -FEASIBILITY || v > upper[basis[i]] + FEASIBILITY * (1 + Math.abs(v))) {
                return false;
            }
        }
        double[] x = shiftedPoint();
        for (Row r : rows) {
            double lhs = 0;
            for (int j = 0; j < r.vars().length; j++) {
                lhs += r.coeffs()[j] * x[r.vars()[j]];
            }
            double tol = FEASIBILITY * (1 + Math.abs(r.rhs()));
            boolean ok = switch (r.type()) {
                case EQ -> Math.abs(lhs - r.rhs()) <= tol;
                case LE -> lhs <= r.rhs() + tol;
                case GE -> lhs >= r.rhs() - tol;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
