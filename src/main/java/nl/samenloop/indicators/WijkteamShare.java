package nl.samenloop.indicators;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.link.LinkedData;
import nl.samenloop.model.Codes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * I1 — wijkteam share of trajectories (spec indicators.md I1): merged trajectories with hulpvorm 01
 * active in the period over all merged jeugdhulp trajectories active in it, per municipality of the
 * person in that period. Trajectories of non-linkable persons and of persons without an address in the
 * period count in the unknown municipality, so the Netherlands holds every trajectory.
 */
public final class WijkteamShare implements Indicator {
    static final String NUM = "WIJKTEAM_TRAJECTORIES";
    static final String DEN = "TRAJECTORIES";

    @Override
    public String name() {
        return "wijkteam_share";
    }

    @Override
    public String code() {
        return "I1";
    }

    @Override
    public String title() {
        return "Aandeel wijkteamtrajecten in alle jeugdhulptrajecten";
    }

    @Override
    public Map<String, Option> options() {
        return Map.of();
    }

    @Override
    public CellTable compute(LinkedData data, TableRequest request) {
        Dataset<Row> active = data.index().explodeActive(data.trajectories(), "begin", "end");
        Dataset<Row> facts = CareFacts.trajectoriesWithResidence(active, data)
                .select(col("person"), col("p"), col("gm"),
                        when(col("hulpvorm").equalTo(Codes.WIJKTEAM), 1L).otherwise(0L).as(NUM),
                        lit(1L).as(DEN));
        CountCube cube = Rollup.counts(facts, List.of(NUM, DEN), data.index(), data.geography(), request.pools());
        return table(cube, request);
    }

    /** The table from its counts (no Spark): cells, relations, notes and identity. */
    CellTable table(CountCube cube, TableRequest request) {
        List<Relation> relations = new ArrayList<>(cube.geographyAndPoolRelations());
        relations.addAll(cube.atMost(DEN, NUM));
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("Definitie", "Teller: samengevoegde trajecten met hulpvorm 01 (wijkteam) actief in de periode; "
                + "noemer: alle samengevoegde jeugdhulptrajecten actief in de periode.");
        notes.put("Gebied", "Woongemeente van de jongere in de periode; niet-koppelbare personen en personen zonder adres: onbekend.");
        return new CellTable(request.name(), code(), title(), cube.shares("WIJKTEAM_SHARE", NUM, DEN), relations, notes)
                .withIdentity(Concepts.of(this, request, cube.names()), cube.geoSets())
                .withMemberCounts(cube.memberCounts());
    }

    @Override
    public String chartMeasure(TableRequest request) {
        return "WIJKTEAM_SHARE";
    }
}
