package nl.samenloop.disclosure;

/**
 * A feasible region {x ≥ 0 : rows} asked for the lowest and highest value of one variable after another:
 * the audit's question about a connected component of hidden counts. Two implementations: the hand-written
 * dense {@link BoundsProgram} (small components, where its warm starts win) and {@link GlopProgram} (large
 * sparse components).
 */
interface Bounds {
    /** The lowest value of x_k over the region. */
    double min(int k);

    /** The highest value of x_k over the region, or +∞ when it is unbounded. */
    double max(int k);

    /**
     * Minimises Σ weights·x_vars (an aggregate objective); −∞ when unbounded. Either way {@link #point} is then a
     * feasible point. {@link #duals} is not defined after it.
     */
    double minimise(int[] vars, double[] weights);

    /** The optimum of the last {@link #min} / {@link #max}: a point of the region. */
    double[] point();

    /**
     * The duals of the last {@link #min} / {@link #max}, one per input row, for the minimisation of sign·x_k
     * (−x_k for max): a new column with coefficient aᵣ in row r has reduced cost −Σ yᵣ·aᵣ.
     */
    double[] duals();
}
