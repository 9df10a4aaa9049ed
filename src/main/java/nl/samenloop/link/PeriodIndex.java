package nl.samenloop.link;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.List;
import nl.samenloop.model.Period;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spells × periods without a cartesian product: a period's index is arithmetic on the date
 * ({@code (year − firstYear) × perYear + (month − 1) / monthsPerPeriod}), so a spell is active in the
 * periods {@code idx(begin) .. idx(end)} clipped to the job's range, and one {@code explode(sequence)}
 * gives the (spell, period) pairs. This is exactly the spec's rule "begin <= period_end and (end open or
 * end >= period_start)": a spell ending on a period's first day has idx(end) = that period.
 */
public final class PeriodIndex {
    private final List<Period> periods;
    private final int firstYear;
    private final int perYear;
    private final int months;

    public PeriodIndex(List<Period> periods) {
        this.periods = List.copyOf(periods);
        this.firstYear = periods.get(0).year();
        this.perYear = periods.get(0).granularity().perYear;
        this.months = periods.get(0).granularity().monthsPerPeriod();
    }

    public List<Period> periods() {
        return periods;
    }

    public int size() {
        return periods.size();
    }

    /** Index of the period containing {@code date} (may be outside 0..n-1). */
    public Column index(Column date) {
        return year(date).minus(firstYear).multiply(perYear)
                .plus(floor(month(date).minus(1).divide(months)).cast("int")).cast("int");
    }

    /** Adds column {@code p}: one row per period the spell [begin, end] is active in (end null = open). */
    public Dataset<Row> explodeActive(Dataset<Row> spells, String begin, String end) {
        return explodeRange(spells, index(col(begin)), index(col(end)));
    }

    /** As {@link #explodeActive} with explicit first/last index expressions (last null = open). */
    public Dataset<Row> explodeRange(Dataset<Row> spells, Column first, Column last) {
        Column lo = greatest(first, lit(0));
        Column hi = least(coalesce(last, lit(size() - 1)), lit(size() - 1));
        return spells.withColumn("_lo", lo).withColumn("_hi", hi)
                .where(col("_lo").leq(col("_hi")))
                .withColumn("p", explode(sequence(col("_lo"), col("_hi"))))
                .drop("_lo", "_hi");
    }

    /** Small table p, period, pstart, pend (the peildatum): broadcast it where joined. */
    public Dataset<Row> table(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (Period p : periods) {
            rows.add(RowFactory.create(p.index(), p.code(), java.sql.Date.valueOf(p.start()), java.sql.Date.valueOf(p.end())));
        }
        StructType schema = new StructType()
                .add("p", DataTypes.IntegerType, false)
                .add("period", DataTypes.StringType, false)
                .add("pstart", DataTypes.DateType, false)
                .add("pend", DataTypes.DateType, false);
        return broadcast(spark.createDataFrame(rows, schema));
    }
}
