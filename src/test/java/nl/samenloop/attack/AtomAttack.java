package nl.samenloop.attack;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.samenloop.disclosure.Decision;
import nl.samenloop.disclosure.ProtectedTable;
import nl.samenloop.disclosure.Status;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * An intruder who reads every release of one dataset together and knows what every count means: a concept
 * (I2's WIJKTEAM and I3's base are the same persons), a set of municipalities, a half-year or a pool of them.
 * Unknowns: one per concept, atom and half-year, where the atoms are the finest groups of municipalities
 * that the releases' areas tell apart — every count is the sum of its atoms over its half-years, the relations
 * of one area and period that any table prints (base = only + with any other, with kind ≤ with any other,
 * numerator ≤ population, …) hold in every atom and half-year, every shown count is fixed.
 *
 * <p>Written for the tests, independently of Samenloop's disclosure code: no canonical keys, no decomposition
 * shortcuts (every template in every atom), no components; one cold ojAlgo solve per bound.
 */
public final class AtomAttack {
    /** A count by meaning: concept, sorted municipality set, period or pool. */
    record Meaning(String concept, List<String> members, String period) {
    }

    /** A suppressed count of some release and the interval the intruder derives (rounded inwards to integers). */
    public record Finding(String release, String count, double lower, double upper) {
        public double width() {
            return upper - lower;
        }

        @Override
        public String toString() {
            return release + " " + count + " [" + lower + ", " + upper + "]";
        }
    }

    private final Map<Meaning, Double> shown = new HashMap<>();
    private final Map<Meaning, String> suppressed = new TreeMap<>(java.util.Comparator.comparing(Meaning::toString));
    private final Set<List<Object>> templates = new LinkedHashSet<>();
    private final Set<String> concepts = new TreeSet<>();
    private final Set<String> periods = new TreeSet<>();
    private final Set<List<String>> sets = new LinkedHashSet<>();
    private final Map<String, Integer> atomOf = new HashMap<>();
    private final Map<String, Map<String, Map<String, Variable>>> y = new HashMap<>();

    /** @param releases each release's protected tables, named */
    public AtomAttack(Map<String, List<ProtectedTable>> releases) {
        releases.forEach((name, tables) -> tables.forEach(t -> read(name, t)));
        atoms();
    }

    private void read(String release, ProtectedTable t) {
        CellTable src = t.source();
        for (Decision d : t.decisions().values()) {
            Meaning m = meaning(src, d.ref());
            if (d.status().shown() && d.shownValue() != null) {
                Double old = shown.put(m, (double) src.counts().get(d.ref()).value());
                if (old != null && old != (double) src.counts().get(d.ref()).value()) {
                    throw new IllegalStateException(m + " shown with two values: the meanings are wrong");
                }
            } else if ((d.status() == Status.PRIMARY || d.status() == Status.SECONDARY) && !"PUBLISHED_BEFORE".equals(d.rule())) {
                suppressed.putIfAbsent(m, release + " " + src.name() + " " + d.ref());
            }
        }
        for (Relation r : src.relations()) {
            boolean local = true;
            for (CountRef p : r.parts()) {
                local &= p.geoCode().equals(r.total().geoCode()) && p.period().equals(r.total().period());
            }
            if (local && !r.total().period().contains("-")) {
                List<Object> tpl = new ArrayList<>();
                tpl.add(r.type());
                tpl.add(src.concept(r.total().name()));
                r.parts().forEach(p -> tpl.add(src.concept(p.name())));
                templates.add(tpl);
            }
        }
    }

    private Meaning meaning(CellTable src, CountRef r) {
        List<String> members = new ArrayList<>(new TreeSet<>(src.members(r.geoCode(), r.period())));
        concepts.add(src.concept(r.name()));
        sets.add(members);
        periods.addAll(singlePeriods(r.period()));
        return new Meaning(src.concept(r.name()), members, r.period());
    }

    /** The half-years of a period or of a pool {@code FIRST-LAST} (codes in order). */
    static List<String> singlePeriods(String period) {
        if (!period.contains("-")) {
            return List.of(period);
        }
        String[] ends = period.split("-");
        List<String> out = new ArrayList<>();
        int y0 = Integer.parseInt(ends[0].substring(0, 4));
        int y1 = Integer.parseInt(ends[1].substring(0, 4));
        for (int yr = y0; yr <= y1; yr++) {
            for (String h : List.of("HJ01", "HJ02")) {
                String code = yr + h;
                if (code.compareTo(ends[0]) >= 0 && code.compareTo(ends[1]) <= 0) {
                    out.add(code);
                }
            }
        }
        return out;
    }

    private void atoms() {
        List<List<String>> all = new ArrayList<>(sets);
        Map<String, BitSet> sig = new TreeMap<>();
        for (int i = 0; i < all.size(); i++) {
            for (String m : all.get(i)) {
                sig.computeIfAbsent(m, k -> new BitSet()).set(i);
            }
        }
        Map<BitSet, Integer> ids = new LinkedHashMap<>();
        sig.forEach((m, s) -> atomOf.put(m, ids.computeIfAbsent(s, k -> ids.size())));
    }

    public int targets() {
        return suppressed.size();
    }

    /** Every suppressed count with its interval. */
    public List<Finding> attack() {
        List<Finding> out = Collections.synchronizedList(new ArrayList<>());
        new ArrayList<>(suppressed.entrySet()).parallelStream().forEach(e -> {
            Double v = shown.get(e.getKey());
            if (v != null) {
                out.add(new Finding(e.getValue(), e.getKey().toString(), v, v));
                return;
            }
            double lo = Math.ceil(optimum(e.getKey(), false) - 1e-6);
            double hi = Math.floor(optimum(e.getKey(), true) + 1e-6);
            out.add(new Finding(e.getValue(), e.getKey().toString(), lo, hi));
        });
        out.sort(java.util.Comparator.comparing(Finding::release));
        return out;
    }

    private double optimum(Meaning target, boolean max) {
        ExpressionsBasedModel m = new ExpressionsBasedModel();
        int atoms = new TreeSet<>(atomOf.values()).size();
        Map<String, Variable> vars = new HashMap<>();
        for (String c : concepts) {
            for (int a = 0; a < atoms; a++) {
                for (String p : periods) {
                    vars.put(c + "|" + a + "|" + p, m.addVariable(c + "|" + a + "|" + p).lower(0));
                }
            }
        }
        int k = 0;
        for (Map.Entry<Meaning, Double> e : shown.entrySet()) {
            Expression ex = m.addExpression("shown" + k++);
            add(ex, e.getKey(), 1, vars);
            ex.level(e.getValue());
        }
        for (List<Object> t : templates) {
            for (int a = 0; a < atoms; a++) {
                for (String p : periods) {
                    Expression ex = m.addExpression("t" + k++);
                    ex.add(vars.get(t.get(1) + "|" + a + "|" + p), -1);
                    for (int i = 2; i < t.size(); i++) {
                        ex.add(vars.get(t.get(i) + "|" + a + "|" + p), 1);
                    }
                    if (t.get(0) == Relation.Type.SUM) {
                        ex.level(0);
                    } else {
                        ex.upper(0);
                    }
                }
            }
        }
        Expression goal = m.addExpression("goal");
        add(goal, target, 1, vars);
        goal.weight(1);
        Optimisation.Result r = max ? m.maximise() : m.minimise();
        if (r.getState() == Optimisation.State.UNBOUNDED) {
            return Double.POSITIVE_INFINITY;
        }
        if (!r.getState().isOptimal()) {
            throw new IllegalStateException("attack LP for " + target + ": " + r.getState());
        }
        return r.getValue();
    }

    /** ex += coeff × (the count as its atoms over its half-years). */
    private void add(Expression ex, Meaning c, double coeff, Map<String, Variable> vars) {
        Set<Integer> atoms = new TreeSet<>();
        c.members().forEach(mb -> atoms.add(atomOf.get(mb)));
        for (int a : atoms) {
            for (String p : singlePeriods(c.period())) {
                ex.add(vars.get(c.concept() + "|" + a + "|" + p), coeff);
            }
        }
    }
}
