package nl.samenloop.indicators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * Breaks in a series (spec indicators.md I7): a period whose value moves far outside the series' own recent
 * range. The expected range of period t is median ± z × scale of the previous {@code history} values, with
 * scale = 1.4826 × MAD (the MAD of a normal sample estimates σ/1.4826) but never below {@code minSpread}: a
 * flat history has MAD 0 and would otherwise flag any wobble. Robust statistics, so one earlier break does
 * not widen the range that judges the next period. Periods without a value (no denominator) neither get
 * judged nor enter a history.
 */
public final class SeriesBreaks {
    /** Values below this many earlier values are not judged: too little history to know a range. */
    public static final int MIN_HISTORY = 3;

    /** One flagged period: its position in the series, the value and the range it was expected in. */
    public record Break(int index, double value, double low, double high) {
    }

    private final int history;
    private final double z;
    private final double minSpread;

    public SeriesBreaks(int history, double z, double minSpread) {
        if (history < MIN_HISTORY) {
            throw new IllegalArgumentException("break_history: at least " + MIN_HISTORY + " earlier periods, got " + history);
        }
        if (!(z > 0) || !(minSpread >= 0)) {
            throw new IllegalArgumentException("break_z must be positive and break_min_spread non-negative");
        }
        this.history = history;
        this.z = z;
        this.minSpread = minSpread;
    }

    /** Breaks of a series in period order; null entries are periods without a value. */
    public List<Break> find(List<Double> series) {
        List<Break> out = new ArrayList<>();
        List<Double> seen = new ArrayList<>();
        for (int t = 0; t < series.size(); t++) {
            Double v = series.get(t);
            if (v == null) {
                continue;
            }
            if (seen.size() >= MIN_HISTORY) {
                double[] h = seen.subList(Math.max(0, seen.size() - history), seen.size()).stream()
                        .mapToDouble(Double::doubleValue).toArray();
                double median = new Median().evaluate(h);
                double[] dev = Arrays.stream(h).map(x -> Math.abs(x - median)).toArray();
                double scale = Math.max(1.4826 * new Median().evaluate(dev), minSpread);
                double low = median - z * scale;
                double high = median + z * scale;
                if (v < low || v > high) {
                    out.add(new Break(t, v, low, high));
                }
            }
            seen.add(v);
        }
        return out;
    }
}
