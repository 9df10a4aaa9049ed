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
import java.util.TreeMap;
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
    /** Reduced costs and gains smaller than this are rounding noise. */
    private static final double PRICE = 1e-7;
    private static final boolean TRACE = Boolean.getBoolean("samenloop.audit.trace");

    private final String label;
    private final List<Relation> relations;
    private final Map<CountRef, List<Integer>> relationsOf = new HashMap<>();
    /** As {@link #relationsOf}, without the AT_MOST relations the others imply: what the programs are built from. */
    private final Map<CountRef, List<Integer>> programRelationsOf = new HashMap<>();
    private final Map<CountRef, Double> values;
    private final Map<CountRef, double[]> boxes;
    /** Per component (its sorted hidden counts): exact {lowest, highest} per count, NaN while unknown. */
    private final Map<List<CountRef>, Map<CountRef, double[]>> cache = new java.util.concurrent.ConcurrentHashMap<>();
    /** Per hidden count: the lowest and highest value seen at a feasible point (the true value included). */
    private final Map<CountRef, double[]> witness = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<CountRef> everHidden = new HashSet<>();
    private final java.util.concurrent.atomic.AtomicInteger programsSolved = new java.util.concurrent.atomic.AtomicInteger();

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
        boolean[] implied = impliedAtMost(relations);
        for (int i = 0; i < relations.size(); i++) {
            index(relationsOf, relations.get(i), i);
            if (!implied[i]) {
                index(programRelationsOf, relations.get(i), i);
            }
        }
    }

    private static void index(Map<CountRef, List<Integer>> of, Relation r, int i) {
        of.computeIfAbsent(r.total(), k -> new ArrayList<>()).add(i);
        for (CountRef p : r.parts()) {
            List<Integer> l = of.computeIfAbsent(p, k -> new ArrayList<>());
            if (l.isEmpty() || l.get(l.size() - 1) != i) {
                l.add(i);
            }
        }
    }

    /**
     * The AT_MOST relations {@code part ≤ total} that the other relations already imply, so dropping them leaves
     * every program's feasible region unchanged. Every count is ≥ 0, so each part of a SUM or AT_MOST relation is
     * at most its total; {@code part ≤ total} is implied when a chain of such steps through other relations leads
     * from the part to the total (I3: {@code WITH_kind ≤ WITH_ANY_OTHER ≤ BASE} makes {@code WITH_kind ≤ BASE}
     * redundant). Decided one relation at a time against the relations still kept, so two relations never
     * justify each other away.
     */
    static boolean[] impliedAtMost(List<Relation> relations) {
        Map<CountRef, List<Integer>> up = new HashMap<>(); // part → relations in which it is a part
        for (int i = 0; i < relations.size(); i++) {
            for (CountRef p : relations.get(i).parts()) {
                up.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
            }
        }
        boolean[] implied = new boolean[relations.size()];
        for (int i = 0; i < relations.size(); i++) {
            Relation r = relations.get(i);
            if (r.type() == Relation.Type.AT_MOST && r.parts().size() == 1
                    && reaches(r.parts().get(0), r.total(), i, up, relations, implied)) {
                implied[i] = true;
            }
        }
        return implied;
    }

    /** A chain part ≤ … ≤ target through kept relations other than {@code skip} (breadth-first, small: a few levels). */
    private static boolean reaches(CountRef from, CountRef target, int skip, Map<CountRef, List<Integer>> up,
                                   List<Relation> relations, boolean[] implied) {
        Set<CountRef> seen = new HashSet<>();
        ArrayDeque<CountRef> queue = new ArrayDeque<>();
        queue.add(from);
        seen.add(from);
        while (!queue.isEmpty()) {
            CountRef v = queue.poll();
            for (int ri : up.getOrDefault(v, List.of())) {
                if (ri == skip || implied[ri]) {
                    continue;
                }
                CountRef total = relations.get(ri).total();
                if (total.equals(target)) {
                    return true;
                }
                if (seen.add(total)) {
                    queue.add(total);
                }
            }
        }
        return false;
    }

    int programsSolved() {
        return programsSolved.get();
    }

    List<Integer> relationsOf(CountRef r) {
        return relationsOf.getOrDefault(r, List.of());
    }

    /**
     * The interval of every target, given which counts are hidden from the reader: exact (both bounds of the whole
     * component's program) when the component has at most {@link #EXACT_LIMIT} hidden counts; else the hull of
     * the feasible points seen (an inner interval: a reader can never narrow the count beyond it; the rounds of
     * {@link #narrow} proved it wide enough with the whole component's program).
     */
    Map<CountRef, Interval> intervals(Predicate<CountRef> hidden, Collection<CountRef> targets) {
        Map<CountRef, Interval> out = new LinkedHashMap<>();
        forEachComponent(hidden, targets, (solver, wanted) -> {
            Map<CountRef, Interval> here = new LinkedHashMap<>();
            for (CountRef v : wanted) {
                double[] w = witness.get(v);
                if (solver.vars.size() > EXACT_LIMIT && w != null) {
                    // A large component: the interval between the feasible points seen (the rounds proved every
                    // target at least as wide as it must be); the exact interval is at least this wide.
                    here.put(v, new Interval(Math.max(0.0, Math.ceil(w[0] - EPS)) + 0.0, Math.floor(w[1] + EPS) + 0.0));
                } else {
                    here.put(v, solver.interval(v));
                }
            }
            return here;
        }, out::putAll, (t, iv) -> out.put(t, iv));
        return out;
    }

    /**
     * The targets whose interval is narrower than their required width (whole numbers, as {@link #intervals}),
     * each with the published counts whose suppression would widen it (see {@link ComponentSolver#widening}). A
     * target is proven wide without a linear program when two feasible points seen so far already lie that far
     * apart; only the others get their exact bounds.
     */
    Map<CountRef, Map<CountRef, Double>> narrow(Predicate<CountRef> hidden, Collection<CountRef> targets, int width) {
        return narrow(hidden, targets, r -> width);
    }

    Map<CountRef, Map<CountRef, Double>> narrow(Predicate<CountRef> hidden, Collection<CountRef> targets,
                                                java.util.function.ToIntFunction<CountRef> width) {
        keepWitnessesValid(hidden);
        Map<CountRef, Map<CountRef, Double>> out = new TreeMap<>();
        // 1. Neighbourhood programs, side by side on every core: most targets are proven wide here.
        // Only targets in large components: a small component's own program is cheaper than neighbourhoods.
        List<CountRef> open = new ArrayList<>();
        Set<CountRef> small = new HashSet<>();
        Set<CountRef> placed = new HashSet<>();
        for (CountRef t : new TreeSet<>(targets)) {
            Double truth = values.get(t);
            if (truth != null) {
                see(t, truth); // the true values are a feasible point
            }
            if (!hidden.test(t) || provenWide(t, width.applyAsInt(t))) {
                continue;
            }
            if (!placed.contains(t)) {
                List<CountRef> c = component(t, hidden);
                placed.addAll(c);
                if (c.size() <= LOCAL_FROM) {
                    small.addAll(c);
                }
            }
            if (small.contains(t)) {
                continue;
            }
            open.add(t);
        }
        Map<CountRef, LocalCheck> locallyNarrow = new TreeMap<>();
        // Two halves side by side, each in order: a program's feasible points often prove the next targets wide
        // without a program of their own. Each half keeps its own points until both are done (deterministic).
        int half = (open.size() + 1) / 2;
        List<List<CountRef>> parts = List.of(open.subList(0, half), open.subList(half, open.size()));
        List<List<LocalCheck>> done = parts.parallelStream().map(part -> {
            Map<CountRef, double[]> seenHere = new HashMap<>();
            List<LocalCheck> out2 = new ArrayList<>();
            for (CountRef t : part) {
                int w = width.applyAsInt(t);
                if (provenWide(t, w) || wide(seenHere.get(t), w)) {
                    continue;
                }
                LocalCheck c = local(t, hidden, w);
                for (Map.Entry<List<CountRef>, double[]> e : c.points) {
                    for (int i = 0; i < e.getValue().length; i++) {
                        double x = e.getValue()[i];
                        double[] span = seenHere.computeIfAbsent(e.getKey().get(i), k -> {
                            Double truth = values.get(k);
                            return truth == null ? new double[] {x, x} : new double[] {truth, truth};
                        });
                        span[0] = Math.min(span[0], x);
                        span[1] = Math.max(span[1], x);
                    }
                }
                out2.add(c);
            }
            return out2;
        }).toList();
        List<LocalCheck> checks = new ArrayList<>();
        done.forEach(checks::addAll);
        for (LocalCheck c : checks) {
            c.points.forEach(e -> seen(e.getKey(), e.getValue()));
        }
        for (LocalCheck c : checks) {
            if (!provenWide(c.target, width.applyAsInt(c.target))) {
                locallyNarrow.put(c.target, c);
            }
        }
        // 2. The rest: the whole component's program — the dense BoundsProgram for small components, GLOP for
        // large ones, where a few aggregate objectives first prove many targets at once.
        Set<CountRef> rest = new java.util.HashSet<>(locallyNarrow.keySet());
        for (CountRef t : targets) {
            if (small.contains(t)) {
                rest.add(t);
            }
        }
        for (CountRef t : targets) {
            if (!hidden.test(t)) {
                rest.add(t);
            }
        }
        forEachComponent(hidden, rest, (solver, wanted) -> {
            Map<CountRef, Map<CountRef, Double>> here = new HashMap<>();
            if (solver.vars.size() >= TOGETHER_FROM) {
                solver.proveTogether(wanted, width);
            }
            for (CountRef v : wanted) {
                int w = width.applyAsInt(v);
                if (provenWide(v, w)) {
                    continue;
                }
                solver.upper(v);
                if (provenWide(v, w)) {
                    continue;
                }
                if (!solver.interval(v).atLeast(w)) {
                    here.put(v, solver.widening(v));
                }
            }
            return here;
        }, out::putAll, (t, iv) -> {
            if (!iv.atLeast(width.applyAsInt(t))) {
                out.put(t, Map.of());
            }
        });
        return out;
    }

    /** Hidden counts up to which a component is solved with the dense {@link BoundsProgram}; GLOP above. */
    static final int EXACT_LIMIT = Integer.getInteger("samenloop.audit.exactLimit", 1200);
    /** Components from this many hidden counts first try to prove their targets wide together. */
    static final int TOGETHER_FROM = Integer.getInteger("samenloop.audit.togetherFrom", 50);
    /** Components up to this many hidden counts go straight to their own program, without neighbourhoods. */
    static final int LOCAL_FROM = Integer.getInteger("samenloop.audit.localFrom", 3000);
    /** Neighbourhood sizes tried, in hidden counts nearest the target. */
    private static final int[] SIZES = {40, 160, 500};

    /** A target's neighbourhood programs: the feasible points they found. */
    private static final class LocalCheck {
        final CountRef target;
        final List<Map.Entry<List<CountRef>, double[]>> points = new ArrayList<>();

        LocalCheck(CountRef target) {
            this.target = target;
        }
    }

    /**
     * Grows the target's neighbourhood until its program proves the target {@code width} wide, or stops growing.
     * Pure: reads the relations and values, records nothing (runs in parallel).
     */
    private LocalCheck local(CountRef target, Predicate<CountRef> hidden, int width) {
        LocalCheck c = new LocalCheck(target);
        int last = -1;
        for (int size : SIZES) {
            Neighbourhood nb = new Neighbourhood(target, size, hidden, relations, programRelationsOf, values);
            if (nb.size() == last) {
                break;
            }
            last = nb.size();
            BoundsProgram p;
            try {
                p = nb.program();
            } catch (BoundsProgram.Infeasible e) {
                throw new IllegalStateException("tables " + label + ": the relations around count " + target
                        + " have no solution with the true values (inconsistent tables)", e);
            }
            int k = nb.index.get(target);
            double lo = p.min(k);
            c.points.add(Map.entry(nb.vars, p.point()));
            double hi = p.max(k);
            c.points.add(Map.entry(nb.vars, p.point()));
            localPrograms.addAndGet(2);
            double lower = Math.max(0.0, Math.ceil(lo - EPS));
            double upper = Double.isInfinite(hi) ? hi : Math.floor(hi + EPS);
            if (upper - lower >= width) {
                break;
            }
        }
        return c;
    }

    private final java.util.concurrent.atomic.AtomicInteger localPrograms = new java.util.concurrent.atomic.AtomicInteger();

    int localProgramsSolved() {
        return localPrograms.get();
    }

    private void seen(List<CountRef> vars, double[] point) {
        for (int i = 0; i < point.length; i++) {
            see(vars.get(i), point[i]);
        }
    }

    /**
     * The published counts whose suppression would widen the last optimum of program {@code p}, each with a
     * first-order gain: from the duals, a published count hidden becomes a new column in the rows of its
     * relations; it helps when its reduced cost says moving it pushes the bound outwards.
     */
    private Map<CountRef, Double> widening(Bounds p, List<Integer> rowRelation, Predicate<CountRef> hidden) {
        double[] y = p.duals();
        Map<CountRef, Double> cost = new HashMap<>();
        for (int r = 0; r < y.length; r++) {
            int ri = rowRelation.get(r);
            if (y[r] == 0 || ri < 0) {
                continue;
            }
            Relation rel = relations.get(ri);
            if (!hidden.test(rel.total())) {
                cost.merge(rel.total(), y[r], Double::sum); // coefficient −1: reduced cost −y·(−1)
            }
            for (CountRef q : rel.parts()) {
                if (!hidden.test(q)) {
                    cost.merge(q, -y[r], Double::sum);
                }
            }
        }
        Map<CountRef, Double> gain = new HashMap<>();
        for (Map.Entry<CountRef, Double> e : cost.entrySet()) {
            double d = e.getValue();
            double value = values.get(e.getKey());
            double g = d < -PRICE ? Double.POSITIVE_INFINITY : d > PRICE ? d * value : 0;
            if (g > PRICE && !pinned(e.getKey(), hidden)) {
                gain.put(e.getKey(), g);
            }
        }
        return gain;
    }

    private static boolean wide(double[] w, int width) {
        return w != null && Math.floor(w[1] + EPS) - Math.ceil(w[0] - EPS) >= width;
    }

    private boolean provenWide(CountRef v, int width) {
        double[] w = witness.get(v);
        return w != null && Math.floor(w[1] + EPS) - Math.ceil(w[0] - EPS) >= width;
    }

    /** Threads that solve components side by side. */
    static final int THREADS = Integer.getInteger("samenloop.audit.threads", Runtime.getRuntime().availableProcessors());
    private int threads = THREADS;

    /** Solves components on at most {@code n} threads (tests: the outcome must not depend on it). */
    Audit threads(int n) {
        this.threads = n;
        return this;
    }

    /**
     * Groups the hidden targets by connected component; targets a reader sees go to {@code known}. The components
     * share no hidden count, so their programs are solved side by side ({@link #THREADS}), the largest first;
     * each returns its results, which are merged in component order, so the outcome does not depend on timing.
     */
    private <R> void forEachComponent(Predicate<CountRef> hidden, Collection<CountRef> targets,
                                      java.util.function.BiFunction<ComponentSolver, List<CountRef>, R> each,
                                      java.util.function.Consumer<R> merge,
                                      java.util.function.BiConsumer<CountRef, Interval> known) {
        keepWitnessesValid(hidden);
        Set<CountRef> done = new HashSet<>();
        Set<CountRef> wantedSet = targets instanceof Set<CountRef> set ? set : new HashSet<>(targets);
        List<List<CountRef>> components = new ArrayList<>();
        List<List<CountRef>> wants = new ArrayList<>();
        for (CountRef t : new TreeSet<>(targets)) {
            if (done.contains(t)) {
                continue;
            }
            if (!hidden.test(t)) {
                // Published after all (e.g. by another table of the package): known exactly.
                Double v = values.get(t);
                known.accept(t, v == null ? new Interval(0, Double.POSITIVE_INFINITY) : new Interval(v, v));
                continue;
            }
            List<CountRef> component = component(t, hidden);
            done.addAll(component);
            everHidden.addAll(component);
            List<CountRef> wanted = new ArrayList<>();
            for (CountRef v : component) {
                if (wantedSet.contains(v)) {
                    wanted.add(v);
                }
            }
            components.add(component);
            wants.add(wanted);
        }
        List<R> results = Components.solve(components.size(), threads, i -> components.get(i).size(),
                i -> each.apply(new ComponentSolver(components.get(i), hidden), wants.get(i)));
        results.forEach(merge);
    }

    /**
     * A feasible point for a set of hidden counts stays feasible when more counts are hidden (they keep their
     * true values), so witnesses carry over between the rounds of secondary suppression, where the hidden set
     * only grows. If a count that was hidden is published again, they are dropped.
     */
    private void keepWitnessesValid(Predicate<CountRef> hidden) {
        for (CountRef r : everHidden) {
            if (!hidden.test(r)) {
                witness.clear();
                everHidden.clear();
                cache.clear();
                return;
            }
        }
    }

    /** The hidden counts connected to {@code start} through relations, sorted (the cache key). */
    List<CountRef> component(CountRef start, Predicate<CountRef> hidden) {
        Set<CountRef> seen = new HashSet<>();
        ArrayDeque<CountRef> queue = new ArrayDeque<>();
        seen.add(start);
        queue.add(start);
        while (!queue.isEmpty()) {
            CountRef v = queue.poll();
            for (int ri : programRelationsOf.getOrDefault(v, List.of())) {
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

    /**
     * One component's program, built on first need. A bound costs a linear program only when cheaper evidence
     * does not settle it: every count's bounds implied by the rows ({@link BoundsProgram#impliedBounds}) are
     * valid, so a feasible point that reaches one proves it exact (most lower bounds are 0, reached by the
     * first basic solution).
     */
    private final class ComponentSolver {
        private final List<CountRef> vars;
        private final Predicate<CountRef> hidden;
        private final Map<CountRef, Integer> index = new HashMap<>();
        private final Map<CountRef, double[]> exact;
        private List<BoundsProgram.Row> rows;
        /** Per row: the relation it was written from (−1 for a box). */
        private final List<Integer> rowRelation = new ArrayList<>();
        private double[][] implied;
        private Bounds program;

        ComponentSolver(List<CountRef> vars, Predicate<CountRef> hidden) {
            this.vars = vars;
            this.hidden = hidden;
            for (int i = 0; i < vars.size(); i++) {
                index.put(vars.get(i), i);
            }
            this.exact = cache.computeIfAbsent(vars, k -> new HashMap<>());
        }

        /** The exact interval, rounded inwards to whole numbers. */
        Interval interval(CountRef v) {
            double lo = lower(v);
            double hi = upper(v);
            // "+ 0.0" turns a -0.0 into 0.0; hidden counts are ≥ 0 by construction.
            double lower = Math.max(0.0, Math.ceil(lo - EPS)) + 0.0;
            double upper = Double.isInfinite(hi) ? hi : Math.floor(hi + EPS) + 0.0;
            return new Interval(lower, upper);
        }

        double lower(CountRef v) {
            return bound(v, 0);
        }

        double upper(CountRef v) {
            return bound(v, 1);
        }

        /** side 0: lowest value, side 1: highest. */
        private double bound(CountRef v, int side) {
            double[] e = exact.computeIfAbsent(v, k -> new double[] {Double.NaN, Double.NaN});
            if (!Double.isNaN(e[side])) {
                return e[side];
            }
            prepare();
            int k = index.get(v);
            double[] w = witness.get(v);
            double limit = implied[side][k];
            if (w != null && (side == 0 ? w[0] <= limit + EPS : w[1] >= limit - EPS)) {
                e[side] = limit;
                return limit;
            }
            Bounds p = program();
            e[side] = side == 0 ? p.min(k) : p.max(k);
            programsSolved.incrementAndGet();
            seen(p.point());
            return e[side];
        }

        private void prepare() {
            if (rows != null) {
                return;
            }
            rows = rows(vars, index, hidden, rowRelation);
            implied = BoundsProgram.impliedBounds(vars.size(), rows);
            for (CountRef v : vars) {
                Double truth = values.get(v);
                if (truth != null) {
                    see(v, truth);
                }
            }
        }

        private Bounds program() {
            if (program == null) {
                long t0 = System.nanoTime();
                try {
                    program = vars.size() > EXACT_LIMIT ? new GlopProgram(vars.size(), rows)
                            : new BoundsProgram(vars.size(), rows);
                } catch (BoundsProgram.Infeasible e) {
                    throw new IllegalStateException("table " + label + ": the relations around count " + vars.get(0)
                            + " have no solution with the published values (inconsistent table)", e);
                }
                if (TRACE) {
                    System.err.printf("audit %s: component of %d counts, %d rows (%s): built in %.1f ms%n", label,
                            vars.size(), rows.size(), program.getClass().getSimpleName(), (System.nanoTime() - t0) / 1e6);
                }
            }
            return program;
        }

        /**
         * Proves many targets wide at once (large components): each optimum of an aggregate objective is a
         * feasible point, and two points far enough apart in a target prove it without a bound of its own.
         * Minimises the sum of the open targets (all low), then with alternating random signs.
         */
        void proveTogether(List<CountRef> wanted, java.util.function.ToIntFunction<CountRef> width) {
            prepare();
            Bounds glop = program();
            java.util.Random random = new java.util.Random(vars.size());
            for (int round = 0; round < 6; round++) {
                List<Integer> open = new ArrayList<>();
                for (CountRef v : wanted) {
                    if (!provenWide(v, width.applyAsInt(v))) {
                        open.add(index.get(v));
                    }
                }
                if (open.size() < 4) {
                    return;
                }
                int[] at = new int[open.size()];
                double[] weights = new double[open.size()];
                int k = 0;
                for (int j : open) {
                    // Upwards only where something bounds the count (else the aggregate is unbounded).
                    boolean up = round > 0 && (round % 2 == 1 || random.nextBoolean()) && implied[1][j] < 1e15;
                    at[k] = j;
                    weights[k++] = up ? -1 : 1;
                }
                double v = glop.minimise(at, weights);
                programsSolved.incrementAndGet();
                if (v != Double.NEGATIVE_INFINITY) {
                    seen(glop.point());
                }
            }
        }

        /**
         * The published counts whose suppression would widen v's interval, each with how much by at most (first
         * order; +∞ when it can grow without limit). Read from the duals at v's lowest and highest value: a
         * published count, once hidden, is a new variable in the rows of its relations; it helps when its reduced
         * cost says moving it (up, or down towards 0) pushes the bound outwards. A count that a fully published SUM
         * relation would still give away is left out: hiding it alone changes nothing.
         */
        Map<CountRef, Double> widening(CountRef v) {
            prepare();
            Bounds p = program();
            int k = index.get(v);
            Map<CountRef, Double> gain = new HashMap<>();
            for (int side = 0; side < 2; side++) {
                if (side == 0) {
                    p.min(k);
                } else {
                    p.max(k);
                }
                programsSolved.incrementAndGet();
                seen(p.point());
                Audit.this.widening(p, rowRelation, hidden).forEach((q, g) -> gain.merge(q, g, Math::max));
            }
            return gain;
        }

        private void seen(double[] point) {
            for (int i = 0; i < point.length; i++) {
                see(vars.get(i), point[i]);
            }
        }
    }

    /** In a SUM relation whose other members are all published: hiding it alone still gives it away. */
    private boolean pinned(CountRef c, Predicate<CountRef> hidden) {
        for (int ri : relationsOf(c)) {
            Relation r = relations.get(ri);
            if (r.type() != Relation.Type.SUM) {
                continue;
            }
            boolean others = hidden.test(r.total()) && !r.total().equals(c);
            for (CountRef q : r.parts()) {
                others |= hidden.test(q) && !q.equals(c);
            }
            if (!others) {
                return true;
            }
        }
        return false;
    }

    private void see(CountRef v, double x) {
        double[] w = witness.computeIfAbsent(v, k -> new double[] {x, x});
        w[0] = Math.min(w[0], x);
        w[1] = Math.max(w[1], x);
    }

    /** The component's relations with published members moved to the right-hand side, plus the boxes. */
    /** The program of the component around {@code start} (its sorted hidden counts and rows), for benchmarks. */
    Map.Entry<List<CountRef>, List<BoundsProgram.Row>> componentProgram(CountRef start, Predicate<CountRef> hidden) {
        List<CountRef> vars = component(start, hidden);
        Map<CountRef, Integer> index = new HashMap<>();
        for (int i = 0; i < vars.size(); i++) {
            index.put(vars.get(i), i);
        }
        return Map.entry(vars, rows(vars, index, hidden, new ArrayList<>()));
    }

    private List<BoundsProgram.Row> rows(List<CountRef> vars, Map<CountRef, Integer> index, Predicate<CountRef> hidden,
                                         List<Integer> rowRelation) {
        int n = vars.size();
        List<BoundsProgram.Row> rows = new ArrayList<>();
        Set<Integer> used = new TreeSet<>();
        for (CountRef v : vars) {
            used.addAll(programRelationsOf.getOrDefault(v, List.of()));
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
            rowRelation.add(ri);
        }
        for (CountRef v : vars) {
            double[] box = boxes.get(v);
            if (box != null) {
                int[] at = {index.get(v)};
                rows.add(new BoundsProgram.Row(at, new double[] {1}, BoundsProgram.Type.GE, box[0]));
                rows.add(new BoundsProgram.Row(at, new double[] {1}, BoundsProgram.Type.LE, box[1]));
                rowRelation.add(-1);
                rowRelation.add(-1);
            }
        }
        return rows;
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
