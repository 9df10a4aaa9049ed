package nl.samenloop.indicators;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.link.Geography;
import nl.samenloop.link.PeriodIndex;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.model.Period;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Turns person-level facts into mergeable counts at every geography level (STYLE habit 3).
 *
 * <p>Input: rows {@code person, p, gm, <count columns>} — what each person contributes to each count in
 * period p, with the municipality the person counts in. Per period a person has one municipality, so
 * municipal sums and person counts add up exactly to regions and the Netherlands; those are summed on the
 * driver from the (small) municipal result. Pooled spans need distinct persons across periods, where a
 * person may have moved, so they are aggregated per level in Spark: person first, then geography.
 */
public final class Rollup {
    private Rollup() {
    }

    public static CountCube counts(Dataset<Row> facts, List<String> names, PeriodIndex index, Geography geo, List<Pool> pools) {
        Column[] sums = names.stream().map(n -> sum(col(n)).as(n)).toArray(Column[]::new);
        return cube(facts.groupBy("person", "p", "gm").agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length)),
                names, index, geo, pools);
    }

    /**
     * As {@link #counts} for facts with at most one row per person and period — those built on the youth
     * population, which has one row per person-period — or, more generally, where each count column is non-zero
     * in at most one row per person and period (then a municipality's sum and its count of non-zero rows are
     * still the value and the distinct persons). Then each row is already what the person contributes, and
     * the per-person aggregation (a hash table with one entry per person-period: tens of millions nationally) is
     * skipped; the counts per municipality and period aggregate map-side.
     */
    public static CountCube personPeriodCounts(Dataset<Row> facts, List<String> names, PeriodIndex index, Geography geo,
                                               List<Pool> pools) {
        List<Column> cols = new ArrayList<>(List.of(col("person"), col("p"), col("gm")));
        names.forEach(n -> cols.add(col(n)));
        return cube(facts.select(cols.toArray(Column[]::new)), names, index, geo, pools);
    }

    /** @param perPerson one row per person, period and municipality with what the person contributes */
    private static CountCube cube(Dataset<Row> perPerson, List<String> names, PeriodIndex index, Geography geo, List<Pool> pools) {
        List<Column> aggs = new ArrayList<>();
        for (String n : names) {
            aggs.add(sum(col(n)).as("v_" + n));
            aggs.add(sum(when(col(n).gt(0), 1).otherwise(0)).as("n_" + n));
        }
        List<Row> rows = perPerson.groupBy("p", "gm")
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
                .collectAsList();
        List<MunicipalCounts> municipal = new ArrayList<>();
        for (Row r : rows) {
            long[] v = new long[names.size()];
            long[] persons = new long[names.size()];
            for (int i = 0; i < names.size(); i++) {
                v[i] = r.getLong(r.fieldIndex("v_" + names.get(i)));
                persons[i] = r.getLong(r.fieldIndex("n_" + names.get(i)));
            }
            municipal.add(new MunicipalCounts(r.getInt(r.fieldIndex("p")), r.getString(r.fieldIndex("gm")), v, persons));
        }
        Map<CountRef, Count> pooled = new HashMap<>();
        if (!pools.isEmpty()) {
            pooled(perPerson, names, geo, pools, pooled);
        }
        return assemble(municipal, pooled, names, index, geo, pools);
    }

    /**
     * What one municipality contributes in one period: per count name the sum of the values and the number of
     * persons with a non-zero value.
     */
    record MunicipalCounts(int p, String gm, long[] values, long[] persons) {
    }

    /**
     * The cube from the counts per municipality and period (summed here to regions, rests and the Netherlands: a
     * person has one municipality per period) and the pooled counts (distinct persons per level, counted by the
     * engine): the part of the roll-up that does not depend on the engine.
     */
    static CountCube assemble(List<MunicipalCounts> municipal, Map<CountRef, Count> pooled, List<String> names,
                              PeriodIndex index, Geography geo, List<Pool> pools) {
        Map<String, long[]> acc = new HashMap<>();
        for (MunicipalCounts r : municipal) {
            String period = index.periods().get(r.p()).code();
            String gm = r.gm();
            String region = geo.regionOf(gm);
            String rest = geo.restOf(gm);
            for (int i = 0; i < names.size(); i++) {
                String n = names.get(i);
                long v = r.values()[i];
                long persons = r.persons()[i];
                add(acc, n, gm, period, v, persons);
                if (region != null) {
                    add(acc, n, region, period, v, persons);
                }
                if (rest != null) {
                    add(acc, n, rest, period, v, persons);
                }
                add(acc, n, GeoLevel.NETHERLANDS, period, v, persons);
            }
        }
        Map<CountRef, Count> out = new HashMap<>();
        acc.forEach((k, v) -> {
            String[] p = k.split("\\|");
            out.put(new CountRef(p[0], p[1], p[2]), new Count(p[0], v[0], v[1]));
        });
        out.putAll(pooled);
        List<String> periodCodes = new ArrayList<>();
        for (Period p : index.periods()) {
            periodCodes.add(p.code());
        }
        return new CountCube(out, names, geo, periodCodes, pools);
    }

    /**
     * The levels a person in municipality {@code gm} is counted at in a pooled span, as the Spark engine lists them:
     * the municipality, its region and its rest row when it has them, and the Netherlands.
     */
    static List<String> poolLevels(Geography geo, String gm) {
        List<String> out = new ArrayList<>(List.of(gm));
        if (geo.regionOf(gm) != null) {
            out.add(geo.regionOf(gm));
        }
        if (geo.restOf(gm) != null) {
            out.add(geo.restOf(gm));
        }
        out.add(GeoLevel.NETHERLANDS);
        return out;
    }

    /** gm → region and rest code (unknown included), to broadcast-join onto person rows. */
    private static Dataset<Row> restTable(SparkSession spark, Geography geo) {
        List<Row> rows = new ArrayList<>();
        List<String> codes = new ArrayList<>(geo.municipalities().keySet());
        codes.add(GeoLevel.UNKNOWN);
        for (String gm : codes) {
            rows.add(org.apache.spark.sql.RowFactory.create(gm, geo.regionOf(gm), geo.restOf(gm)));
        }
        return broadcast(spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                .add("_gm", "string").add("region", "string").add("rest", "string")));
    }

    private static void add(Map<String, long[]> acc, String name, String geo, String period, long v, long persons) {
        long[] a = acc.computeIfAbsent(name + "|" + geo + "|" + period, k -> new long[2]);
        a[0] += v;
        a[1] += persons;
    }

    /** Pooled spans: value = sum over the span's periods; persons = distinct persons at each level. */
    private static void pooled(Dataset<Row> perPerson, List<String> names, Geography geo, List<Pool> pools, Map<CountRef, Count> out) {
        SparkSession spark = perPerson.sparkSession();
        List<Row> poolRows = new ArrayList<>();
        for (Pool pool : pools) {
            for (int p : pool.periodIndexes()) {
                poolRows.add(org.apache.spark.sql.RowFactory.create(p, pool.code()));
            }
        }
        Dataset<Row> poolTable = broadcast(spark.createDataFrame(poolRows, new org.apache.spark.sql.types.StructType()
                .add("p", "int").add("pool", "string")));
        Dataset<Row> withGeo = perPerson.join(poolTable, "p")
                .join(restTable(spark, geo), col("gm").equalTo(col("_gm")), "left")
                .withColumn("geo", explode(array_compact(array(col("gm"), col("region"), col("rest"), lit(GeoLevel.NETHERLANDS)))));
        Column[] sums = names.stream().map(n -> sum(col(n)).as(n)).toArray(Column[]::new);
        Dataset<Row> byPerson = withGeo.groupBy("pool", "geo", "person").agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length));
        List<Column> aggs = new ArrayList<>();
        for (String n : names) {
            aggs.add(sum(col(n)).as("v_" + n));
            aggs.add(sum(when(col(n).gt(0), 1).otherwise(0)).as("n_" + n));
        }
        for (Row r : byPerson.groupBy("pool", "geo").agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).collectAsList()) {
            String pool = r.getString(0);
            String g = r.getString(1);
            for (String n : names) {
                out.put(new CountRef(n, g, pool), new Count(n, r.getLong(r.fieldIndex("v_" + n)), r.getLong(r.fieldIndex("n_" + n))));
            }
        }
    }
}
