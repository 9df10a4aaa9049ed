package nl.samenloop.disclosure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CellTableFiles;
import nl.samenloop.indicators.CountRef;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The audit's largest program of a real request, solved by the hand-written {@link BoundsProgram} and by ojAlgo:
 * phase 1 and the lowest and highest value of a sample of its counts. Evidence for the choice of LP solver
 * (bench/lp.sh). Args: WORK_DIR [samples]
 */
public final class LpBenchmark {
    private LpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<CellTable> tables = new ArrayList<>();
        for (Path dir : DisclosureBenchmark.tableDirs(Path.of(args[0]))) {
            tables.add(CellTableFiles.read(dir));
        }
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        TableCounts t = new TableCounts(tables, History.none());
        Map<CountRef, String> primary = new PrimarySuppression(Profile.cbsMicrodata()).unsafe(t);
        Set<CountRef> hiddenSet = new HashSet<>(primary.keySet());
        java.util.function.Predicate<CountRef> hidden = r -> hiddenSet.contains(r) || !t.isPublishable(r);
        Map<CountRef, Double> values = new java.util.HashMap<>();
        t.counts.forEach((r, c) -> values.put(r, (double) c.value()));
        Audit audit = new Audit("bench", t.relations(), values, null);
        Map.Entry<List<CountRef>, List<BoundsProgram.Row>> biggest = null;
        Set<CountRef> seen = new HashSet<>();
        for (CountRef r : new java.util.TreeSet<>(primary.keySet())) {
            if (seen.contains(r)) {
                continue;
            }
            Map.Entry<List<CountRef>, List<BoundsProgram.Row>> c = audit.componentProgram(r, hidden);
            seen.addAll(c.getKey());
            if (biggest == null || c.getKey().size() > biggest.getKey().size()) {
                biggest = c;
            }
        }
        List<CountRef> vars = biggest.getKey();
        List<BoundsProgram.Row> rows = biggest.getValue();
        long nnz = rows.stream().mapToLong(r -> r.vars().length).sum();
        System.out.printf("largest component: %,d hidden counts, %,d rows, %,d non-zeros%n", vars.size(), rows.size(), nnz);
        List<Integer> sample = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            sample.add((int) ((long) i * vars.size() / samples));
        }

        long t0;
        double[][] mine = new double[samples][2];
        if (!Boolean.getBoolean("skipMine")) {
        t0 = System.nanoTime();
        BoundsProgram p = new BoundsProgram(vars.size(), rows);
        double phase1 = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        for (int i = 0; i < samples; i++) {
            mine[i][0] = p.min(sample.get(i));
            mine[i][1] = p.max(sample.get(i));
        }
        double bounds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("BoundsProgram: build + phase 1 %.2f s; %d bounds (warm) %.2f s = %.1f ms per bound%n", phase1,
                2 * samples, bounds, 1000 * bounds / (2 * samples));
        }

        t0 = System.nanoTime();
        GlopProgram g = new GlopProgram(vars.size(), rows);
        double glopBuild = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        double[][] glop = new double[samples][2];
        for (int i = 0; i < samples; i++) {
            glop[i][0] = g.min(sample.get(i));
            glop[i][1] = g.max(sample.get(i));
        }
        double glopTime = (System.nanoTime() - t0) / 1e9;
        System.out.printf("GLOP (OR-tools): build + first solve %.2f s; %d bounds (warm) %.2f s = %.1f ms per bound%n",
                glopBuild, 2 * samples, glopTime, 1000 * glopTime / (2 * samples));

        double[][] oj = null;
        if (!Boolean.getBoolean("skipOjalgo")) {
            t0 = System.nanoTime();
            oj = new double[samples][2];
            for (int i = 0; i < samples; i++) {
                oj[i][0] = ojalgo(vars.size(), rows, sample.get(i), false);
                oj[i][1] = ojalgo(vars.size(), rows, sample.get(i), true);
            }
            double ojTime = (System.nanoTime() - t0) / 1e9;
            System.out.printf("ojAlgo (cold, one model per bound): %d bounds %.2f s = %.1f ms per bound%n", 2 * samples,
                    ojTime, 1000 * ojTime / (2 * samples));
        }
        int differ = 0;
        for (int i = 0; i < samples; i++) {
            for (int s = 0; s < 2; s++) {
                double ref = glop[i][s];
                if (!Boolean.getBoolean("skipMine") && !same(mine[i][s], ref)) {
                    differ++;
                    System.out.printf("  differ: %s side %d: BoundsProgram %.4f, GLOP %.4f%n", vars.get(sample.get(i)), s,
                            mine[i][s], ref);
                }
                if (oj != null && !same(oj[i][s], ref)) {
                    differ++;
                    System.out.printf("  differ: %s side %d: ojAlgo %.4f, GLOP %.4f%n", vars.get(sample.get(i)), s,
                            oj[i][s], ref);
                }
            }
        }
        System.out.println("bounds that differ between the solvers: " + differ);
    }

    private static boolean same(double a, double b) {
        return a == b || Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(b));
    }

    static double ojalgo(int n, List<BoundsProgram.Row> rows, int k, boolean max) {
        ExpressionsBasedModel m = new ExpressionsBasedModel();
        Variable[] x = new Variable[n];
        for (int j = 0; j < n; j++) {
            x[j] = m.addVariable("x" + j).lower(0);
        }
        int i = 0;
        for (BoundsProgram.Row r : rows) {
            Expression e = m.addExpression("r" + i++);
            for (int q = 0; q < r.vars().length; q++) {
                e.set(x[r.vars()[q]], r.coeffs()[q]);
            }
            switch (r.type()) {
                case EQ -> e.level(r.rhs());
                case LE -> e.upper(r.rhs());
                case GE -> e.lower(r.rhs());
            }
        }
        x[k].weight(1);
        Optimisation.Result res = max ? m.maximise() : m.minimise();
        if (res.getState() == Optimisation.State.UNBOUNDED) {
            return Double.POSITIVE_INFINITY;
        }
        return res.doubleValue(k);
    }
}
