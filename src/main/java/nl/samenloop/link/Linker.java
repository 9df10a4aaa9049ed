package nl.samenloop.link;

import static org.apache.spark.sql.functions.*;

import java.nio.file.Path;
import nl.samenloop.storage.Location;
import java.time.LocalDate;
import java.util.Set;
import nl.samenloop.engine.ByPerson;
import nl.samenloop.engine.Joins;
import nl.samenloop.engine.Progress;
import nl.samenloop.ingest.Staging;
import nl.samenloop.model.Codes;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.model.Period;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

/**
 * Links the staged tables into the datasets of {@link LinkedData}: merged trajectories, care spells of
 * every kind, residence on the peildatum and the youth population per period (spec indicators.md,
 * "Preparing trajectories", "Geography").
 */
public final class Linker {
    /** Stand-in for an open end inside window arithmetic; never leaves this class. */
    private static final java.sql.Date FAR = java.sql.Date.valueOf("9999-12-31");

    private Linker() {
    }

    /**
     * @param latestYearlyFile the latest year of a yearly trajectory file, or null with unsplit input
     */
    public static LinkedData link(SparkSession spark, Path work, LinkSpec spec, Geography geo,
                                  Set<String> presentColumns, Integer latestYearlyFile, Progress progress) {
        return link(spark, Location.local(work), spec, geo, presentColumns, latestYearlyFile, progress);
    }

    /** As above, with the working area on any file system (Spark reads the staged datasets by their full URI). */
    public static LinkedData link(SparkSession spark, Location work, LinkSpec spec, Geography geo,
                                  Set<String> presentColumns, Integer latestYearlyFile, Progress progress) {
        PeriodIndex index = new PeriodIndex(spec.periods());
        progress.stage("link", "trajectories, care spells, residence on the peildatum, youth population (" + index.size()
                + " periods)");
        Dataset<Row> rawTraj = spark.read().parquet(Staging.staged(work, Staging.JEUGDHULP).spark());
        Dataset<Row> trajectories = prepareTrajectories(rawTraj, spec.mergeOverlapping())
                .persist(StorageLevel.MEMORY_AND_DISK());
        progress.rows("link", "merged trajectories", trajectories.count());

        Dataset<Row> measures = measures(spark, work, Staging.BESCHERMING, Codes.Kind.JEUGDBESCHERMING)
                .unionByName(measures(spark, work, Staging.RECLASSERING, Codes.Kind.JEUGDRECLASSERING));
        // Partitioned by person once and kept: the care indicators (I2, I3, I4) all join it on person.
        Dataset<Row> care = ByPerson.partition(trajectories.select(col("person"), col("linkable"), col("kind"),
                col("begin"), col("end")).unionByName(measures)).persist(StorageLevel.MEMORY_AND_DISK());

        Dataset<Row> objects = spark.read().parquet(Staging.staged(work, Staging.OBJECTS).spark())
                .where(col("year").equalTo(spec.classificationYear()))
                .select(col("object"), col("gemeente").as("gm"));
        MunicipalityIndex gms = new MunicipalityIndex(geo);
        Dataset<Row> addresses = spark.read().parquet(Staging.staged(work, Staging.ADDRESSES).spark())
                .select("person", "begin", "end", "object")
                // Objects are the smaller side: hashed per partition instead of both sides sorted.
                .join(objects.hint("shuffle_hash"), Joins.on("object"), "left")
                // An object without a municipality in this classification year, or with a code the reference
                // data does not know for that year, is "unknown": in the Netherlands, never in a municipality.
                .join(gms.table(spark), col("gm").equalTo(col("known_gm")), "left")
                .withColumn("gm", coalesce(col("known_gm"), lit(GeoLevel.UNKNOWN)))
                .withColumn("gm_idx", coalesce(col("known_idx"), lit(gms.unknown())))
                .select("person", "begin", "end", "object", "gm", "gm_idx");
        // Kept, partitioned by person: the population is built from it here, residence (I1, I5) and follow-up
        // (I4, the address on a trajectory's end date) read it again. The rank orders a person's spells as the
        // spec breaks ties between them (the later begin first, then the object), once per spell, so that
        // choosing an address per period compares two numbers instead of sorting every person-period.
        addresses = ByPerson.partition(addresses)
                .withColumn("rank", row_number().over(Window.partitionBy("person").orderBy(col("begin").desc(), col("object").asc())))
                .select("person", "begin", "end", "rank", "gm", "gm_idx")
                .persist(StorageLevel.MEMORY_AND_DISK());

        // Residence is only ever looked up for persons with a care spell (I1 and I5 join trajectory-periods to it, the
        // quality table the care flags), so it is built from their address spells alone: the same rows for every
        // lookup, without choosing an address for every person-period of the country (nationally most of them). The
        // addresses stay where they are; only the distinct care persons are shuffled by person.
        // Those persons come from the staged tables, not from the cached care spells (merging trajectories does not
        // change whose they are). Reading the cached care spells here once hung the run on HDFS, probably the stall
        // that delay scheduling in local mode also caused when writing the linked data there (Engine.session); not
        // retried since.
        Dataset<Row> carePersons = rawTraj.select("person").union(measures.select("person")).distinct();
        Dataset<Row> residence = onPeildatum(addresses.join(carePersons.hint("shuffle_hash"), Joins.on("person"), "left_semi"),
                index, gms, spark, null);
        Dataset<Row> persons = spark.read().parquet(Staging.staged(work, Staging.PERSONS).spark())
                .where(col("birth_date").isNotNull())
                .select("person", "birth_date");
        Column ref = spec.ageAtStart() ? col("pstart") : col("pend");
        // The youth population straight from the address spells of persons with a birth date, the age checked per
        // period before an address is chosen: the same rows as residence joined to the persons, without building
        // residence (which only I1 and I5 need) or joining tens of millions of person-periods.
        Dataset<Row> population = onPeildatum(addresses.join(persons.hint("shuffle_hash"), "person"), index, gms, spark,
                Ages.ageOn(ref, col("birth_date")).between(spec.ageMin(), spec.ageMax()));
        if (spec.responsibleBasis()) {
            residence = responsible(residence, trajectories, index, geo, spark);
            population = responsible(population, trajectories, index, geo, spark);
        }
        // Residence is cached when first used (I1, I5, the quality table); the population is built now.
        residence = residence.persist(StorageLevel.MEMORY_AND_DISK());
        population = population.persist(StorageLevel.MEMORY_AND_DISK());
        progress.rows("link", "youth population person-periods", population.count());
        // Shared by the person-level indicators (STYLE "share the scans"), cached when first used: the care flags
        // per person-period, and the population members that have any care, with their flags (a fraction of the
        // population, so I2's numerators, I3 and I4 read that instead of joining the whole population each).
        Dataset<Row> careFlags = careFlags(care, index).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> populationCare = population.join(careFlags.hint("shuffle_hash"), Joins.on("person", "p"))
                .persist(StorageLevel.MEMORY_AND_DISK());

        LocalDate horizon = spec.dataHorizon() != null ? spec.dataHorizon() : horizon(rawTraj, spec, latestYearlyFile);
        progress.stage("link", "data horizon " + horizon + (spec.dataHorizon() != null ? " (from the job)" : " (derived)"));
        return new LinkedData(spec, geo, index, horizon, trajectories, care, residence, population, addresses, careFlags,
                populationCare, presentColumns, work);
    }

    /**
     * Merges trajectories of one person, hulpvorm (and provider) that overlap by at least one day into one
     * with the earliest begin and the latest end (open wins). Done as a running max over begin order — a
     * new group starts when a begin lies after every earlier end — so chains merge transitively.
     * Trajectories that merely touch (end + 1 = next begin) stay apart: they share no day.
     */
    static Dataset<Row> prepareTrajectories(Dataset<Row> raw, boolean merge) {
        Dataset<Row> t = raw.withColumn("kind", kindOf(col("hulpvorm")));
        if (!merge) {
            return t.select("person", "linkable", "hulpvorm", "kind", "begin", "end", "verwijzer", "aanbieder", "gemeente");
        }
        Column endOrFar = coalesce(col("end"), lit(FAR));
        WindowSpec w = Window.partitionBy("person", "linkable", "hulpvorm", "aanbieder").orderBy(col("begin"), endOrFar);
        Column prevMaxEnd = max(endOrFar).over(w.rowsBetween(Window.unboundedPreceding(), -1));
        Dataset<Row> grouped = t.withColumn("_new", when(prevMaxEnd.isNull().or(col("begin").gt(prevMaxEnd)), 1).otherwise(0))
                .withColumn("_grp", sum("_new").over(w.rowsBetween(Window.unboundedPreceding(), Window.currentRow())));
        Column last = max(endOrFar);
        return grouped.groupBy("person", "linkable", "hulpvorm", "aanbieder", "_grp")
                .agg(min("begin").as("begin"), last.as("_end"),
                        min_by(col("verwijzer"), col("begin")).as("verwijzer"),
                        max_by(col("gemeente"), col("begin")).as("gemeente"),
                        first("kind").as("kind"))
                .withColumn("end", when(col("_end").equalTo(lit(FAR)), lit(null).cast("date")).otherwise(col("_end")))
                .select("person", "linkable", "hulpvorm", "kind", "begin", "end", "verwijzer", "aanbieder", "gemeente");
    }

    /**
     * One row per linkable person and period with at least one active care spell: person, p and a 0/1 flag per
     * kind ({@link LinkedData#flag}). Spells of non-linkable keys never join the population, so they are left out.
     * The spells are partitioned by person, so the aggregation per person and period shuffles nothing.
     */
    static Dataset<Row> careFlags(Dataset<Row> care, PeriodIndex index) {
        Dataset<Row> active = index.explodeActive(care.where(col("linkable")), "begin", "end");
        Codes.Kind[] kinds = Codes.Kind.values();
        Column[] aggs = new Column[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            aggs[i] = max(when(col("kind").equalTo(kinds[i].name()), 1).otherwise(0)).as(LinkedData.flag(kinds[i]));
        }
        return active.groupBy("person", "p").agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, aggs.length));
    }

    static Column kindOf(Column hulpvorm) {
        return when(hulpvorm.equalTo(Codes.WIJKTEAM), lit(Codes.Kind.WIJKTEAM.name()))
                .when(hulpvorm.startsWith("0"), lit(Codes.Kind.OVERIG_ZONDER_VERBLIJF.name()))
                .otherwise(lit(Codes.Kind.MET_VERBLIJF.name()));
    }

    private static Dataset<Row> measures(SparkSession spark, Location work, String table, Codes.Kind kind) {
        return spark.read().parquet(Staging.staged(work, table).spark())
                .select(col("person"), col("linkable"), lit(kind.name()).as("kind"), col("begin"), col("end"));
    }

    /**
     * Residence on the peildatum: among the person's address spells active in the period, the one
     * containing the peildatum wins; with a move on the peildatum two spells contain it and the later
     * starting one (the new address) wins; if none contains it, the latest-starting active spell (ties: the
     * lowest object, the spell's {@code rank}).
     *
     * <p>The spells come partitioned by person and are exploded to periods within their partitions, so the
     * choice per person and period needs no shuffle, and the result stays partitioned by person for the joins
     * that follow ({@code ByPerson}). The choice is a hash aggregation of one number per person-period: the
     * smallest of (peildatum not contained, rank, municipality index), packed into a long — the order above,
     * without sorting tens of millions of rows. {@code keep}, when given, filters the person-periods first (the
     * age of the youth population).
     */
    static Dataset<Row> onPeildatum(Dataset<Row> spells, PeriodIndex index, MunicipalityIndex gms, SparkSession spark,
                                    Column keep) {
        Dataset<Row> active = index.explodeActive(spells, "begin", "end").join(index.table(spark), "p");
        if (keep != null) {
            active = active.where(keep);
        }
        Column containsPeil = col("begin").leq(col("pend")).and(col("end").isNull().or(col("end").geq(col("pend"))));
        Column choice = when(containsPeil, lit(0L)).otherwise(lit(1L << 40))
                .plus(col("rank").cast("long").multiply(1L << 16))
                .plus(col("gm_idx").cast("long"));
        return active.groupBy("person", "p").agg(min(choice).as("_choice"))
                .select(col("person"), col("p"), gms.decode(col("_choice").bitwiseAND(0xFFFFL)).as("gm"));
    }

    /**
     * Option {@code geography: responsible}: the municipality is JGDHGEMEENTE of the person's last
     * trajectory active in the period, carried into the classification year through the merger table.
     * Persons still need an address in the period to be in the population; without an active trajectory
     * (or with a code that maps to nothing) their municipality is unknown.
     */
    static Dataset<Row> responsible(Dataset<Row> residence, Dataset<Row> trajectories, PeriodIndex index, Geography geo,
                                    SparkSession spark) {
        Dataset<Row> last = index.explodeActive(trajectories.where(col("linkable")), "begin", "end")
                .groupBy("person", "p").agg(max_by(col("gemeente"), col("begin")).as("resp"));
        java.util.List<Row> map = new java.util.ArrayList<>();
        for (String code : geo.knownCodes()) {
            String target = geo.toClassification(code);
            if (target != null) {
                map.add(org.apache.spark.sql.RowFactory.create(code.substring(2), target));
            }
        }
        Dataset<Row> codes = broadcast(spark.createDataFrame(map, new org.apache.spark.sql.types.StructType()
                .add("resp", "string").add("rgm", "string")));
        return residence.join(last, Joins.on("person", "p"), "left")
                .join(codes, "resp", "left")
                .withColumn("gm", coalesce(col("rgm"), lit(GeoLevel.UNKNOWN)))
                .select("person", "p", "gm");
    }

    /**
     * Data horizon when the job does not state it: 31 December of the latest yearly trajectory file; with
     * unsplit input the end of the last period that ends on or before the latest date seen.
     */
    static LocalDate horizon(Dataset<Row> rawTraj, LinkSpec spec, Integer latestYearlyFile) {
        if (latestYearlyFile != null) {
            return LocalDate.of(latestYearlyFile, 12, 31);
        }
        Row r = rawTraj.agg(max(greatest(col("begin"), coalesce(col("end"), col("begin"))))).first();
        return horizon(spec, null, r.isNullAt(0) ? null : r.getDate(0).toLocalDate());
    }

    /**
     * As above from the latest date of the trajectory file (the later of begin and end of any record; null when it
     * has no record), for engines that find it themselves.
     */
    static LocalDate horizon(LinkSpec spec, Integer latestYearlyFile, LocalDate latest) {
        if (latestYearlyFile != null) {
            return LocalDate.of(latestYearlyFile, 12, 31);
        }
        if (latest == null) {
            return spec.end();
        }
        LocalDate best = null;
        for (int y = spec.firstYear() - 1; y <= latest.getYear(); y++) {
            for (Period p : Period.range(y, y, spec.granularity())) {
                if (!p.end().isAfter(latest)) {
                    best = p.end();
                }
            }
        }
        return best == null ? spec.start().minusDays(1) : best;
    }
}
