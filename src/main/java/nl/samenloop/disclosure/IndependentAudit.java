package nl.samenloop.disclosure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The interval audit of spec disclosure.md ("Audit") solved a second way: with ojAlgo, a maintained LP solver
 * that shares nothing with the production solver ({@link Audit}, {@link BoundsProgram}, {@link Decomposition},
 * {@link Neighbourhood}). The output checker's re-check ({@link PackageRecheck}) uses it, so a bug in either
 * solver shows as a disagreement between the interval the package records and the one recomputed here.
 *
 * <p>The program is the reader's: a published count is a constant, a ROUNDED count lies in its box, every
 * other count named in a relation is an unknown ≥ 0, and every relation holds. Unknowns that share no relation
 * are independent, so each connected group of unknowns is its own small program; each bound is one cold solve
 * (no warm start, no reuse — slower than production, and that is the point). Bounds are rounded inwards to
 * whole numbers, as a reader of integer counts would (see {@link Interval}).
 */
public final class IndependentAudit {
    private static final double EPS = 1e-6;

    static {
        // ojAlgo prints a note about hardware profiles to stdout on first use unless told not to; the output
        // checker's report should hold findings only.
        if (System.getProperty("shut.up.ojAlgo") == null) {
            System.setProperty("shut.up.ojAlgo", "true");
        }
    }

    /** Targets handed to {@link #intervals} and solved so far in this JVM, for the output checker's progress lines. */
    private static final java.util.concurrent.atomic.LongAdder TARGETS = new java.util.concurrent.atomic.LongAdder();
    private static final java.util.concurrent.atomic.LongAdder SOLVED = new java.util.concurrent.atomic.LongAdder();

    private final List<Relation> relations;
    private final Map<CountRef, Double> published;
    private final Map<CountRef, double[]> boxes;

    public IndependentAudit(List<Relation> relations, Map<CountRef, Double> published, Map<CountRef, double[]> boxes) {
        this.relations = List.copyOf(relations);
        this.published = Map.copyOf(published);
        this.boxes = Map.copyOf(boxes);
    }

    /**
     * The interval of every target. A target that is published is its own value.
     *
     * @throws IllegalStateException when the published values contradict the relations (no count can satisfy
     *                               them all): the package's numbers are not what its relations say
     */
    public Map<CountRef, Interval> intervals(Collection<CountRef> targets) {
        Map<CountRef, Integer> index = new LinkedHashMap<>();
        for (Relation r : relations) {
            members(r).forEach(m -> unknown(m, index));
        }
        targets.forEach(t -> unknown(t, index));
        int[] parent = new int[index.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (Relation r : relations) {
            int a = -1;
            for (CountRef m : members(r)) {
                Integer b = index.get(m);
                if (b == null) {
                    continue;
                }
                if (a >= 0) {
                    parent[root(parent, a)] = root(parent, b);
                }
                a = b;
            }
        }
        Map<Integer, List<Relation>> relsOf = new HashMap<>();
        List<Relation> constantOnly = new ArrayList<>();
        for (Relation r : relations) {
            CountRef first = members(r).stream().filter(index::containsKey).findFirst().orElse(null);
            if (first == null) {
                constantOnly.add(r);
            } else {
                relsOf.computeIfAbsent(root(parent, index.get(first)), k -> new ArrayList<>()).add(r);
            }
        }
        constantOnly.forEach(IndependentAudit.this::checkPublished);
        // Every bound is its own cold solve, so the targets are solved on all cores (each solve builds its own model;
        // the groups are looked up, never changed, from here on). A national package holds tens of thousands.
        List<CountRef> todo = List.copyOf(new LinkedHashSet<>(targets));
        int[] group = new int[todo.size()];
        for (int i = 0; i < group.length; i++) {
            Integer u = index.get(todo.get(i));
            group[i] = u == null ? -1 : root(parent, u);
        }
        TARGETS.add(todo.size());
        Interval[] found = new Interval[todo.size()];
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        IntStream.range(0, found.length).parallel().forEach(i -> {
            CountRef t = todo.get(i);
            Double shown = published.get(t);
            if (shown != null) {
                found[i] = new Interval(shown, shown);
                SOLVED.increment();
                return;
            }
            if (failed.get() != null) {
                return;
            }
            try {
                List<Relation> rels = relsOf.getOrDefault(group[i], List.of());
                double lo = optimum(t, rels, false);
                double hi = optimum(t, rels, true);
                double lower = Math.max(0.0, Math.ceil(lo - EPS)) + 0.0;
                double upper = Double.isInfinite(hi) ? hi : Math.floor(hi + EPS) + 0.0;
                found[i] = new Interval(lower, upper);
                SOLVED.increment();
            } catch (RuntimeException e) {
                failed.compareAndSet(null, e);
            }
        });
        if (failed.get() != null) {
            throw failed.get(); // as thrown, on the caller's thread (a worker's exception would come back wrapped)
        }
        Map<CountRef, Interval> out = new LinkedHashMap<>();
        for (int i = 0; i < found.length; i++) {
            out.put(todo.get(i), found[i]);
        }
        return out;
    }

    /** "1,234 of 5,678 counts re-solved": the targets of {@link #intervals} in this JVM so far. */
    public static String soFar() {
        return String.format("%,d of %,d counts re-solved", SOLVED.sum(), TARGETS.sum());
    }

    /**
     * One assignment of every unknown count that satisfies all relations, the published values and the boxes: the
     * vertex ojAlgo finds when it minimises their sum. It is computed from the published numbers only, so it is
     * never the hidden truth a reader could not know; tools that need a complete table (tau-ARGUS) get these.
     *
     * @throws IllegalStateException when no assignment exists (the published values contradict the relations)
     */
    public Map<CountRef, Double> completion() {
        ExpressionsBasedModel m = new ExpressionsBasedModel();
        Map<CountRef, Variable> x = new LinkedHashMap<>();
        java.util.function.Function<CountRef, Variable> var = ref -> x.computeIfAbsent(ref, k -> {
            Variable v = m.addVariable("x" + x.size()).weight(1);
            double[] box = boxes.get(k);
            return box == null ? v.lower(0) : v.lower(box[0]).upper(box[1]);
        });
        int i = 0;
        for (Relation r : relations) {
            if (members(r).stream().allMatch(published::containsKey)) {
                checkPublished(r);
                continue;
            }
            addRow(m, "r" + i++, r, var);
        }
        Map<CountRef, Double> out = new LinkedHashMap<>();
        if (x.isEmpty()) {
            return out;
        }
        Optimisation.Result res = m.minimise();
        if (!res.getState().isOptimal()) {
            throw new IllegalStateException("the published counts admit no completion (ojAlgo: " + res.getState()
                    + "): they contradict the relations");
        }
        x.forEach((ref, v) -> out.put(ref, Math.max(0.0, v.getValue().doubleValue())));
        return out;
    }

    /** A relation whose members are all published is a plain arithmetic check of the published numbers. */
    private void checkPublished(Relation r) {
        double slack = published.get(r.total()) - r.parts().stream().mapToDouble(published::get).sum();
        if (r.type() == Relation.Type.SUM ? Math.abs(slack) > EPS : slack < -EPS) {
            throw new IllegalStateException("published counts contradict relation " + describe(r));
        }
    }

    private void unknown(CountRef r, Map<CountRef, Integer> index) {
        if (!published.containsKey(r)) {
            index.putIfAbsent(r, index.size());
        }
    }

    private static List<CountRef> members(Relation r) {
        List<CountRef> m = new ArrayList<>(r.parts().size() + 1);
        m.add(r.total());
        m.addAll(r.parts());
        return m;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** min or max of {@code target} over its group's relations; one fresh model per solve. */
    private double optimum(CountRef target, List<Relation> rels, boolean max) {
        ExpressionsBasedModel m = new ExpressionsBasedModel();
        Map<CountRef, Variable> x = new HashMap<>();
        java.util.function.Function<CountRef, Variable> var = ref -> x.computeIfAbsent(ref, k -> {
            Variable v = m.addVariable("x" + x.size());
            double[] box = boxes.get(k);
            return box == null ? v.lower(0) : v.lower(box[0]).upper(box[1]);
        });
        Variable goal = var.apply(target);
        int i = 0;
        for (Relation r : rels) {
            addRow(m, "r" + i++, r, var);
        }
        goal.weight(1);
        Optimisation.Result res = max ? m.maximise() : m.minimise();
        if (res.getState() == Optimisation.State.UNBOUNDED) {
            return max ? Double.POSITIVE_INFINITY : 0.0;
        }
        if (!res.getState().isOptimal()) {
            throw new IllegalStateException("the published counts around " + target + " admit no solution (ojAlgo: "
                    + res.getState() + "): they contradict the relations");
        }
        return goal.getValue().doubleValue();
    }

    private static String describe(Relation r) {
        return r.total() + (r.type() == Relation.Type.SUM ? " = " : " >= ") + String.join(" + ",
                r.parts().stream().map(CountRef::toString).toList());
    }

    /** Σ parts − total, published members moved to the constant: = 0 for SUM, ≤ 0 for AT_MOST. */
    private void addRow(ExpressionsBasedModel m, String name, Relation r,
                        java.util.function.Function<CountRef, Variable> var) {
        Expression ex = m.addExpression(name);
        double constant = 0;
        List<CountRef> mem = members(r);
        for (int k = 0; k < mem.size(); k++) {
            double coeff = k == 0 ? -1 : 1;
            Double s = published.get(mem.get(k));
            if (s != null) {
                constant += coeff * s;
            } else {
                ex.add(var.apply(mem.get(k)), coeff);
            }
        }
        if (r.type() == Relation.Type.SUM) {
            ex.level(-constant);
        } else {
            ex.upper(-constant);
        }
    }
}
