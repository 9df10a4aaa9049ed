package nl.samenloop.indicators;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.link.LinkedData;
import nl.samenloop.model.Codes;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * I5 — referral source (spec indicators.md I5): trajectories that started in the period by verwijzer, as
 * counts and as % of all started trajectories; optionally without wijkteam trajectories. Geography as in
 * I1 (the person's municipality in the period, unknown when there is none).
 */
public final class Referral implements Indicator {
    static final String STARTED = "STARTED";
    static final String EMPTY = "LEEG";

    @Override
    public String name() {
        return "referral";
    }

    @Override
    public String code() {
        return "I5";
    }

    @Override
    public String title() {
        return "Gestarte jeugdhulptrajecten naar verwijzer";
    }

    @Override
    public Map<String, Option> options() {
        return Map.of("exclude_wijkteam", Option.bool("exclude_wijkteam", false, "leave wijkteam trajectories (hulpvorm 01) out"));
    }

    @Override
    public List<String> requiredColumns(TableRequest request) {
        return List.of("verwijzer");
    }

    static String started(String code) {
        return STARTED + "_" + code;
    }

    @Override
    public CellTable compute(LinkedData data, TableRequest request) {
        Dataset<Row> t = data.trajectories();
        if (request.bool("exclude_wijkteam")) {
            t = t.where(col("hulpvorm").notEqual(Codes.WIJKTEAM));
        }
        Dataset<Row> starts = t.withColumn("p", data.index().index(col("begin")))
                .where(col("p").between(0, data.index().size() - 1));
        List<String> codes = categories();
        // Ingest stores an absent code as null; a blank one is treated the same, so the categories add up.
        Column verwijzer = when(col("verwijzer").isNull().or(trim(col("verwijzer")).equalTo("")), lit(EMPTY)).otherwise(col("verwijzer"));
        List<Column> cols = new ArrayList<>(List.of(col("person"), col("p"), col("gm"), lit(1L).as(STARTED)));
        for (String c : codes) {
            cols.add(when(verwijzer.equalTo(c), 1L).otherwise(0L).as(started(c)));
        }
        Dataset<Row> facts = CareFacts.trajectoriesWithResidence(starts, data).select(cols.toArray(Column[]::new));
        CountCube cube = Rollup.counts(facts, names(), data.index(), data.geography(), request.pools());
        return table(cube, request);
    }

    /** The verwijzer categories: every known code, then {@link #EMPTY}. */
    static List<String> categories() {
        List<String> codes = new ArrayList<>(Codes.VERWIJZER.keySet());
        codes.add(EMPTY);
        return codes;
    }

    /** STARTED, then STARTED_ per category. */
    static List<String> names() {
        List<String> names = new ArrayList<>(List.of(STARTED));
        categories().forEach(c -> names.add(started(c)));
        return names;
    }

    /** The table from its counts (no Spark): cells, relations, notes and identity. */
    CellTable table(CountCube cube, TableRequest request) {
        List<String> names = cube.names();
        List<String> codes = categories();
        List<Cell> cells = new ArrayList<>();
        List<Relation> relations = new ArrayList<>(cube.geographyAndPoolRelations());
        relations.addAll(cube.categorySum(STARTED, names.subList(1, names.size())));
        for (String c : codes) {
            cells.addAll(cube.shares(started(c), started(c), STARTED));
            relations.addAll(cube.atMost(STARTED, started(c)));
        }
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("Definitie", "Samengevoegde jeugdhulptrajecten met begindatum in de periode, naar verwijzer"
                + (request.bool("exclude_wijkteam") ? ", zonder wijkteamtrajecten." : ", inclusief wijkteamtrajecten."));
        StringBuilder legend = new StringBuilder();
        Codes.VERWIJZER.forEach((k, v) -> legend.append(k).append(" ").append(v).append("; "));
        notes.put("Verwijzers", legend + EMPTY + " niet ingevuld");
        return new CellTable(request.name(), code(), title(), cells, relations, notes)
                .withIdentity(Concepts.of(this, request, cube.names()), cube.geoSets())
                .withMemberCounts(cube.memberCounts());
    }

    @Override
    public String chartMeasure(TableRequest request) {
        return started("01");
    }

    @Override
    public String chartTitle(TableRequest request) {
        return "Gestarte jeugdhulptrajecten met verwijzer " + Codes.VERWIJZER.get("01")
                + (request.bool("exclude_wijkteam") ? ", zonder wijkteamtrajecten" : "");
    }

    @Override
    public boolean chartAsBars() {
        return true;
    }
}
