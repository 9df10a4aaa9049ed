package nl.samenloop.indicators;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.link.LinkedData;
import nl.samenloop.model.Codes;
import nl.samenloop.model.GeoLevel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * I2 — share of youth with a form of care (spec indicators.md I2): per group, youth-population members
 * with at least one active spell of the group over the youth population living there; with the
 * deviation from the Netherlands in percentage points and as a ratio.
 */
public final class CareShare implements Indicator {
    static final String POPULATION = "POPULATION";

    @Override
    public String name() {
        return "care_share";
    }

    @Override
    public String code() {
        return "I2";
    }

    @Override
    public String title() {
        return "Aandeel jongeren met een vorm van zorg";
    }

    @Override
    public Map<String, Option> options() {
        Map<String, Option> m = new LinkedHashMap<>();
        List<String> groups = List.copyOf(Codes.GROUPS.keySet());
        m.put("groups", Option.list("groups", groups, groups, "groups to report"));
        m.put("deviation", Option.bool("deviation", true, "also report the deviation from the Netherlands (points and ratio)"));
        return m;
    }

    /** Youth-population members with care of a group in the period: the same persons whichever table counts them. */
    @Override
    public String concept(TableRequest request, String countName) {
        return Concepts.YOUTH + countName;
    }

    /** Person-level facts: person, p, gm, POPULATION = 1 and one 0/1 column per group. */
    public static Dataset<Row> facts(LinkedData data, List<String> groups) {
        List<Column> cols = new ArrayList<>(List.of(col("person"), col("p"), col("gm"), lit(1L).as(POPULATION)));
        for (String g : groups) {
            cols.add(CareFacts.any(List.copyOf(Codes.GROUPS.get(g))).as(g));
        }
        return CareFacts.populationWithCare(data).select(cols.toArray(Column[]::new));
    }

    /**
     * The same counts as {@link #facts}, read more cheaply: the population counted alone (POPULATION = 1, groups 0)
     * and, as separate rows, the population members with care and their groups (POPULATION 0). Each count column
     * is non-zero in at most one row per person and period, which is what {@link Rollup#personPeriodCounts} needs;
     * the whole population is never joined to the care flags.
     */
    static Dataset<Row> countFacts(LinkedData data, List<String> groups) {
        List<Column> everyone = new ArrayList<>(List.of(col("person"), col("p"), col("gm"), lit(1L).as(POPULATION)));
        List<Column> withCare = new ArrayList<>(List.of(col("person"), col("p"), col("gm"), lit(0L).as(POPULATION)));
        for (String g : groups) {
            everyone.add(lit(0L).as(g));
            withCare.add(CareFacts.any(List.copyOf(Codes.GROUPS.get(g))).as(g));
        }
        return data.population().select(everyone.toArray(Column[]::new))
                .union(CareFacts.carePopulation(data).select(withCare.toArray(Column[]::new)));
    }

    @Override
    public CellTable compute(LinkedData data, TableRequest request) {
        List<String> groups = request.list("groups");
        List<String> names = new ArrayList<>(groups);
        names.add(POPULATION);
        CountCube cube = Rollup.personPeriodCounts(countFacts(data, groups), names, data.index(), data.geography(), request.pools());
        return table(cube, request, data.spec().ageMin() + "–" + data.spec().ageMax());
    }

    /** The table from its counts (no Spark): cells, relations, notes and identity. */
    CellTable table(CountCube cube, TableRequest request, String ages) {
        List<String> groups = request.list("groups");
        List<Cell> cells = new ArrayList<>();
        List<Relation> relations = new ArrayList<>(cube.geographyAndPoolRelations());
        for (String g : groups) {
            cells.addAll(cube.shares(g, g, POPULATION));
            relations.addAll(cube.atMost(POPULATION, g));
            if (request.bool("deviation")) {
                cells.addAll(deviations(cube, g));
            }
        }
        nested(groups, cube, relations);
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("Definitie", "Teller: jongeren in de jeugdpopulatie met ten minste één actief traject of maatregel van de groep in de periode; "
                + "noemer: de jeugdpopulatie (leeftijd " + ages + ", met een adres in Nederland).");
        notes.put("Afwijking", "_AFWIJKING_PUNTEN: verschil met Nederland in procentpunten; _VERHOUDING_NL: aandeel gedeeld door het aandeel in Nederland.");
        return new CellTable(request.name(), code(), title(), cells, relations, notes)
                .withIdentity(Concepts.of(this, request, cube.names()), cube.geoSets())
                .withMemberCounts(cube.memberCounts());
    }

    /** A group that contains another has at least as many persons: readers know that too. */
    private static void nested(List<String> groups, CountCube cube, List<Relation> relations) {
        for (String outer : groups) {
            for (String inner : groups) {
                if (!outer.equals(inner) && Codes.GROUPS.get(outer).containsAll(Codes.GROUPS.get(inner))) {
                    relations.addAll(cube.atMost(outer, inner));
                }
            }
        }
    }

    private static List<Cell> deviations(CountCube cube, String group) {
        List<Cell> out = new ArrayList<>();
        for (String period : cube.allPeriods()) {
            Count nlNum = cube.get(group, GeoLevel.NETHERLANDS, period);
            Count nlDen = cube.get(POPULATION, GeoLevel.NETHERLANDS, period);
            Double nlShare = nlDen.value() == 0 ? null : 100.0 * nlNum.value() / nlDen.value();
            List<Count> extra = List.of(
                    new Count(group + "@" + GeoLevel.NETHERLANDS + "@" + period, nlNum.value(), nlNum.persons()),
                    new Count(POPULATION + "@" + GeoLevel.NETHERLANDS + "@" + period, nlDen.value(), nlDen.persons()));
            for (CountCube.Geo g : cube.geos()) {
                if (g.level() == GeoLevel.COUNTRY || g.code().startsWith(nl.samenloop.link.Geography.REST)) {
                    continue;
                }
                Count num = cube.get(group, g.code(), period);
                Count den = cube.get(POPULATION, g.code(), period);
                Double share = den.value() == 0 ? null : 100.0 * num.value() / den.value();
                Double points = share == null || nlShare == null ? null : share - nlShare;
                Double ratio = share == null || nlShare == null || nlShare == 0 ? null : share / nlShare;
                String name = cube.geography().name(g.level(), g.code());
                boolean released = cube.geography().released(g.level(), g.code());
                out.add(new Cell(group + "_AFWIJKING_PUNTEN", g.level(), g.code(), name, period, num, den, points, extra, released, null));
                out.add(new Cell(group + "_VERHOUDING_NL", g.level(), g.code(), name, period, num, den, ratio, extra, released, null));
            }
        }
        return out;
    }

    @Override
    public String chartMeasure(TableRequest request) {
        return request.list("groups").isEmpty() ? null : request.list("groups").get(0);
    }

    @Override
    public String chartTitle(TableRequest request) {
        return "Aandeel jongeren met " + Codes.GROUP_LABELS.get(chartMeasure(request));
    }
}
