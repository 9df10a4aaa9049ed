package nl.samenloop.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;

/**
 * The audit of spec disclosure.md: for a suppressed count, the lowest and highest value consistent with
 * everything the package publishes — a linear program over the table's relations (SUM: total = Σ parts,
 * AT_MOST: Σ parts ≤ total), published counts fixed at their values, hidden counts (suppressed, unreleased
 * or preset) ≥ 0. Optional boxes bound hidden counts further (a rounded count lies within half a rounding
 * base of its published value; used by {@link PackageRecheck}).
 *
 * <p>Fast because published values are substituted as constants (only hidden counts are LP variables) and
 * the hidden counts split into connected components — two hidden counts are connected when a relation holds
 * both — each solved on its own. A component's program depends only on its set of hidden counts (values and
 * relations do not change), so results are cached across the rounds of secondary suppression. All bounds of
 * a component come from one {@link BoundsProgram}: phase 1 once, then every min and max warm-started.
 *
 * <p>Bounds are rounded inwards to whole numbers (counts are integers; a reader can do the same), which makes
 * the width check stricter than the real-valued relaxation.
 */
final class Audit {
    private static final double EPS = 1e-6;

    private final String label;
    private final List<Relation> relations;
    private final Map<CountRef, List<Integer>> relationsOf = new HashMap<>();
    private final Map<CountRef, Double> values;
    private final Map<CountRef, double[]> boxes;
    private final Map<List<CountRef>, Map<CountRef, Interval>> cache = new HashMap<>();
    private int programsSolved;

    /**
     * @param label     table name for error messages
     * @param values    the value of every count a reader may see (only read for counts that are not hidden)
     * @param boxes     optional [low, high] bounds of hidden counts, e.g. rounded published counts
     */
    Audit(String label, List<Relation> relations, Map<CountRef, Double> values, Map<CountRef, double[]> boxes) {
        this.label = label;
        this.relations = relations;
        this.values = values;
        this.boxes = boxes == null ? Map.of() : boxes;
        for (int i = 0; i < relations.size(); i++) {
            Relation r = relations.get(i);
            relationsOf.computeIfAbsent(r.total(), k -> new ArrayList<>()).add(i);
            for (CountRef p : r.parts()) {
                List<Integer> l = relationsOf.computeIfAbsent(p, k -> new ArrayList<>());
                if (l.isEmpty() || l.get(l.size() - 1) != i) {
                    l.add(i);
                }
            }
        }
    }

    int programsSolved() {
        return programsSolved;
    }

    List<Integer> relationsOf(CountRef r) {
        return relationsOf.getOrDefault(r, List.of());
    }

    /** The interval of every target, given which counts are hidden from the reader. */
    Map<CountRef, Interval> intervals(Predicate<CountRef> hidden, Collection<CountRef> targets) {
        Map<CountRef, Interval> out = new LinkedHashMap<>();
        Set<CountRef> done = new HashSet<>();
        for (CountRef t : new TreeSet<>(targets)) {
            if (done.contains(t)) {
                continue;
            }
            if (!hidden.test(t)) {
                // Published after all (e.g. by another table of the package): known exactly.
                Double v = values.get(t);
                out.put(t, v == null ? new Interval(0, Double.POSITIVE_INFINITY) : new Interval(v, v));
                continue;
            }
            List<CountRef> component = component(t, hidden);
            done.addAll(component);
            Map<CountRef, Interval> cached = cache.computeIfAbsent(component, k -> new HashMap<>());
            List<CountRef> wanted = new ArrayList<>();
            for (CountRef v : component) {
                if (targets.contains(v) && !cached.containsKey(v)) {
                    wanted.add(v);
                }
            }
            if (!wanted.isEmpty()) {
                cached.putAll(solve(component, hidden, wanted));
            }
            for (CountRef v : component) {
                if (targets.contains(v)) {
                    out.put(v, cached.get(v));
                }
            }
        }
        return out;
    }

    /** The hidden counts connected to {@code start} through relations, sorted (the cache key). */
    List<CountRef> component(CountRef start, Predicate<CountRef> hidden) {
        Set<CountRef> seen = new HashSet<>();
        ArrayDeque<CountRef> queue = new ArrayDeque<>();
        seen.add(start);
        queue.add(start);
        while (!queue.isEmpty()) {
            CountRef v = queue.poll();
            for (int ri : relationsOf(v)) {
                Relation r = relations.get(ri);
                visit(r.total(), hidden, seen, queue);
                for (CountRef p : r.parts()) {
                    visit(p, hidden, seen, queue);
                }
            }
        }
        List<CountRef> out = new ArrayList<>(seen);
        Collections.sort(out);
        return out;
    }

    private static void visit(CountRef r, Predicate<CountRef> hidden, Set<CountRef> seen, ArrayDeque<CountRef> q) {
        if (hidden.test(r) && seen.add(r)) {
            q.add(r);
        }
    }

    private Map<CountRef, Interval> solve(List<CountRef> vars, Predicate<CountRef> hidden, List<CountRef> wanted) {
        Map<CountRef, Integer> index = new HashMap<>();
        for (int i = 0; i < vars.size(); i++) {
            index.put(vars.get(i), i);
        }
        int n = vars.size();
        List<BoundsProgram.Row> rows = new ArrayList<>();
        Set<Integer> used = new TreeSet<>();
        for (CountRef v : vars) {
            used.addAll(relationsOf(v));
        }
        for (int ri : used) {
            Relation r = relations.get(ri);
            double[] a = new double[n];
            double rhs = 0;
            // Written as Σ parts − total (= 0 for SUM, ≤ 0 for AT_MOST); published members move to the right.
            rhs -= term(r.total(), -1, a, index, hidden);
            for (CountRef p : r.parts()) {
                rhs -= term(p, 1, a, index, hidden);
            }
            rows.add(sparse(a, r.type() == Relation.Type.SUM ? BoundsProgram.Type.EQ : BoundsProgram.Type.LE, rhs));
        }
        for (CountRef v : vars) {
            double[] box = boxes.get(v);
            if (box != null) {
                int[] at = {index.get(v)};
                rows.add(new BoundsProgram.Row(at, new double[] {1}, BoundsProgram.Type.GE, box[0]));
                rows.add(new BoundsProgram.Row(at, new double[] {1}, BoundsProgram.Type.LE, box[1]));
            }
        }
        Map<CountRef, Interval> out = new HashMap<>();
        if (rows.isEmpty()) {
            for (CountRef w : wanted) {
                out.put(w, new Interval(0, Double.POSITIVE_INFINITY));
            }
            return out;
        }
        BoundsProgram program;
        try {
            program = new BoundsProgram(n, rows);
        } catch (BoundsProgram.Infeasible e) {
            throw new IllegalStateException("table " + label + ": the relations around count " + wanted.get(0)
                    + " have no solution with the published values (inconsistent table)", e);
        }
        for (CountRef w : wanted) {
            int k = index.get(w);
            double lo = program.min(k);
            double hi = program.max(k);
            programsSolved += 2;
            // "+ 0.0" turns a -0.0 into 0.0; hidden counts are ≥ 0 by construction.
            double lower = Math.max(0.0, Math.ceil(lo - EPS)) + 0.0;
            double upper = Double.isInfinite(hi) ? hi : Math.floor(hi + EPS) + 0.0;
            out.put(w, new Interval(lower, upper));
        }
        return out;
    }

    private static BoundsProgram.Row sparse(double[] a, BoundsProgram.Type type, double rhs) {
        int k = 0;
        for (double v : a) {
            if (v != 0) {
                k++;
            }
        }
        int[] vars = new int[k];
        double[] coeffs = new double[k];
        k = 0;
        for (int j = 0; j < a.length; j++) {
            if (a[j] != 0) {
                vars[k] = j;
                coeffs[k++] = a[j];
            }
        }
        return new BoundsProgram.Row(vars, coeffs, type, rhs);
    }

    /** Adds the member's coefficient when hidden, else returns its contribution as a constant. */
    private double term(CountRef r, int coeff, double[] a, Map<CountRef, Integer> index, Predicate<CountRef> hidden) {
        if (hidden.test(r)) {
            a[index.get(r)] += coeff;
            return 0;
        }
        Double v = values.get(r);
        if (v == null) {
            throw new IllegalArgumentException("table " + label + ": count " + r + " is in a relation but neither"
                    + " published nor hidden");
        }
        return coeff * v;
    }
}
