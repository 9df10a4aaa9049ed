package nl.samenloop.differential;

import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.samenloop.engine.Progress;
import nl.samenloop.engine.SparkTest;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Indicator;
import nl.samenloop.indicators.Indicators;
import nl.samenloop.indicators.Option;
import nl.samenloop.indicators.Pool;
import nl.samenloop.indicators.Relation;
import nl.samenloop.indicators.TableRequest;
import nl.samenloop.ingest.Staging;
import nl.samenloop.link.Geography;
import nl.samenloop.link.LinkSpec;
import nl.samenloop.link.LinkedData;
import nl.samenloop.link.Linker;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.model.Period;
import nl.samenloop.model.Reference;
import nl.samenloop.reference.RefData;
import nl.samenloop.reference.RefOptions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Bridges the plain-Java reference and the Spark pipeline: writes a {@link RefData} as staged Parquet exactly
 * per ingest/Staging.java, runs link + an indicator on it, and converts a {@link CellTable} to the
 * reference's {@code CountRef → {value, persons}} map so the two can be compared.
 */
public final class DifferentialHarness {
    private DifferentialHarness() {
    }

    /** Job keys of I1–I5 in the indicator registry, by spec code. */
    public static final Map<String, String> INDICATOR_KEYS = Map.of(
            "I1", "wijkteam_share", "I2", "care_share", "I3", "concurrency", "I4", "followup", "I5", "referral");

    // ------------------------------------------------------------------ staging

    static final StructType TRAJECTORIES = new StructType()
            .add("person", DataTypes.LongType, false).add("linkable", DataTypes.BooleanType, false)
            .add("hulpvorm", DataTypes.StringType).add("begin", DataTypes.DateType).add("end", DataTypes.DateType)
            .add("verwijzer", DataTypes.StringType).add("perspectief", DataTypes.StringType)
            .add("reden", DataTypes.StringType).add("aanbieder", DataTypes.StringType)
            .add("gemeente", DataTypes.StringType).add("source_year", DataTypes.IntegerType);
    static final StructType MEASURES = new StructType()
            .add("person", DataTypes.LongType, false).add("linkable", DataTypes.BooleanType, false)
            .add("maatregel", DataTypes.StringType).add("begin", DataTypes.DateType).add("end", DataTypes.DateType)
            .add("source_year", DataTypes.IntegerType);
    static final StructType PERSONS = new StructType()
            .add("person", DataTypes.LongType, false).add("sex", DataTypes.StringType)
            .add("birth_date", DataTypes.DateType).add("birth_imputed", DataTypes.StringType);
    static final StructType ADDRESSES = new StructType()
            .add("person", DataTypes.LongType, false).add("begin", DataTypes.DateType).add("end", DataTypes.DateType)
            .add("object", DataTypes.StringType);
    static final StructType OBJECTS = new StructType()
            .add("object", DataTypes.StringType).add("year", DataTypes.IntegerType).add("gemeente", DataTypes.StringType);

    /** Writes the six staged datasets of {@code d} under {@code work/staging}. */
    public static void stage(RefData d, Path work) {
        SparkSession spark = SparkTest.spark();
        List<Row> t = new ArrayList<>();
        for (RefData.Trajectory x : d.trajectories()) {
            t.add(RowFactory.create(x.person(), x.linkable(), x.hulpvorm(), date(x.begin()), date(x.end()),
                    text(x.verwijzer()), null, null, text(x.aanbieder()), text(x.gemeente()), sourceYear(x.begin(), x.end())));
        }
        write(spark, t, TRAJECTORIES, work, Staging.JEUGDHULP);
        for (RefData.MeasureKind kind : RefData.MeasureKind.values()) {
            List<Row> m = new ArrayList<>();
            for (RefData.Measure x : d.measures()) {
                if (x.kind() == kind) {
                    m.add(RowFactory.create(x.person(), x.linkable(), x.code(), date(x.begin()), date(x.end()),
                            sourceYear(x.begin(), x.end())));
                }
            }
            write(spark, m, MEASURES, work, kind == RefData.MeasureKind.JB ? Staging.BESCHERMING : Staging.RECLASSERING);
        }
        List<Row> p = new ArrayList<>();
        for (RefData.Person x : d.persons()) {
            p.add(RowFactory.create(x.person(), x.sex(), date(x.birthDate()), x.birthDate() == null ? "NO_YEAR" : "NONE"));
        }
        write(spark, p, PERSONS, work, Staging.PERSONS);
        List<Row> a = new ArrayList<>();
        for (RefData.Address x : d.addresses()) {
            a.add(RowFactory.create(x.person(), date(x.begin()), date(x.end()), x.object()));
        }
        write(spark, a, ADDRESSES, work, Staging.ADDRESSES);
        List<Row> o = new ArrayList<>();
        for (RefData.ObjectMunicipality x : d.objects()) {
            o.add(RowFactory.create(x.object(), x.year(), x.gemeente()));
        }
        write(spark, o, OBJECTS, work, Staging.OBJECTS);
    }

    /** The yearly file a staged record came from: the latest year it ran in (ingest keeps that one). */
    private static Integer sourceYear(LocalDate begin, LocalDate end) {
        return end == null ? Math.max(begin.getYear(), 2020) : end.getYear();
    }

    private static void write(SparkSession spark, List<Row> rows, StructType schema, Path work, String table) {
        spark.createDataFrame(rows, schema).coalesce(1).write().mode("overwrite")
                .parquet(Staging.staged(work, table).toString());
    }

    /** Staged strings are never empty: ingest trims them and turns empty into null (ingest/Expr). */
    private static String text(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }

    // ------------------------------------------------------------------ running the Spark pipeline

    /** The lead's link spec for the reference options. */
    public static LinkSpec linkSpec(RefOptions o) {
        return new LinkSpec(o.periods(), o.classificationYear(), o.ageMin(), o.ageMax(), o.ageAtStart(),
                o.mergeOverlapping(), o.dataHorizon(), false);
    }

    /** All municipalities and regions of the classification year, every level. */
    public static Geography geography(RefOptions o) {
        return new Geography(Reference.load(Path.of("conf")), o.classificationYear(), Set.of(GeoLevel.values()),
                Set.of(), Set.of());
    }

    /** Links staged data under {@code work}; {@code withProvider} says whether JGDHAANBIEDER was delivered. */
    public static LinkedData link(Path work, RefOptions o, boolean withProvider) {
        Set<String> present = new TreeSet<>(List.of("verwijzer"));
        if (withProvider) {
            present.add("aanbieder");
        }
        return Linker.link(SparkTest.spark(), work, linkSpec(o), geography(o), present, null, new Progress("differential"));
    }

    /** A table request with the indicator's defaults, overridden by the reference options. */
    public static TableRequest request(String code, RefOptions o) {
        Indicator ind = Indicators.get(INDICATOR_KEYS.get(code));
        Map<String, Object> opts = new HashMap<>();
        for (Map.Entry<String, Option> e : ind.options().entrySet()) {
            if (e.getValue().defaultValue() != null) {
                opts.put(e.getKey(), e.getValue().defaultValue());
            }
        }
        putIfKnown(ind, opts, "concurrency", o.concurrencyOverlap() ? "overlap" : "period");
        putIfKnown(ind, opts, "other_kinds", o.otherKinds().stream().map(Enum::name).toList());
        putIfKnown(ind, opts, "new_wijkteam_counts", o.newWijkteamCounts());
        putIfKnown(ind, opts, "exclude_wijkteam", o.excludeWijkteam());
        List<Pool> pools = new ArrayList<>();
        for (List<Period> span : o.pooledSpans()) {
            pools.add(new Pool(RefOptions.spanCode(span), span.stream().map(Period::index).toList()));
        }
        return new TableRequest("differential_" + code, ind.name(), opts, pools);
    }

    private static void putIfKnown(Indicator ind, Map<String, Object> opts, String key, Object value) {
        if (ind.options().containsKey(key)) {
            opts.put(key, value);
        }
    }

    /** Runs indicator {@code code} (I1..I5) on linked data. */
    public static CellTable table(LinkedData linked, String code, RefOptions o) {
        TableRequest r = request(code, o);
        return Indicators.get(r.indicator()).compute(linked, r);
    }

    /** Runs indicator {@code code} (I1..I5) on linked data and converts its table. */
    public static Map<CountRef, long[]> compute(LinkedData linked, String code, RefOptions o) {
        return toMap(table(linked, code, o));
    }

    /**
     * The relations a table declares that its own counts break: a SUM whose parts do not add up to the total,
     * an AT_MOST whose parts exceed it. Disclosure auditing relies on these being true. A count named in a
     * relation but absent from every cell counts as 0.
     */
    public static List<String> relationViolations(CellTable t) {
        Map<CountRef, Long> values = new HashMap<>();
        for (Cell c : t.cells()) {
            values.put(c.numeratorRef(), c.numerator().value());
            values.put(c.denominatorRef(), c.denominator().value());
        }
        List<String> out = new ArrayList<>();
        for (Relation r : t.relations()) {
            long total = values.getOrDefault(r.total(), 0L);
            long parts = r.parts().stream().mapToLong(p -> values.getOrDefault(p, 0L)).sum();
            boolean ok = r.type() == Relation.Type.SUM ? total == parts : parts <= total;
            if (!ok) {
                out.add(r.type() + " " + r.total() + " = " + total + " but parts " + r.parts() + " = " + parts);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ comparing

    /**
     * Every numerator and denominator count of a table as {@code CountRef → {value, persons}}, zero counts left
     * out (the reference leaves them out too) and NOT_OBSERVABLE cells skipped. A count that appears in
     * several cells must carry the same numbers each time; if not, this throws.
     */
    public static Map<CountRef, long[]> toMap(CellTable t) {
        Map<CountRef, long[]> out = new TreeMap<>();
        for (Cell c : t.cells()) {
            if ("NOT_OBSERVABLE".equals(c.preset())) {
                continue;
            }
            put(out, c.numeratorRef(), c.numerator());
            put(out, c.denominatorRef(), c.denominator());
        }
        out.values().removeIf(v -> v[0] == 0 && v[1] == 0);
        return out;
    }

    private static void put(Map<CountRef, long[]> out, CountRef ref, Count c) {
        if (c == null) {
            return;
        }
        long[] v = {c.value(), c.persons()};
        long[] before = out.putIfAbsent(ref, v);
        if (before != null && (before[0] != v[0] || before[1] != v[1])) {
            throw new IllegalStateException("count " + ref + " differs between cells: " + before[0] + "/" + before[1]
                    + " vs " + v[0] + "/" + v[1]);
        }
    }

    /** Keys on which the maps differ (missing = {0, 0}), as readable lines "ref: expected v/p, actual v/p". */
    public static List<String> differences(Map<CountRef, long[]> expected, Map<CountRef, long[]> actual) {
        Set<CountRef> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        List<String> out = new ArrayList<>();
        for (CountRef k : keys) {
            long[] e = expected.getOrDefault(k, new long[2]);
            long[] a = actual.getOrDefault(k, new long[2]);
            if (e[0] != a[0] || e[1] != a[1]) {
                out.add(k + ": reference " + e[0] + "/" + e[1] + ", spark " + a[0] + "/" + a[1]);
            }
        }
        return out;
    }

    /**
     * Greedy minimisation of a failing dataset: drops one person (all their rows) at a time, then single rows,
     * keeping each removal after which {@code fails} still holds. Slow (one Spark run per step): used on
     * demand (-Dsamenloop.diff.minimize=true) to report a minimal failing example.
     */
    public static RefData minimize(RefData d, java.util.function.Predicate<RefData> fails) {
        RefData cur = d;
        List<Long> persons = new ArrayList<>();
        cur.trajectories().forEach(t -> persons.add(t.person()));
        cur.measures().forEach(m -> persons.add(m.person()));
        cur.persons().forEach(p -> persons.add(p.person()));
        for (long p : new TreeSet<>(persons)) {
            RefData without = new RefData(
                    cur.trajectories().stream().filter(t -> t.person() != p).toList(),
                    cur.measures().stream().filter(m -> m.person() != p).toList(),
                    cur.persons().stream().filter(x -> x.person() != p).toList(),
                    cur.addresses().stream().filter(a -> a.person() != p).toList(), cur.objects(), cur.regions());
            if (fails.test(without)) {
                cur = without;
            }
        }
        for (int i = cur.trajectories().size() - 1; i >= 0; i--) {
            List<RefData.Trajectory> t = new ArrayList<>(cur.trajectories());
            t.remove(i);
            RefData without = new RefData(t, cur.measures(), cur.persons(), cur.addresses(), cur.objects(), cur.regions());
            if (fails.test(without)) {
                cur = without;
            }
        }
        for (int i = cur.measures().size() - 1; i >= 0; i--) {
            List<RefData.Measure> m = new ArrayList<>(cur.measures());
            m.remove(i);
            RefData without = new RefData(cur.trajectories(), m, cur.persons(), cur.addresses(), cur.objects(), cur.regions());
            if (fails.test(without)) {
                cur = without;
            }
        }
        for (int i = cur.addresses().size() - 1; i >= 0; i--) {
            List<RefData.Address> a = new ArrayList<>(cur.addresses());
            a.remove(i);
            RefData without = new RefData(cur.trajectories(), cur.measures(), cur.persons(), a, cur.objects(), cur.regions());
            if (fails.test(without)) {
                cur = without;
            }
        }
        return cur;
    }

    /** Readable dump of a fixture, for reporting a minimal failing example. */
    public static String describe(RefData d) {
        StringBuilder sb = new StringBuilder();
        Map<String, List<?>> parts = new LinkedHashMap<>();
        parts.put("trajectories", d.trajectories());
        parts.put("measures", d.measures());
        parts.put("persons", d.persons());
        parts.put("addresses", d.addresses());
        parts.forEach((k, v) -> {
            sb.append(k).append(":\n");
            v.forEach(x -> sb.append("  ").append(x).append('\n'));
        });
        return sb.toString();
    }
}
