package nl.samenloop.disclosure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import nl.samenloop.model.Period;

/**
 * The identities a reader knows about any area and any pool, whatever the tables printed, made explicit so
 * that releases with different areas and pools are protected as one system:
 * <ol>
 *   <li><b>Areas add up.</b> Every count is additive over municipalities (a person counts in one municipality
 *       per period). The municipality sets of all keys split the country into <i>atoms</i>: the largest groups
 *       of municipalities that no set tells apart. A key whose set holds several atoms equals the sum of its
 *       atoms, unless a relation already splits it into disjoint parts (a region into its municipalities).
 *       Between two releases this links, e.g., the {@code REST-} row of a five-municipality job to that of a
 *       four-municipality job, or a region-only table to a municipality-only one.</li>
 *   <li><b>Pools add up.</b> A count over a pool ({@code 2016HJ01-2020HJ02}) is the sum over its periods
 *       (spec indicators.md: multi-period figures pool person-periods), whether or not a table printed the
 *       periods (I6 groups print only the pool).</li>
 *   <li><b>Categories hold in every area.</b> The relations among counts of one area and period (base = only +
 *       with any other, with kind ≤ with any other, numerator ≤ denominator) hold in any area; they are
 *       repeated for every new atom count, so an atom is as constrained as the rows that contain it.</li>
 * </ol>
 * New counts (atoms, periods of a pool) are unknowns of the reader. For a single release nothing is added:
 * its rows are the atoms, and its relations split every larger row.
 *
 * <p>This is exactly the system an intruder builds with one variable per municipality (aggregating
 * municipalities that no table tells apart changes no bound: the relations are homogeneous, so a feasible
 * aggregate can always be placed in one of its municipalities).
 */
final class Decomposition {
    /** The true count of a key over a municipality set, when the engine knows it (null otherwise). */
    interface Truth {
        Count of(CountRef key, List<String> members);
    }

    private final List<Relation> relations;
    private final Map<String, List<String>> geoSets;
    private final Map<CountRef, Count> truth = new HashMap<>();
    private final Set<String> texts = new HashSet<>();
    private final Map<CountRef, List<Relation>> byTotal = new HashMap<>();
    /** Concept → the templates (relations of one area and period, area and period left out) that mention it. */
    private final Map<String, List<Relation>> templates = new HashMap<>();
    /** Municipality code → atom id. */
    private final Map<String, String> atomOfCode = new HashMap<>();
    private final Set<CountRef> known = new HashSet<>();
    private final Set<CountRef> synthetic = new TreeSet<>();

    Decomposition(List<Relation> relations, Set<CountRef> keys, Map<String, List<String>> geoSets, Truth truthOf) {
        this.relations = new ArrayList<>(relations);
        this.geoSets = geoSets;
        for (Relation r : relations) {
            texts.add(Canonical.text(r));
            byTotal.computeIfAbsent(r.total(), k -> new ArrayList<>()).add(r);
            template(r);
        }
        known.addAll(keys);
        atoms(keys);
        ArrayDeque<CountRef> work = new ArrayDeque<>(new TreeSet<>(keys));
        Set<CountRef> done = new HashSet<>();
        while (!work.isEmpty()) {
            CountRef k = work.poll();
            if (!done.add(k)) {
                continue;
            }
            for (CountRef n : expand(k)) {
                if (known.add(n)) {
                    synthetic.add(n);
                    Count c = n.period().contains("-") ? null : truthOf.of(n, members(n.geoCode()));
                    if (c != null) {
                        truth.put(n, c);
                    }
                }
                if (!done.contains(n)) {
                    work.add(n);
                }
            }
        }
    }

    List<Relation> relations() {
        return relations;
    }

    /** The true counts of the new keys that the engine could compute. */
    Map<CountRef, Count> truth() {
        return truth;
    }

    Set<CountRef> synthetic() {
        return synthetic;
    }

    private List<String> members(String geo) {
        List<String> m = geoSets.get(geo);
        return m != null ? m : List.of(geo);
    }

    /** The relations of one area and one period, as templates per concept. */
    private void template(Relation r) {
        String geo = r.total().geoCode();
        String period = r.total().period();
        for (CountRef p : r.parts()) {
            if (!p.geoCode().equals(geo) || !p.period().equals(period)) {
                return;
            }
        }
        Set<String> concepts = new TreeSet<>();
        concepts.add(r.total().name());
        r.parts().forEach(p -> concepts.add(p.name()));
        if (concepts.size() < 2) {
            return;
        }
        Relation t = generic(r);
        for (String c : concepts) {
            List<Relation> l = templates.computeIfAbsent(c, k -> new ArrayList<>());
            if (!l.contains(t)) {
                l.add(t);
            }
        }
    }

    private static Relation generic(Relation r) {
        return new Relation(r.type(), new CountRef(r.total().name(), "", ""),
                r.parts().stream().map(p -> new CountRef(p.name(), "", "")).toList());
    }

    /** Splits the municipalities of all sets into atoms: groups with the same membership in every set. */
    private void atoms(Set<CountRef> keys) {
        Set<String> geos = new TreeSet<>();
        keys.forEach(k -> geos.add(k.geoCode()));
        List<String> ids = new ArrayList<>(geos);
        Map<String, BitSet> signature = new TreeMap<>();
        for (int i = 0; i < ids.size(); i++) {
            for (String m : members(ids.get(i))) {
                signature.computeIfAbsent(m, x -> new BitSet()).set(i);
            }
        }
        Map<BitSet, List<String>> groups = new LinkedHashMap<>();
        signature.forEach((m, sig) -> groups.computeIfAbsent(sig, x -> new ArrayList<>()).add(m));
        for (List<String> g : groups.values()) {
            String id = Canonical.geoId(g);
            if (g.size() > 1) {
                geoSets.putIfAbsent(id, List.copyOf(g));
            }
            g.forEach(m -> atomOfCode.put(m, id));
        }
    }

    private List<String> atomsOf(String geo) {
        Set<String> out = new TreeSet<>();
        for (String m : members(geo)) {
            String a = atomOfCode.get(m);
            out.add(a == null ? m : a);
        }
        return new ArrayList<>(out);
    }

    /** The relations key k still needs; returns the keys they mention. */
    private List<CountRef> expand(CountRef k) {
        List<CountRef> out = new ArrayList<>();
        if (k.period().contains("-")) {
            List<String> periods = periods(k.period());
            if (periods != null && !pooled(k, periods)) {
                List<CountRef> parts = periods.stream().map(p -> new CountRef(k.name(), k.geoCode(), p)).toList();
                add(Relation.sum(k, parts), out);
            }
            return out;
        }
        List<String> atoms = atomsOf(k.geoCode());
        if (atoms.size() >= 2) {
            if (!partitioned(k)) {
                add(Relation.sum(k, atoms.stream().map(a -> new CountRef(k.name(), a, k.period())).toList()), out);
            }
        } else if (synthetic.contains(k)) {
            for (Relation t : templates.getOrDefault(k.name(), List.of())) {
                add(new Relation(t.type(), new CountRef(t.total().name(), k.geoCode(), k.period()),
                        t.parts().stream().map(p -> new CountRef(p.name(), k.geoCode(), k.period())).toList()), out);
            }
        }
        return out;
    }

    private void add(Relation r, List<CountRef> mentioned) {
        if (texts.add(Canonical.text(r))) {
            relations.add(r);
            byTotal.computeIfAbsent(r.total(), x -> new ArrayList<>()).add(r);
        }
        mentioned.add(r.total());
        mentioned.addAll(r.parts());
    }

    /** A relation already says this pool count is the sum over its periods. */
    private boolean pooled(CountRef k, List<String> periods) {
        Set<CountRef> want = new HashSet<>();
        periods.forEach(p -> want.add(new CountRef(k.name(), k.geoCode(), p)));
        for (Relation r : byTotal.getOrDefault(k, List.of())) {
            if (r.type() == Relation.Type.SUM && new HashSet<>(r.parts()).equals(want)) {
                return true;
            }
        }
        return false;
    }

    /** A relation already splits this count into counts of disjoint areas that together are its area. */
    private boolean partitioned(CountRef k) {
        Set<String> whole = new HashSet<>(members(k.geoCode()));
        for (Relation r : byTotal.getOrDefault(k, List.of())) {
            if (r.type() != Relation.Type.SUM) {
                continue;
            }
            Set<String> union = new HashSet<>();
            int size = 0;
            boolean sameSlice = true;
            for (CountRef p : r.parts()) {
                sameSlice &= p.name().equals(k.name()) && p.period().equals(k.period()) && !p.equals(k);
                List<String> m = members(p.geoCode());
                union.addAll(m);
                size += m.size();
            }
            if (sameSlice && size == union.size() && union.equals(whole)) {
                return true;
            }
        }
        return false;
    }

    /** The periods of a pool code {@code FIRST-LAST}, or null when it is not one. */
    static List<String> periods(String pool) {
        String[] ends = pool.split("-");
        if (ends.length != 2) {
            return null;
        }
        try {
            Period first = Period.parse(ends[0]);
            Period last = Period.parse(ends[1]);
            if (first.granularity() != last.granularity()) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (Period p : Period.range(first.year(), last.year(), first.granularity())) {
                if (!p.start().isBefore(first.start()) && !p.end().isAfter(last.end())) {
                    out.add(p.code());
                }
            }
            return out;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
