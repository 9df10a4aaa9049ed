package nl.samenloop.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;

/**
 * The audit's program for one hidden count restricted to its neighbourhood: the hidden counts within a few
 * relations of it are unknowns, every other hidden count is fixed at its true value. Every solution of this
 * program, with the rest at their true values, satisfies all relations — so its lowest and highest value of the
 * target lie inside the interval a reader can derive (an inner interval). When that is already T wide, the
 * target is proven safe without the whole component's program, whose size grows with the table (thousands of
 * counts when small areas, half-years and a pool are hidden together) while a neighbourhood stays small.
 *
 * <p>Hidden counts whose true value the engine does not know (counts of earlier releases that this one does not
 * compute) are never fixed: they join the neighbourhood with everything around them.
 */
final class Neighbourhood {
    final CountRef target;
    final List<CountRef> vars;
    final Map<CountRef, Integer> index = new HashMap<>();
    final List<BoundsProgram.Row> rows = new ArrayList<>();
    private BoundsProgram program;

    /**
     * @param size how many hidden counts, nearest first (breadth-first through the relations), may be unknowns;
     *             counts whose true value is unknown come on top
     */
    Neighbourhood(CountRef target, int size, Predicate<CountRef> hidden, List<Relation> relations,
                  Map<CountRef, List<Integer>> relationsOf, Map<CountRef, Double> values) {
        this.target = target;
        java.util.Set<CountRef> in = new java.util.LinkedHashSet<>();
        ArrayDeque<CountRef> queue = new ArrayDeque<>();
        in.add(target);
        queue.add(target);
        int known = 1;
        while (!queue.isEmpty()) {
            CountRef v = queue.poll();
            for (int ri : relationsOf.getOrDefault(v, List.of())) {
                for (CountRef m : members(relations.get(ri))) {
                    if (!hidden.test(m) || in.contains(m)) {
                        continue;
                    }
                    // Unknown true value: it cannot be fixed, so it is always an unknown, beyond the size too.
                    boolean unknown = !values.containsKey(m);
                    if (unknown || known < size) {
                        in.add(m);
                        if (unknown) {
                            queue.addFirst(m);
                        } else {
                            known++;
                            queue.add(m);
                        }
                    }
                }
            }
        }
        this.vars = new ArrayList<>(new TreeSet<>(in));
        for (int i = 0; i < vars.size(); i++) {
            index.put(vars.get(i), i);
        }
        Set<Integer> used = new TreeSet<>();
        for (CountRef v : vars) {
            used.addAll(relationsOf.getOrDefault(v, List.of()));
        }
        for (int ri : used) {
            Relation r = relations.get(ri);
            Map<Integer, Double> coeffs = new java.util.TreeMap<>();
            double rhs = 0;
            List<CountRef> m = members(r);
            for (int k = 0; k < m.size(); k++) {
                double c = k == 0 ? -1 : 1;
                Integer j = index.get(m.get(k));
                if (j != null) {
                    coeffs.merge(j, c, Double::sum);
                } else {
                    // Published, or hidden and fixed at its true value.
                    rhs -= c * values.get(m.get(k));
                }
            }
            coeffs.values().removeIf(x -> x == 0);
            if (coeffs.isEmpty()) {
                continue; // only published and fixed counts: true for their values
            }
            int[] at = new int[coeffs.size()];
            double[] a = new double[coeffs.size()];
            int k = 0;
            for (Map.Entry<Integer, Double> e : coeffs.entrySet()) {
                at[k] = e.getKey();
                a[k++] = e.getValue();
            }
            rows.add(new BoundsProgram.Row(at, a, r.type() == Relation.Type.SUM ? BoundsProgram.Type.EQ
                    : BoundsProgram.Type.LE, rhs));
        }
    }

    int size() {
        return vars.size();
    }

    BoundsProgram program() {
        if (program == null) {
            program = new BoundsProgram(vars.size(), rows);
        }
        return program;
    }

    private static List<CountRef> members(Relation r) {
        List<CountRef> m = new ArrayList<>(r.parts().size() + 1);
        m.add(r.total());
        m.addAll(r.parts());
        return m;
    }
}
