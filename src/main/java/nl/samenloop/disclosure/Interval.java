package nl.samenloop.disclosure;

/**
 * The values a suppressed count can take given everything a package publishes (spec disclosure.md
 * "Audit"). Bounds are whole numbers: counts are integers, so a reader can round a linear-programming
 * bound inwards, and the audit does the same before it compares the width with T. {@code upper} may be
 * {@link Double#POSITIVE_INFINITY} when nothing published bounds the count from above.
 */
public record Interval(double lower, double upper) {
    public double width() {
        return upper - lower;
    }

    public boolean atLeast(int threshold) {
        return width() >= threshold;
    }

    static String format(double v) {
        if (Double.isInfinite(v)) {
            return "inf";
        }
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    @Override
    public String toString() {
        return "[" + format(lower) + ", " + format(upper) + "]";
    }
}
