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

    /** Column name of the flag "has an active spell of kind k in p". */
    public static String flag(Codes.Kind k) {
        return "has_" + k.name();
    }

    /**
     * One row per linkable person and period with at least one active care spell: person, p and a 0/1
     * flag per kind. Spells of non-linkable keys never join the population, so they are left out here.
     */
    public static Dataset<Row> activeKinds(LinkedData data) {
        Dataset<Row> active = data.index().explodeActive(data.care().where(col("linkable")), "begin", "end");
        Codes.Kind[] kinds = Codes.Kind.values();
        Column[] aggs = new Column[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            aggs[i] = max(when(col("kind").equalTo(kinds[i].name()), 1).otherwise(0)).as(flag(kinds[i]));
        }
        return active.groupBy("person", "p").agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, aggs.length));
    }

    /** 1 when any of the kinds' flags is set (flags null → person has no care in p). */
    public static Column any(List<Codes.Kind> kinds) {
        Column c = lit(0);
        for (Codes.Kind k : kinds) {
            c = greatest(c, coalesce(col(flag(k)), lit(0)));
        }
        return c.cast("long");
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
