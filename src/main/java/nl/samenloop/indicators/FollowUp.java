package nl.samenloop.indicators;

import static org.apache.spark.sql.functions.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;
import nl.samenloop.engine.ByPerson;
import nl.samenloop.engine.Joins;
import nl.samenloop.link.LinkedData;
import nl.samenloop.model.Codes;
import nl.samenloop.model.Period;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * I4 — one-year follow-up after wijkteam help (spec indicators.md I4). Cohort of P: youth-population
 * members of P whose merged wijkteam trajectory ended in P (counted once, at the latest end). Window:
 * day end+1 to end+365. NO_OTHER_CARE: no spell of another kind active on any day of the window.
 * Geography: residence on the end date. A period whose windows reach past the data horizon is not
 * observable, and the engine says so instead of reporting a biased rate.
 */
public final class FollowUp implements Indicator {
    static final String COHORT = "COHORT";
    static final String NONE = "NO_OTHER_CARE";
    static final String ANY = "WITH_OTHER_CARE";
    static final int WINDOW_DAYS = 365;

    @Override
    public String name() {
        return "followup";
    }

    @Override
    public String code() {
        return "I4";
    }

    @Override
    public String title() {
        return "Andere zorg in het jaar na beëindiging van wijkteamhulp";
    }

    @Override
    public Map<String, Option> options() {
        Map<String, Option> m = new LinkedHashMap<>();
        m.put("other_kinds", Option.list("other_kinds", Concurrency.otherKindNames(), Concurrency.otherKindNames(),
                "kinds of care that count as other care in the window"));
        m.put("new_wijkteam_counts", Option.bool("new_wijkteam_counts", false,
                "a new wijkteam trajectory in the window counts as other care"));
        return m;
    }

    static String with(Codes.Kind k) {
        return "WITH_" + k.name();
    }

    /** Person-level facts: person, p, gm, COHORT = 1, NO_OTHER_CARE, WITH_OTHER_CARE, WITH_<kind>. */
    public static Dataset<Row> facts(LinkedData data, List<Codes.Kind> others, boolean newWijkteamCounts) {
        // Every input is partitioned by person (ByPerson), as the population is: the joins below move no population rows.
        Dataset<Row> endings = ByPerson.partition(data.trajectories()
                .where(col("linkable").and(col("kind").equalTo(Codes.Kind.WIJKTEAM.name())).and(col("end").isNotNull())))
                .withColumn("p", data.index().index(col("end")))
                .where(col("p").between(0, data.index().size() - 1))
                .groupBy("person", "p").agg(max("end").as("wend"));
        // A trajectory that ended in P was active in P, so its person's population row of P has care: the cohort is
        // found among the (few) population rows with care instead of the whole population.
        Dataset<Row> cohort = endings.hint("shuffle_hash").join(CareFacts.carePopulation(data).select(col("person"), col("p"),
                col("gm").as("pgm")), Joins.on("person", "p"));

        // Residence on the end date: the address spell containing it, the later-starting one on a move day.
        // The address rank orders a person's spells by begin (latest first), then object (see LinkedData).
        Dataset<Row> addr = data.addresses().select(col("person"), col("begin").as("ab"), col("end").as("ae"), col("rank"), col("gm").as("egm"));
        Dataset<Row> onEnd = cohort.join(addr, "person")
                .where(col("ab").leq(col("wend")).and(col("ae").isNull().or(col("ae").geq(col("wend")))))
                .withColumn("_r", row_number().over(Window.partitionBy("person", "p").orderBy(col("rank").asc())))
                .where(col("_r").equalTo(1))
                .select("person", "p", "egm");
        Dataset<Row> located = cohort.join(onEnd, Joins.on("person", "p"), "left")
                .withColumn("gm", coalesce(col("egm"), col("pgm")))
                .select("person", "p", "gm", "wend");

        List<Codes.Kind> counted = new ArrayList<>(others);
        if (newWijkteamCounts && !counted.contains(Codes.Kind.WIJKTEAM)) {
            counted.add(Codes.Kind.WIJKTEAM);
        }
        Dataset<Row> care = data.care().where(col("linkable").and(col("kind").isin(counted.stream().map(Enum::name).toArray())))
                .select(col("person"), col("kind"), col("begin").as("cb"), col("end").as("ce"));
        Column windowStart = date_add(col("wend"), 1);
        Column windowEnd = date_add(col("wend"), WINDOW_DAYS);
        Column[] aggs = counted.stream()
                .map(k -> max(when(col("kind").equalTo(k.name()), 1).otherwise(0)).as(CareFacts.flag(k)))
                .toArray(Column[]::new);
        // Another kind counts when active on any day of the window; with new_wijkteam_counts a wijkteam
        // trajectory counts only when it is new, i.e. begins inside the window (spec I4: "a new wijkteam
        // trajectory in the window") — one already running at the end date is the same help continuing.
        Column counts = col("kind").notEqual(Codes.Kind.WIJKTEAM.name()).or(col("cb").geq(windowStart));
        Dataset<Row> hits = located.join(care, "person")
                .where(col("cb").leq(windowEnd).and(col("ce").isNull().or(col("ce").geq(windowStart))).and(counts))
                .groupBy("person", "p").agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, aggs.length));
        Dataset<Row> flagged = located.join(hits, Joins.on("person", "p"), "left");

        Column any = CareFacts.any(counted);
        List<Column> cols = new ArrayList<>(List.of(col("person"), col("p"), col("gm"), lit(1L).as(COHORT),
                lit(1L).minus(any).as(NONE), any.as(ANY)));
        for (Codes.Kind k : counted) {
            cols.add(coalesce(col(CareFacts.flag(k)), lit(0)).cast("long").as(with(k)));
        }
        return flagged.select(cols.toArray(Column[]::new));
    }

    /** The cohort does not depend on the options; the outcomes do. */
    @Override
    public String concept(TableRequest request, String countName) {
        return countName.equals(COHORT) ? code() + ":" + COHORT : Indicator.super.concept(request, countName);
    }

    /** A period is observable when the window of its last possible ending lies within the data horizon. */
    static boolean observable(Period p, LocalDate horizon) {
        return !p.end().plusDays(WINDOW_DAYS).isAfter(horizon);
    }

    @Override
    public CellTable compute(LinkedData data, TableRequest request) {
        List<Codes.Kind> others = CareFacts.kinds(request.list("other_kinds"));
        boolean newWijk = request.bool("new_wijkteam_counts");
        CountCube cube = Rollup.personPeriodCounts(facts(data, others, newWijk), names(request), data.index(), data.geography(), request.pools());
        return table(cube, request, data.index().periods(), data.dataHorizon());
    }

    /** The count names of a request: COHORT, NO_OTHER_CARE, WITH_OTHER_CARE, then WITH_ per counted kind. */
    static List<String> names(TableRequest request) {
        List<String> names = new ArrayList<>(List.of(COHORT, NONE, ANY));
        CareFacts.kinds(request.list("other_kinds")).forEach(k -> names.add(with(k)));
        if (request.bool("new_wijkteam_counts")) {
            names.add(with(Codes.Kind.WIJKTEAM));
        }
        return names;
    }

    /** The table from its counts (no Spark): cells (periods past the data horizon marked), relations, notes, identity. */
    CellTable table(CountCube cube, TableRequest request, List<Period> periods, LocalDate horizon) {
        List<String> names = cube.names();
        Set<String> hidden = new HashSet<>();
        for (Period p : periods) {
            if (!observable(p, horizon)) {
                hidden.add(p.code());
            }
        }
        for (Pool pool : request.pools()) {
            if (pool.periodIndexes().stream().anyMatch(i -> hidden.contains(periods.get(i).code()))) {
                hidden.add(pool.code());
            }
        }
        List<Cell> cells = new ArrayList<>();
        List<Relation> relations = new ArrayList<>(cube.geographyAndPoolRelations());
        relations.addAll(cube.categorySum(COHORT, List.of(NONE, ANY)));
        for (String n : names.subList(1, names.size())) {
            for (Cell c : cube.shares(n, n, COHORT)) {
                cells.add(hidden.contains(c.period()) ? c.withPreset("NOT_OBSERVABLE") : c);
            }
            relations.addAll(cube.atMost(COHORT, n));
            if (n.startsWith("WITH_") && !n.equals(ANY)) {
                relations.addAll(cube.atMost(ANY, n));
            }
        }
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("Definitie", "Cohort: jongeren in de jeugdpopulatie van wie een wijkteamtraject in de periode eindigde (laatste einddatum). "
                + "NO_OTHER_CARE: geen andere zorg (" + String.join(", ", request.list("other_kinds"))
                + ") actief op enige dag in de 365 dagen na de einddatum.");
        notes.put("Datahorizon", "Gegevens tot en met " + horizon + "; perioden waarvan het volgjaar daarna eindigt zijn niet waarneembaar"
                + (hidden.isEmpty() ? "." : ": " + String.join(", ", new java.util.TreeSet<>(hidden)) + "."));
        return new CellTable(request.name(), code(), title(), cells, relations, notes)
                .withIdentity(Concepts.of(this, request, cube.names()), cube.geoSets())
                .withMemberCounts(cube.memberCounts());
    }

    @Override
    public String chartMeasure(TableRequest request) {
        return NONE;
    }

    @Override
    public String chartTitle(TableRequest request) {
        return "Geen andere zorg in het jaar na beëindiging van wijkteamhulp";
    }

    @Override
    public boolean chartAsBars() {
        return true;
    }
}
