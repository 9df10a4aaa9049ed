package nl.samenloop.indicators;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.engine.Joins;
import nl.samenloop.link.LinkedData;
import nl.samenloop.model.Codes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * I3 — concurrency ("samenloop"): of the youth with wijkteam help in a period, who had only wijkteam help
 * and who had other care alongside it (spec indicators.md I3). Mode {@code period} (default, as CBS built
 * its custom table) counts another spell when it is active in the same period; mode {@code overlap}
 * only when its dates overlap a wijkteam trajectory's dates by at least one day inside the period.
 */
public final class Concurrency implements Indicator {
    static final String BASE = "WIJKTEAM_BASE";
    static final String ONLY = "ONLY_WIJKTEAM";
    static final String ANY = "WITH_ANY_OTHER";
    private static final java.sql.Date FAR = java.sql.Date.valueOf("9999-12-31");

    @Override
    public String name() {
        return "concurrency";
    }

    @Override
    public String code() {
        return "I3";
    }

    @Override
    public String title() {
        return "Alleen wijkteamhulp of samenloop met andere zorg";
    }

    @Override
    public Map<String, Option> options() {
        Map<String, Option> m = new LinkedHashMap<>();
        m.put("concurrency", Option.choice("concurrency", List.of("period", "overlap"), "period",
                "period: other care active in the same period; overlap: dates overlap a wijkteam trajectory inside the period"));
        m.put("other_kinds", Option.list("other_kinds", otherKindNames(), otherKindNames(),
                "kinds of care that make a person not 'only wijkteam'"));
        return m;
    }

    static List<String> otherKindNames() {
        return Codes.DEFAULT_OTHER_KINDS.stream().map(Enum::name).toList();
    }

    static String with(Codes.Kind k) {
        return "WITH_" + k.name();
    }

    /**
     * The base is I2's WIJKTEAM count (youth-population members with an active wijkteam trajectory), in either
     * mode; a WITH_ count depends on the mode only; ONLY_WIJKTEAM and WITH_ANY_OTHER on the mode and other_kinds.
     */
    @Override
    public String concept(TableRequest request, String countName) {
        if (countName.equals(BASE)) {
            return Concepts.YOUTH + Codes.Kind.WIJKTEAM.name();
        }
        List<String> keys = countName.equals(ONLY) || countName.equals(ANY)
                ? List.of("concurrency", "other_kinds") : List.of("concurrency");
        return code() + ":" + countName + Concepts.options(request, keys);
    }

    /** Person-level facts: person, p, gm, BASE = 1, ONLY, WITH_<kind>, WITH_ANY_OTHER for base members. */
    public static Dataset<Row> facts(LinkedData data, String mode, List<Codes.Kind> others) {
        Dataset<Row> flagged;
        if ("overlap".equals(mode)) {
            flagged = overlapFlags(data, others);
        } else {
            flagged = CareFacts.carePopulation(data).where(col(CareFacts.flag(Codes.Kind.WIJKTEAM)).equalTo(1));
        }
        List<Column> cols = new ArrayList<>(List.of(col("person"), col("p"), col("gm"), lit(1L).as(BASE)));
        Column any = CareFacts.any(others);
        cols.add(lit(1L).minus(any).as(ONLY));
        for (Codes.Kind k : others) {
            cols.add(coalesce(col(CareFacts.flag(k)), lit(0)).cast("long").as(with(k)));
        }
        cols.add(any.as(ANY));
        return flagged.select(cols.toArray(Column[]::new));
    }

    /**
     * Overlap mode: pairs of a wijkteam trajectory and another spell of the same person in the same period
     * whose date ranges, each clipped to the period, share a day. A join on (person, p), not a cartesian
     * product: the pairs are per person.
     */
    private static Dataset<Row> overlapFlags(LinkedData data, List<Codes.Kind> others) {
        Dataset<Row> periods = data.index().table(data.population().sparkSession());
        Dataset<Row> spells = data.index().explodeActive(data.care().where(col("linkable")), "begin", "end");
        Dataset<Row> wijk = spells.where(col("kind").equalTo(Codes.Kind.WIJKTEAM.name()))
                .select(col("person"), col("p"), col("begin").as("wb"), coalesce(col("end"), lit(FAR)).as("we"));
        Dataset<Row> other = spells.where(col("kind").isin(others.stream().map(Enum::name).toArray()))
                .select(col("person"), col("p"), col("kind"), col("begin").as("ob"), coalesce(col("end"), lit(FAR)).as("oe"));
        Dataset<Row> pairs = wijk.join(other, Joins.on("person", "p")).join(periods, "p")
                .where(greatest(col("wb"), col("ob"), col("pstart")).leq(least(col("we"), col("oe"), col("pend"))));
        Column[] aggs = others.stream()
                .map(k -> max(when(col("kind").equalTo(k.name()), 1).otherwise(0)).as(CareFacts.flag(k)))
                .toArray(Column[]::new);
        Dataset<Row> flags = pairs.groupBy("person", "p").agg(aggs[0], java.util.Arrays.copyOfRange(aggs, 1, aggs.length));
        Dataset<Row> base = CareFacts.carePopulation(data).where(col(CareFacts.flag(Codes.Kind.WIJKTEAM)).equalTo(1))
                .select("person", "p", "gm");
        return base.join(flags, Joins.on("person", "p"), "left");
    }

    @Override
    public CellTable compute(LinkedData data, TableRequest request) {
        List<Codes.Kind> others = CareFacts.kinds(request.list("other_kinds"));
        String mode = request.string("concurrency");
        CountCube cube = Rollup.personPeriodCounts(facts(data, mode, others), names(request), data.index(), data.geography(),
                request.pools());
        return table(cube, request);
    }

    /** The count names of a request: BASE, ONLY_WIJKTEAM, WITH_ per other kind, WITH_ANY_OTHER. */
    static List<String> names(TableRequest request) {
        List<String> names = new ArrayList<>(List.of(BASE, ONLY));
        CareFacts.kinds(request.list("other_kinds")).forEach(k -> names.add(with(k)));
        names.add(ANY);
        return names;
    }

    /** The table from its counts (no Spark): cells, relations, notes and identity. */
    CellTable table(CountCube cube, TableRequest request) {
        String mode = request.string("concurrency");
        List<String> names = cube.names();
        List<Cell> cells = new ArrayList<>();
        List<Relation> relations = new ArrayList<>(cube.geographyAndPoolRelations());
        relations.addAll(cube.categorySum(BASE, List.of(ONLY, ANY)));
        for (String n : names.subList(1, names.size())) {
            cells.addAll(cube.shares(n, n, BASE));
            relations.addAll(cube.atMost(BASE, n));
            if (n.startsWith("WITH_") && !n.equals(ANY)) {
                relations.addAll(cube.atMost(ANY, n));
            }
        }
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("Definitie", "Basis: jongeren in de jeugdpopulatie met een actief wijkteamtraject in de periode. "
                + "ONLY_WIJKTEAM: geen andere zorg (" + String.join(", ", request.list("other_kinds")) + ") "
                + ("overlap".equals(mode) ? "die een wijkteamtraject binnen de periode met ten minste één dag overlapt."
                        : "actief in dezelfde periode."));
        notes.put("Gepoolde perioden", "Meerjarige cijfers tellen persoon-perioden op: som van tellers gedeeld door som van bases.");
        return new CellTable(request.name(), code(), title(), cells, relations, notes)
                .withIdentity(Concepts.of(this, request, cube.names()), cube.geoSets())
                .withMemberCounts(cube.memberCounts());
    }

    @Override
    public String chartMeasure(TableRequest request) {
        return ONLY;
    }

    @Override
    public String chartTitle(TableRequest request) {
        return "overlap".equals(request.string("concurrency"))
                ? "Jongeren met wijkteamhulp zonder andere zorg naast hun wijkteamtraject"
                : "Jongeren met wijkteamhulp zonder andere zorg in dezelfde periode";
    }

    @Override
    public boolean chartAsBars() {
        return true;
    }
}
