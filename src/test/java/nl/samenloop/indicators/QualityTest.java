package nl.samenloop.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.samenloop.differential.DifferentialHarness;
import nl.samenloop.ingest.Staging;
import nl.samenloop.link.LinkedData;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.model.Granularity;
import nl.samenloop.model.Period;
import nl.samenloop.reference.RefData;
import nl.samenloop.reference.RefOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * I7 on a hand-worked fixture: years 2016–2020, classification 2020, everyone born 2010.
 *
 * <pre>
 * person        address                         care
 * 1             Rotterdam GM0599 2010–          hulpvorm 01 2016..2020, hulpvorm 02 2016..2019   → Rotterdam 01: 50,50,50,50,100%
 * 2             Schiedam GM0606 2010–           hulpvorm 01 2016..2020, hulpvorm 11 2016..2020   → Schiedam 01 and 11: 50% every year (flat)
 * 3             Schiedam 2010..2019-12-31       jeugdbescherming 2016..2020                      → no address in 2020
 * non-linkable  —                               hulpvorm 03 2020-01-01..2020-06-30               → in "unknown", 2020 only
 * </pre>
 *
 * Netherlands: trajectories 4 a year (P1 two, P2 two) in 2016–2019, and 4 in 2020 (P1 one, P2 two, the
 * non-linkable one): 01 = 50% throughout; 02 = 25,25,25,25,0; 03 = 0,0,0,0,25; NOT_LINKABLE 0,0,0,0,25. Youth-care
 * persons 3 a year (P1, P2, P3); NO_ADDRESS 0,0,0,0,1 → 33.3% in 2020.
 *
 * Breaks (history 4, z 3.5, min spread 1): a flat history of v has MAD 0, so its range is v ± 3.5. Flagged in 2020:
 * Rotterdam 01 (100 vs 46.5–53.5) and 02 (0 vs 46.5–53.5); Netherlands 02 (0 vs 21.5–28.5), 03, NOT_LINKABLE
 * (25 vs −3.5–3.5) and NO_ADDRESS (33.33 vs −3.5–3.5). Nothing in Schiedam's flat series.
 */
class QualityTest {
    static final List<Period> PERIODS = Period.range(2016, 2020, Granularity.YEAR);
    static LinkedData data;
    static Path work;

    @BeforeAll
    static void link() throws Exception {
        RefData d = RefData.builder()
                .object("1:1", 2020, "GM0599").object("1:2", 2020, "GM0606")
                .region("GM0599", "JZ29").region("GM0606", "JZ29")
                .person(1, "2010-01-01").address(1, "2010-01-01", null, "1:1")
                .trajectory(1, "01", "2016-01-01", "2020-12-31").trajectory(1, "02", "2016-01-01", "2019-12-31")
                .person(2, "2010-01-01").address(2, "2010-01-01", null, "1:2")
                .trajectory(2, "01", "2016-01-01", "2020-12-31").trajectory(2, "11", "2016-01-01", "2020-12-31")
                .person(3, "2010-01-01").address(3, "2010-01-01", "2019-12-31", "1:2")
                .measure(3, RefData.MeasureKind.JB, "11", "2016-01-01", "2020-12-31")
                .trajectory(Staging.nonLinkableKey("X", 9), false, "03", "2020-01-01", "2020-06-30", null, null)
                .build();
        work = Files.createTempDirectory("samenloop-i7");
        DifferentialHarness.stage(d, work);
        data = DifferentialHarness.link(work, RefOptions.defaults(PERIODS, 2020), false);
    }

    static TableRequest request(List<Pool> pools) {
        Map<String, Object> opts = new HashMap<>();
        new Quality().options().forEach((k, o) -> opts.put(k, o.defaultValue()));
        return new TableRequest("i7", "quality", opts, pools);
    }

    static Cell cell(CellTable t, String measure, String geo, String period) {
        return t.cells().stream().filter(c -> c.measure().equals(measure) && c.geoCode().equals(geo) && c.period().equals(period))
                .findFirst().orElseThrow(() -> new AssertionError("no cell " + measure + " " + geo + " " + period));
    }

    @Test
    void sharesByHulpvormAndCountryDiagnostics() {
        CellTable t = new Quality().compute(data, request(List.of(new Pool("2016JJ00-2020JJ00", List.of(0, 1, 2, 3, 4)))));
        Cell r2016 = cell(t, "HULPVORM_01", "GM0599", "2016JJ00");
        assertEquals(new Count("HULPVORM_01", 1, 1), r2016.numerator());
        assertEquals(new Count("TRAJECTORIES", 2, 1), r2016.denominator());
        assertEquals(50.0, r2016.value(), 1e-9);
        assertEquals(100.0, cell(t, "HULPVORM_01", "GM0599", "2020JJ00").value(), 1e-9);
        assertEquals(50.0, cell(t, "HULPVORM_11", "GM0606", "2020JJ00").value(), 1e-9);
        // The non-linkable trajectory sits in "unknown" and in the Netherlands.
        assertEquals(100.0, cell(t, "HULPVORM_03", GeoLevel.UNKNOWN, "2020JJ00").value(), 1e-9);
        Cell nl = cell(t, "NOT_LINKABLE", GeoLevel.NETHERLANDS, "2020JJ00");
        assertEquals(new Count("NOT_LINKABLE", 1, 1), nl.numerator());
        assertEquals(new Count("TRAJECTORIES", 4, 3), nl.denominator());
        assertEquals(25.0, nl.value(), 1e-9);
        assertEquals(0.0, cell(t, "NOT_LINKABLE", GeoLevel.NETHERLANDS, "2019JJ00").value(), 1e-9);
        Cell noAddress = cell(t, "NO_ADDRESS", GeoLevel.NETHERLANDS, "2020JJ00");
        assertEquals(new Count("NO_ADDRESS", 1, 1), noAddress.numerator());
        assertEquals(new Count("CARE_PERSONS", 3, 3), noAddress.denominator());
        // Pooled 2016–2020: NOT_LINKABLE 1 of 4 × 5 = 20 trajectory-periods; NO_ADDRESS 1 of 15 person-periods.
        assertEquals(5.0, cell(t, "NOT_LINKABLE", GeoLevel.NETHERLANDS, "2016JJ00-2020JJ00").value(), 1e-9);
        assertEquals(100.0 / 15, cell(t, "NO_ADDRESS", GeoLevel.NETHERLANDS, "2016JJ00-2020JJ00").value(), 1e-9);
        // Both have no municipality by definition: country rows only.
        assertTrue(t.cells().stream().filter(c -> c.measure().equals("NOT_LINKABLE") || c.measure().equals("NO_ADDRESS"))
                .allMatch(c -> c.level() == GeoLevel.COUNTRY));
        relationsHold(t);
    }

    @Test
    void breaksAreFlaggedInNotesAndInTheWorkArea() throws Exception {
        CellTable t = new Quality().compute(data, request(List.of()));
        String note = t.notes().get("Breuken");
        for (String flagged : List.of("Rotterdam (GM0599) 2020JJ00 HULPVORM_01", "Rotterdam (GM0599) 2020JJ00 HULPVORM_02",
                "Nederland (NL01) 2020JJ00 HULPVORM_02", "Nederland (NL01) 2020JJ00 HULPVORM_03",
                "Nederland (NL01) 2020JJ00 NOT_LINKABLE", "Nederland (NL01) 2020JJ00 NO_ADDRESS")) {
            assertTrue(note.contains(flagged), flagged + " in " + note);
        }
        assertTrue(!note.contains("GM0606"), "Schiedam's series are flat: " + note);
        // The notes name the break, never its value (disclosure decides on values in the table).
        assertTrue(!note.contains("100") && !note.contains("33"), note);
        List<String> lines = Files.readAllLines(Staging.quality(work).resolve(Quality.BREAKS_FILE));
        assertEquals("municipality,period,measure,value,expected_low,expected_high", lines.get(0));
        assertEquals(Set.of(
                "GM0599,2020JJ00,HULPVORM_01,100.00,46.50,53.50",
                "GM0599,2020JJ00,HULPVORM_02,0.00,46.50,53.50",
                "NL01,2020JJ00,HULPVORM_02,0.00,21.50,28.50",
                "NL01,2020JJ00,HULPVORM_03,25.00,-3.50,3.50",
                "NL01,2020JJ00,NOT_LINKABLE,25.00,-3.50,3.50",
                "NL01,2020JJ00,NO_ADDRESS,33.33,-3.50,3.50"), new HashSet<>(lines.subList(1, lines.size())));
    }

    /** Every relation of the table refers to counts some cell holds, and is true for them (as disclosure checks). */
    static void relationsHold(CellTable t) {
        Map<CountRef, Long> v = new HashMap<>();
        for (Cell c : t.cells()) {
            v.put(c.numeratorRef(), c.numerator().value());
            v.put(c.denominatorRef(), c.denominator().value());
        }
        for (Relation r : t.relations()) {
            assertTrue(v.containsKey(r.total()), "relation total " + r.total() + " has a cell");
            long sum = 0;
            for (CountRef p : r.parts()) {
                assertTrue(v.containsKey(p), "relation part " + p + " has a cell");
                sum += v.get(p);
            }
            assertTrue(r.type() == Relation.Type.SUM ? v.get(r.total()) == sum : sum <= v.get(r.total()), r.toString());
        }
    }
}
