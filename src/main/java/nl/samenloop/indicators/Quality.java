package nl.samenloop.indicators;

import static org.apache.spark.sql.functions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.samenloop.engine.Joins;
import nl.samenloop.ingest.Staging;
import nl.samenloop.link.LinkedData;
import nl.samenloop.model.Codes;
import nl.samenloop.model.GeoLevel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * I7 — delivery-quality diagnostics (spec indicators.md I7), internal: per municipality and period the
 * trajectories by hulpvorm as a share of all trajectories; at country level the share of trajectories of
 * non-linkable persons and the share of youth-care persons without an address in the period; and breaks in
 * every series, flagged for the analyst.
 *
 * <p>Non-linkable persons and persons without an address have no municipality by definition (spec
 * "Geography": they count in "unknown"), so their shares are reported for the Netherlands only — per
 * municipality they would be 0 by construction. Rejected records by reason are in the ingest report
 * ({@code <work>/quality/report.md}); they never reach the linked data.
 *
 * <p>The table passes disclosure control like any other. The break list names municipality, period and
 * measure in the notes (the values stay in the table, where disclosure decides); values and expected ranges
 * go only to {@code <work>/quality/breaks.csv} in the secure working area.
 */
public final class Quality implements Indicator {
    static final String TRAJECTORIES = "TRAJECTORIES";
    static final String NOT_LINKABLE = "NOT_LINKABLE";
    static final String CARE_PERSONS = "CARE_PERSONS";
    static final String NO_ADDRESS = "NO_ADDRESS";
    static final String BREAKS_FILE = "breaks.csv";

    static String hulpvorm(String code) {
        return "HULPVORM_" + code;
    }

    @Override
    public String name() {
        return "quality";
    }

    @Override
    public String code() {
        return "I7";
    }

    @Override
    public String title() {
        return "Kwaliteit van de levering";
    }

    @Override
    public Map<String, Option> options() {
        Map<String, Option> m = new LinkedHashMap<>();
        m.put("break_history", Option.integer("break_history", 4, "earlier periods whose median and MAD give the expected range")
                .atLeast(SeriesBreaks.MIN_HISTORY));
        m.put("break_z", Option.number("break_z", 3.5, "a value further than this many robust standard deviations from the median is a break"));
        m.put("break_min_spread", Option.number("break_min_spread", 1.0,
                "smallest spread (percentage points) of the expected range, so a flat history does not flag every wobble")
                .atLeast(0));
        return m;
    }

    /** Trajectory facts: person, p, gm (unknown for non-linkable and addressless), TRAJECTORIES, NOT_LINKABLE, HULPVORM_xx. */
    static Dataset<Row> trajectoryFacts(LinkedData data) {
        Dataset<Row> active = data.index().explodeActive(data.trajectories(), "begin", "end");
        List<Column> cols = new ArrayList<>(List.of(col("person"), col("p"), col("gm"), lit(1L).as(TRAJECTORIES),
                when(col("linkable"), 0L).otherwise(1L).as(NOT_LINKABLE)));
        for (String h : Codes.HULPVORM.keySet()) {
            cols.add(when(col("hulpvorm").equalTo(h), 1L).otherwise(0L).as(hulpvorm(h)));
        }
        return CareFacts.trajectoriesWithResidence(active, data).select(cols.toArray(Column[]::new));
    }

    /** Youth-care persons per period (linkable, any active care spell) and whether they lack an address then. */
    static Dataset<Row> addressFacts(LinkedData data) {
        return CareFacts.activeKinds(data).select("person", "p")
                .join(data.residence().select(col("person"), col("p"), col("gm")), Joins.on("person", "p"), "left")
                .select(col("person"), col("p"), coalesce(col("gm"), lit(GeoLevel.UNKNOWN)).as("gm"),
                        lit(1L).as(CARE_PERSONS), when(col("gm").isNull(), 1L).otherwise(0L).as(NO_ADDRESS));
    }

    @Override
    public CellTable compute(LinkedData data, TableRequest request) {
        CountCube traj = Rollup.counts(trajectoryFacts(data), trajectoryNames(), data.index(), data.geography(), request.pools());
        CountCube addr = Rollup.counts(addressFacts(data), addressNames(), data.index(), data.geography(), request.pools());
        return table(traj, addr, request, data.index().periods(), data.work());
    }

    /** HULPVORM_ per code, TRAJECTORIES, NOT_LINKABLE: the counts of {@link #trajectoryFacts}. */
    static List<String> trajectoryNames() {
        List<String> names = new ArrayList<>(Codes.HULPVORM.keySet().stream().map(Quality::hulpvorm).toList());
        names.add(TRAJECTORIES);
        names.add(NOT_LINKABLE);
        return names;
    }

    /** CARE_PERSONS, NO_ADDRESS: the counts of {@link #addressFacts}. */
    static List<String> addressNames() {
        return List.of(CARE_PERSONS, NO_ADDRESS);
    }

    /**
     * The table from its two cubes (no Spark): cells, relations, the break notes; the break list goes to
     * {@code work}'s quality folder when a working area is given.
     */
    CellTable table(CountCube traj, CountCube addr, TableRequest request, List<nl.samenloop.model.Period> periods,
                    Location work) {
        SeriesBreaks detector = new SeriesBreaks(((Number) request.options().get("break_history")).intValue(),
                ((Number) request.options().get("break_z")).doubleValue(),
                ((Number) request.options().get("break_min_spread")).doubleValue());
        List<String> hulpvormNames = Codes.HULPVORM.keySet().stream().map(Quality::hulpvorm).toList();
        List<Cell> cells = new ArrayList<>();
        List<Relation> relations = new ArrayList<>();
        for (Relation r : traj.geographyAndPoolRelations()) {
            if (!r.total().name().equals(NOT_LINKABLE)) {
                relations.add(r);
            }
        }
        relations.addAll(traj.categorySum(TRAJECTORIES, hulpvormNames));
        for (String h : hulpvormNames) {
            cells.addAll(traj.shares(h, h, TRAJECTORIES));
            relations.addAll(traj.atMost(TRAJECTORIES, h));
        }
        countryOnly(traj, NOT_LINKABLE, TRAJECTORIES, request, cells, relations, false);
        countryOnly(addr, NO_ADDRESS, CARE_PERSONS, request, cells, relations, true);

        List<Flag> flags = breaks(cells, periods.stream().map(p -> p.code()).toList(), detector);
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put("Definitie", "HULPVORM_xx: samengevoegde trajecten met die hulpvorm actief in de periode, als % van alle trajecten "
                + "(woongemeente; niet-koppelbaar of zonder adres: onbekend). NOT_LINKABLE: % trajecten van niet-koppelbare personen; "
                + "NO_ADDRESS: % van de koppelbare personen met jeugdhulp of een maatregel in de periode zonder adres in de periode "
                + "(beide alleen voor Nederland: deze personen hebben per definitie geen gemeente).");
        notes.put("Breuken", "Waarde buiten mediaan ± " + fmt(((Number) request.options().get("break_z")).doubleValue())
                + " × 1,4826 × MAD (minimaal " + fmt(((Number) request.options().get("break_min_spread")).doubleValue())
                + " procentpunt) van de vorige " + request.options().get("break_history") + " perioden: "
                + (flags.isEmpty() ? "geen." : String.join("; ", flags.stream().map(Flag::label).toList()) + "."));
        notes.put("Afgekeurde records", "Zie het ingestrapport in de beveiligde werkomgeving (quality/report.md).");
        if (work != null) {
            writeBreaks(Staging.quality(work).resolve(BREAKS_FILE), flags);
        }
        return new CellTable(request.name(), code(), title(), cells, relations, notes);
    }

    /** Share cells for the Netherlands only, with num ≤ den and the pools' sums at that level. */
    private static void countryOnly(CountCube cube, String num, String den, TableRequest request, List<Cell> cells,
                                    List<Relation> relations, boolean poolDenominator) {
        for (Cell c : cube.shares(num, num, den)) {
            if (c.level() == GeoLevel.COUNTRY) {
                cells.add(c);
                relations.add(Relation.atMost(c.denominatorRef(), c.numeratorRef()));
            }
        }
        for (Pool pool : request.pools()) {
            List<String> names = poolDenominator ? List.of(num, den) : List.of(num);
            for (String n : names) {
                relations.add(Relation.sum(new CountRef(n, GeoLevel.NETHERLANDS, pool.code()), pool.periodIndexes().stream()
                        .map(i -> new CountRef(n, GeoLevel.NETHERLANDS, cube.periods().get(i))).toList()));
            }
        }
    }

    /** A flagged period of one released series: what the analyst sees and what goes to breaks.csv. */
    record Flag(String geoCode, String geoName, String period, String measure, double value, double low, double high) {
        String label() {
            return geoName + " (" + geoCode + ") " + period + " " + measure;
        }
    }

    /** Breaks in every released municipality and country series of the single periods (pools are no series). */
    static List<Flag> breaks(List<Cell> cells, List<String> periods, SeriesBreaks detector) {
        Map<String, Double[]> series = new LinkedHashMap<>();
        Map<String, Cell> first = new LinkedHashMap<>();
        for (Cell c : cells) {
            int t = periods.indexOf(c.period());
            if (t < 0 || !c.released() || (c.level() != GeoLevel.MUNICIPALITY && c.level() != GeoLevel.COUNTRY)) {
                continue;
            }
            String key = c.measure() + "|" + c.geoCode();
            series.computeIfAbsent(key, k -> new Double[periods.size()])[t] = c.value();
            first.putIfAbsent(key, c);
        }
        List<Flag> out = new ArrayList<>();
        series.forEach((key, values) -> {
            Cell c = first.get(key);
            for (SeriesBreaks.Break b : detector.find(java.util.Arrays.asList(values))) {
                out.add(new Flag(c.geoCode(), c.geoName(), periods.get(b.index()), c.measure(), b.value(), b.low(), b.high()));
            }
        });
        return out;
    }

    /** Aggregated values only: municipality code, period, measure, value, expected range. */
    static void writeBreaks(Location file, List<Flag> flags) {
        StringBuilder sb = new StringBuilder("municipality,period,measure,value,expected_low,expected_high\n");
        for (Flag f : flags) {
            sb.append(f.geoCode()).append(',').append(f.period()).append(',').append(f.measure()).append(',')
                    .append(fmt(f.value())).append(',').append(fmt(f.low())).append(',').append(fmt(f.high())).append('\n');
        }
        try {
            Storage.createFolders(file.parent());
            Storage.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the break list " + file, e);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    // No chart by default: diagnostics for the analyst, read as a table and a break list.
}
