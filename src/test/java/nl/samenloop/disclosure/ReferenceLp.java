package nl.samenloop.disclosure;

import java.util.List;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The tests' independent linear-program oracle: ojAlgo's solver, one cold solve per bound, on constraints
 * written as Commons Math {@link LinearConstraint}s (a plain, readable container).
 *
 * <p>Not Commons Math's {@code SimplexSolver}: version 3.6.1 returns wrong optima on these programs. On
 * {@code BoundsProgramTest} seed 9 it reports max x₃ = 0 where a point with x₃ = 74 satisfies every row,
 * and with an auxiliary y = xₖ (seed 75) it returns a point that violates the grand total. The audit used it
 * until that was found; it now uses {@link BoundsProgram}, checked here against ojAlgo.
 */
final class ReferenceLp {
    private ReferenceLp() {
    }

    /** min of c·x over {x ≥ 0 : constraints}, −∞ when unbounded. */
    static double minimum(List<LinearConstraint> constraints, int n, double[] c) {
        ExpressionsBasedModel model = model(constraints, n);
        for (int j = 0; j < n; j++) {
            if (c[j] != 0) {
                model.getVariable(j).weight(c[j]);
            }
        }
        Optimisation.Result r = model.minimise();
        if (r.getState() == Optimisation.State.UNBOUNDED) {
            return Double.NEGATIVE_INFINITY;
        }
        if (!r.getState().isOptimal()) {
            throw new IllegalStateException("reference LP: " + r.getState());
        }
        return r.getValue();
    }

    /** min or max of x_k over {x ≥ 0 : constraints}, +∞ when unbounded. */
    static double optimum(List<LinearConstraint> constraints, int n, int k, GoalType goal) {
        ExpressionsBasedModel model = model(constraints, n);
        model.getVariable(k).weight(1);
        Optimisation.Result r = goal == GoalType.MAXIMIZE ? model.maximise() : model.minimise();
        if (r.getState() == Optimisation.State.UNBOUNDED) {
            return Double.POSITIVE_INFINITY;
        }
        if (!r.getState().isOptimal()) {
            throw new IllegalStateException("reference LP: " + r.getState());
        }
        return r.doubleValue(k);
    }

    private static ExpressionsBasedModel model(List<LinearConstraint> constraints, int n) {
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] x = new Variable[n];
        for (int j = 0; j < n; j++) {
            x[j] = model.addVariable("x" + j).lower(0);
        }
        int i = 0;
        for (LinearConstraint c : constraints) {
            Expression e = model.addExpression("r" + i++);
            double[] a = c.getCoefficients().toArray();
            for (int j = 0; j < n; j++) {
                if (a[j] != 0) {
                    e.set(x[j], a[j]);
                }
            }
            switch (c.getRelationship()) {
                case EQ -> e.level(c.getValue());
                case LEQ -> e.upper(c.getValue());
                case GEQ -> e.lower(c.getValue());
            }
        }
        return model;
    }
}
