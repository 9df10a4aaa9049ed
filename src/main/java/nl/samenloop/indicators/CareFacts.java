package nl.samenloop.indicators;

import static org.apache.spark.sql.functions.*;

import java.util.List;
import nl.samenloop.engine.Joins;
import nl.samenloop.link.LinkedData;
import nl.samenloop.model.Codes;
import nl.samenloop.model.GeoLevel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Building blocks the person-level indicators share. */
public final class CareFacts {
    private CareFacts() {
    }

    /** Column name of the flag "has an active spell of kind k in p" ({@link LinkedData#flag}). */
    public static String flag(Codes.Kind k) {
        return LinkedData.flag(k);
    }

    /**
     * One row per linkable person and period with at least one active care spell: person, p and a 0/1 flag per
     * kind. Built once by link and shared ({@link LinkedData#careFlags}).
     */
    public static Dataset<Row> activeKinds(LinkedData data) {
        return data.careFlags();
    }

    /** 1 when any of the kinds' flags is set (flags null → person has no care in p). */
    public static Column any(List<Codes.Kind> kinds) {
        Column c = lit(0);
        for (Codes.Kind k : kinds) {
            c = greatest(c, coalesce(col(flag(k)), lit(0)));
        }
        return c.cast("long");
    }

    /**
     * Population members with at least one active care spell in the period, with their flags: every
     * person-level numerator (I2 groups, the I3 base, the I4 cohort) is counted from these rows. Shared and
     * cached ({@link LinkedData#populationCare}).
     */
    public static Dataset<Row> carePopulation(LinkedData data) {
        return data.populationCare();
    }

    /** Population rows with the care flags of the same period (absent flags = no care). */
    public static Dataset<Row> populationWithCare(LinkedData data) {
        // Both sides are partitioned by person: no shuffle. The care flags (the smaller side) are hashed per
        // partition, so the population streams through without being sorted.
        return data.population().join(activeKinds(data).hint("shuffle_hash"), Joins.on("person", "p"), "left");
    }

    /** Trajectories exploded to their active periods with the person's municipality there (unknown when none). */
    public static Dataset<Row> trajectoriesWithResidence(Dataset<Row> trajectoryPeriods, LinkedData data) {
        return trajectoryPeriods.join(data.residence(), Joins.on("person", "p"), "left")
                .withColumn("gm", coalesce(col("gm"), lit(GeoLevel.UNKNOWN)));
    }

    public static List<Codes.Kind> kinds(List<String> names) {
        return names.stream().map(Codes.Kind::valueOf).toList();
    }
}
