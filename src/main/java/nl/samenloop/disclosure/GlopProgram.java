package nl.samenloop.disclosure;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import java.util.List;

/**
 * {@link Bounds} on Google OR-tools' GLOP, a maintained sparse primal/dual simplex: for the audit's large
 * components (thousands of hidden counts when small areas, half-years and a pool are hidden together), where
 * the dense tableau of {@link BoundsProgram} does not finish phase 1. GLOP keeps its basis between objectives
 * (a warm start), so each further bound costs a few pivots. Not thread-safe: one program per thread.
 */
final class GlopProgram implements Bounds {
    private static volatile boolean loaded;

    private final MPSolver solver;
    private final MPVariable[] x;
    private final MPConstraint[] rows;
    private final MPObjective objective;
    private double[] point;
    private double[] duals;

    GlopProgram(int n, List<BoundsProgram.Row> input) {
        load();
        solver = MPSolver.createSolver("GLOP");
        if (solver == null) {
            throw new IllegalStateException("the GLOP linear-programming solver of OR-tools is not available on this platform");
        }
        x = new MPVariable[n];
        for (int j = 0; j < n; j++) {
            x[j] = solver.makeNumVar(0, Double.POSITIVE_INFINITY, "x" + j);
        }
        rows = new MPConstraint[input.size()];
        for (int i = 0; i < rows.length; i++) {
            BoundsProgram.Row r = input.get(i);
            double lo = r.type() == BoundsProgram.Type.LE ? Double.NEGATIVE_INFINITY : r.rhs();
            double hi = r.type() == BoundsProgram.Type.GE ? Double.POSITIVE_INFINITY : r.rhs();
            MPConstraint c = solver.makeConstraint(lo, hi);
            for (int q = 0; q < r.vars().length; q++) {
                c.setCoefficient(x[r.vars()[q]], c.getCoefficient(x[r.vars()[q]]) + r.coeffs()[q]);
            }
            rows[i] = c;
        }
        objective = solver.objective();
        objective.setMinimization();
        // Phase 1: is the region empty?
        MPSolver.ResultStatus st = solver.solve();
        if (st == MPSolver.ResultStatus.INFEASIBLE) {
            throw new BoundsProgram.Infeasible("the relations have no solution with x ≥ 0");
        }
        if (st != MPSolver.ResultStatus.OPTIMAL) {
            throw new IllegalStateException("GLOP could not solve the audit program (" + st + ")");
        }
        read();
    }

    private static void load() {
        if (!loaded) {
            synchronized (GlopProgram.class) {
                if (!loaded) {
                    Loader.loadNativeLibraries();
                    loaded = true;
                }
            }
        }
    }

    @Override
    public double min(int k) {
        return optimise(k, 1);
    }

    @Override
    public double max(int k) {
        return -optimise(k, -1);
    }

    /** Minimises Σ weights·x (the weights' support only); returns the optimum, −∞ when unbounded. */
    @Override
    public double minimise(int[] vars, double[] weights) {
        objective.clear();
        for (int i = 0; i < vars.length; i++) {
            // A variable named twice counts twice (setCoefficient alone would keep only the last weight).
            objective.setCoefficient(x[vars[i]], objective.getCoefficient(x[vars[i]]) + weights[i]);
        }
        objective.setMinimization();
        MPSolver.ResultStatus st = solve();
        if (st == MPSolver.ResultStatus.UNBOUNDED) {
            // No optimum, but the last basis is still a feasible point.
            return Double.NEGATIVE_INFINITY;
        }
        check(st);
        read();
        return objective.value();
    }

    /** Minimises sign·x_k. */
    private double optimise(int k, int sign) {
        objective.clear();
        objective.setCoefficient(x[k], sign);
        objective.setMinimization();
        MPSolver.ResultStatus st = solve();
        if (st == MPSolver.ResultStatus.UNBOUNDED) {
            duals = new double[rows.length];
            return Double.NEGATIVE_INFINITY;
        }
        check(st);
        read();
        return sign * x[k].solutionValue();
    }

    /**
     * Solves from the last basis (a warm start); a verdict other than optimal or unbounded on a region already
     * shown feasible is the warm start's numerical trouble: solved again from scratch.
     */
    private MPSolver.ResultStatus solve() {
        MPSolver.ResultStatus st = solver.solve();
        if (st != MPSolver.ResultStatus.OPTIMAL && st != MPSolver.ResultStatus.UNBOUNDED) {
            // Presolve may answer "infeasible or unbounded" as infeasible: without it GLOP tells them apart.
            solver.reset();
            MPSolverParameters params = new MPSolverParameters();
            params.setIntegerParam(MPSolverParameters.IntegerParam.PRESOLVE,
                    MPSolverParameters.PresolveValues.PRESOLVE_OFF.swigValue());
            st = solver.solve(params);
        }
        return st;
    }

    private void check(MPSolver.ResultStatus st) {
        if (st != MPSolver.ResultStatus.OPTIMAL) {
            throw new IllegalStateException("GLOP could not solve the audit program (" + st + ")");
        }
    }

    private void read() {
        point = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            point[j] = Math.max(0.0, x[j].solutionValue());
        }
        duals = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            duals[i] = rows[i].dualValue();
        }
    }

    @Override
    public double[] point() {
        return point.clone();
    }

    @Override
    public double[] duals() {
        return duals.clone();
    }

    /** Frees the native solver. */
    void close() {
        solver.delete();
    }
}
