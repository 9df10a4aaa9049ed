package nl.samenloop.attack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * An intruder with nothing but published packages: every count named in any package's {@code audit/cells.csv}
 * or {@code audit/relations.csv} is a variable ≥ 0, a count shown in any package is fixed at its value, and
 * every relation of every package holds. Counts of different packages with the same name, area code and period
 * are taken to be the same count (what a reader of two releases of one request would assume). For each count a
 * package suppressed, the lowest and highest value the union allows — solved by ojAlgo, one cold solve per
 * bound: nothing of Samenloop's own solver, decomposition or register is used.
 */
public final class PackageAttack {
    /** A suppressed count of some package and the interval the intruder derives, rounded inwards to integers. */
    public record Finding(String pkg, String count, double lower, double upper) {
        public double width() {
            return upper - lower;
        }

        @Override
        public String toString() {
            return pkg + " " + count + " [" + lower + ", " + upper + "]";
        }
    }

    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final Map<String, Double> shown = new TreeMap<>();
    private final Map<String, String> suppressedIn = new TreeMap<>();
    private final List<Object[]> relations = new ArrayList<>();

    public PackageAttack(List<Path> packages) {
        for (Path p : packages) {
            read(p);
        }
    }

    private void read(Path pkg) {
        try {
            List<String> cells = Files.readAllLines(pkg.resolve("audit/cells.csv"), StandardCharsets.UTF_8);
            for (String line : cells.subList(1, cells.size())) {
                String[] f = line.split(",", -1);
                // table,count,geography_code,period,status,rule,value,audit_lower,audit_upper
                String id = f[1] + "|" + f[2] + "|" + f[3];
                var(id);
                if (f[4].equals("PRIMARY") || f[4].equals("SECONDARY")) {
                    suppressedIn.putIfAbsent(id, pkg.getFileName().toString());
                } else if (f[6].matches("-?[0-9]+")) {
                    Double old = shown.put(id, Double.parseDouble(f[6]));
                    if (old != null && old != Double.parseDouble(f[6])) {
                        throw new IllegalStateException(id + " shown with two values");
                    }
                }
            }
            List<String> rels = Files.readAllLines(pkg.resolve("audit/relations.csv"), StandardCharsets.UTF_8);
            for (String line : rels.subList(1, rels.size())) {
                String[] f = line.split(",", -1);
                // table,type,total,parts
                var(f[2]);
                String[] parts = f[3].split(";");
                for (String p : parts) {
                    var(p);
                }
                relations.add(new Object[] {f[1], f[2], parts});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void var(String id) {
        index.putIfAbsent(id, index.size());
    }

    /**
     * Every suppressed count (not shown in any package) with the intruder's interval. Unknown counts that share
     * no relation are independent, so each group of connected unknowns is its own (small) program; groups are
     * solved on all cores.
     */
    public List<Finding> attack() {
        int n = index.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        List<String> names = new ArrayList<>(index.keySet());
        for (Object[] r : relations) {
            int a = -1;
            for (String m : members(r)) {
                if (shown.containsKey(m)) {
                    continue;
                }
                int b = index.get(m);
                if (a >= 0) {
                    parent[root(parent, a)] = root(parent, b);
                }
                a = b;
            }
        }
        Map<Integer, List<Object[]>> relsOf = new TreeMap<>();
        for (Object[] r : relations) {
            for (String m : members(r)) {
                if (!shown.containsKey(m)) {
                    relsOf.computeIfAbsent(root(parent, index.get(m)), k -> new ArrayList<>()).add(r);
                    break;
                }
            }
        }
        List<Finding> out = java.util.Collections.synchronizedList(new ArrayList<>());
        new ArrayList<>(suppressedIn.entrySet()).parallelStream().forEach(e -> {
            String id = e.getKey();
            if (shown.containsKey(id)) {
                out.add(new Finding(e.getValue(), id, shown.get(id), shown.get(id)));
                return;
            }
            List<Object[]> rels = relsOf.getOrDefault(root(parent, index.get(id)), List.of());
            double lo = Math.ceil(optimum(id, rels, false) - 1e-6);
            double hi = Math.floor(optimum(id, rels, true) + 1e-6);
            out.add(new Finding(e.getValue(), id, lo, hi));
        });
        out.sort(java.util.Comparator.comparing(Finding::count));
        return out;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static List<String> members(Object[] r) {
        List<String> m = new ArrayList<>();
        m.add((String) r[1]);
        m.addAll(List.of((String[]) r[2]));
        return m;
    }

    public int suppressedCounts() {
        return suppressedIn.size();
    }

    /** min or max of the target over the relations of its group; the other counts of the group ≥ 0, shown ones constants. */
    private double optimum(String target, List<Object[]> rels, boolean max) {
        ExpressionsBasedModel m = new ExpressionsBasedModel();
        Map<String, Variable> x = new java.util.HashMap<>();
        java.util.function.Function<String, Variable> var = id -> x.computeIfAbsent(id, k -> m.addVariable(k).lower(0));
        var.apply(target);
        int i = 0;
        for (Object[] r : rels) {
            Expression ex = m.addExpression("r" + i++);
            double constant = 0;
            List<String> mem = members(r);
            for (int k = 0; k < mem.size(); k++) {
                String id = mem.get(k);
                double coeff = k == 0 ? -1 : 1;
                Double s = shown.get(id);
                if (s != null) {
                    constant += coeff * s;
                } else {
                    ex.add(var.apply(id), coeff);
                }
            }
            if (r[0].equals("SUM")) {
                ex.level(-constant);
            } else {
                ex.upper(-constant);
            }
        }
        x.get(target).weight(1);
        Optimisation.Result res = max ? m.maximise() : m.minimise();
        if (res.getState() == Optimisation.State.UNBOUNDED) {
            return Double.POSITIVE_INFINITY;
        }
        if (!res.getState().isOptimal()) {
            throw new IllegalStateException("attack LP for " + target + ": " + res.getState());
        }
        return x.get(target).getValue().doubleValue();
    }
}
