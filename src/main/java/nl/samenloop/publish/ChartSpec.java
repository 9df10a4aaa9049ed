package nl.samenloop.publish;

import java.util.Objects;

/**
 * One chart of a package: which table and measure it draws, how, and at what size (pixels; fixed so
 * the same package always has the same pictures).
 * <ul>
 * <li>{@link Kind#LINES_AGAINST_NETHERLANDS}: a line per municipality across the periods, with the
 * Netherlands as the reference line — for share-type measures (I1, I2); with more than eight municipalities a
 * line per jeugdregio instead, when the table has regions;</li>
 * <li>{@link Kind#BARS_PER_MUNICIPALITY}: a bar per geography (Netherlands, region, municipalities),
 * one bar colour per period — for concurrency and follow-up measures (I3, I4).</li>
 * </ul>
 */
public record ChartSpec(String name, String table, String measure, Kind kind, String title, String valueAxisLabel,
                        int width, int height) {
    public enum Kind { LINES_AGAINST_NETHERLANDS, BARS_PER_MUNICIPALITY }

    public static final int DEFAULT_WIDTH = 960;
    public static final int DEFAULT_HEIGHT = 600;

    public ChartSpec {
        Objects.requireNonNull(name, "chart name");
        Objects.requireNonNull(table, "chart table");
        Objects.requireNonNull(measure, "chart measure");
        Objects.requireNonNull(kind, "chart kind");
        if (width < 200 || height < 150 || width > 4000 || height > 4000) {
            throw new IllegalArgumentException("chart " + name + ": size " + width + "x" + height
                    + " outside 200x150 .. 4000x4000 pixels");
        }
        title = title == null ? measure : title;
        valueAxisLabel = valueAxisLabel == null ? "Percentage" : valueAxisLabel;
    }

    public static ChartSpec lines(String name, String table, String measure, String title) {
        return new ChartSpec(name, table, measure, Kind.LINES_AGAINST_NETHERLANDS, title, "Percentage",
                DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    public static ChartSpec bars(String name, String table, String measure, String title) {
        return new ChartSpec(name, table, measure, Kind.BARS_PER_MUNICIPALITY, title, "Percentage",
                DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }
}
