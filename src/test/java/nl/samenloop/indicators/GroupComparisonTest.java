package nl.samenloop.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.differential.DifferentialHarness;
import nl.samenloop.link.LinkedData;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.model.Granularity;
import nl.samenloop.model.Period;
import nl.samenloop.reference.RandomRefData;
import nl.samenloop.reference.RefData;
import nl.samenloop.reference.RefOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * I6 on a hand-worked fixture: years 2018 and 2019, classification 2020, everyone born 2010 (age 8–9, in the
 * youth population wherever they have an address).
 *
 * <pre>
 * person  address                                              care
 * 1       Rotterdam GM0599 2015–                               wijkteam 2018-03-01..2018-06-30          (2018)
 * 2       Rotterdam                                            wijkteam 2019-02-01..2019-12-31, hulpvorm 02 2019-05-01..2019-08-01 (2019)
 * 3       Rotterdam                                            —
 * 4       Schiedam GM0606 2015–                                —
 * 5       Schiedam                                             —
 * 6       's-Gravenhage GM0518 2015–                           wijkteam 2018-01-01..2019-12-31          (2018, 2019)
 * 7       's-Gravenhage                                        —
 * 8       Rotterdam 2015..2018-12-31, 's-Gravenhage 2019–      wijkteam 2018-06-01..2019-03-31          (2018, 2019)
 * </pre>
 *
 * Pooled I2 WIJKTEAM share 2018–2019 (person-periods): Rotterdam 3/7 (P1 2018, P2 2019, P8 2018 over P1, P2, P3
 * twice and P8 in 2018) = 42.9%; 's-Gravenhage 3/5 (P6 twice, P8 2019 over P6, P7 twice and P8 in 2019) = 60%;
 * Schiedam 0/4 = 0%.
 */
class GroupComparisonTest {
    static final List<Period> PERIODS = Period.range(2018, 2019, Granularity.YEAR);
    static final String SPAN = "2018JJ00-2019JJ00";
    static LinkedData data;

    @BeforeAll
    static void link() throws Exception {
        RefData d = RefData.builder()
                .object("1:1", 2020, "GM0599").object("1:2", 2020, "GM0606").object("1:3", 2020, "GM0518")
                .region("GM0599", "JZ29").region("GM0606", "JZ29").region("GM0518", "JZ24")
                .person(1, "2010-01-01").address(1, "2015-01-01", null, "1:1").trajectory(1, "01", "2018-03-01", "2018-06-30")
                .person(2, "2010-01-01").address(2, "2015-01-01", null, "1:1").trajectory(2, "01", "2019-02-01", "2019-12-31")
                .trajectory(2, "02", "2019-05-01", "2019-08-01")
                .person(3, "2010-01-01").address(3, "2015-01-01", null, "1:1")
                .person(4, "2010-01-01").address(4, "2015-01-01", null, "1:2")
                .person(5, "2010-01-01").address(5, "2015-01-01", null, "1:2")
                .person(6, "2010-01-01").address(6, "2015-01-01", null, "1:3").trajectory(6, "01", "2018-01-01", "2019-12-31")
                .person(7, "2010-01-01").address(7, "2015-01-01", null, "1:3")
                .person(8, "2010-01-01").address(8, "2015-01-01", "2018-12-31", "1:1").address(8, "2019-01-01", null, "1:3")
                .trajectory(8, "01", "2018-06-01", "2019-03-31")
                .build();
        Path work = Files.createTempDirectory("samenloop-i6");
        DifferentialHarness.stage(d, work);
        data = DifferentialHarness.link(work, RefOptions.defaults(PERIODS, 2020), false);
    }

    static TableRequest request(Map<String, Object> overrides, List<Pool> pools) {
        Map<String, Object> opts = new HashMap<>();
        new GroupComparison().options().forEach((k, o) -> opts.put(k, o.defaultValue()));
        opts.putAll(overrides);
        return new TableRequest("i6", "group_comparison", opts, pools);
    }

    static Cell cell(CellTable t, String measure, String group) {
        return t.cells().stream().filter(c -> c.measure().equals(measure) && c.geoCode().equals(group)).findFirst()
                .orElseThrow(() -> new AssertionError("no cell " + measure + " " + group));
    }

    @Test
    void derivedGroupsWithAndWithoutWijkteamHelp() {
        // Default: care_share:WIJKTEAM, derived from the I2 WIJKTEAM share, min_share 1%, one span of all periods.
        // at_least = Rotterdam + 's-Gravenhage: numerator 3 + 3 = 6 person-periods by P1, P2, P6, P8 (4 persons,
        // P8 counted once though in two municipalities); denominator 7 + 5 = 12 by P1, P2, P3, P6, P7, P8 (6).
        // Rate 6/12 = 50%. rest = Schiedam (and every municipality without youth here): 0 of 4, P4 and P5.
        CellTable t = new GroupComparison().compute(data, request(Map.of(), List.of()));
        Cell a = cell(t, "WIJKTEAM", GroupComparison.AT_LEAST);
        assertEquals(GeoLevel.GROUP, a.level());
        assertEquals(SPAN, a.period());
        assertEquals(new Count("WIJKTEAM", 6, 4), a.numerator());
        assertEquals(new Count("POPULATION", 12, 6), a.denominator());
        assertEquals(50.0, a.value(), 1e-9);
        Cell b = cell(t, "WIJKTEAM", GroupComparison.REST);
        assertEquals(new Count("WIJKTEAM", 0, 0), b.numerator());
        assertEquals(new Count("POPULATION", 4, 2), b.denominator());
        assertEquals(0.0, b.value(), 1e-9);
        Cell diff = cell(t, "WIJKTEAM" + GroupComparison.DIFFERENCE_SUFFIX, GroupComparison.AT_LEAST);
        assertEquals(50.0, diff.value(), 1e-9);
        assertEquals(List.of(new CountRef("WIJKTEAM", "rest", SPAN), new CountRef("POPULATION", "rest", SPAN)),
                diff.extra().stream().map(diff::extraRef).toList());
        differencesAreRateMinusReference(t);
        // The notes name the members of each derived group.
        String notes = String.join("\n", t.notes().values());
        assertTrue(t.notes().get("Groep at_least " + SPAN).equals("'s-Gravenhage (GM0518), Rotterdam (GM0599)")
                || t.notes().get("Groep at_least " + SPAN).equals("Rotterdam (GM0599), 's-Gravenhage (GM0518)"), notes);
        assertTrue(t.notes().get("Groep rest " + SPAN).endsWith("met jongeren in de gegevens: Schiedam (GM0606)"), notes);
        // Only AT_MOST relations: groups are disjoint, none is the sum of others in this table.
        assertTrue(t.relations().stream().allMatch(r -> r.type() == Relation.Type.AT_MOST));
        assertEquals(2, t.relations().size());
    }

    @Test
    void derivedThresholdMovesRotterdamToTheRest() {
        // min_share 50: only 's-Gravenhage (60%) is at least; rest holds Rotterdam (3/7) and Schiedam (0/4):
        // numerator 3 by P1, P2, P8; denominator 11 by P1, P2, P3, P4, P5, P8 → 27.27%. at_least 3/5 = 60%.
        CellTable t = new GroupComparison().compute(data, request(Map.of("min_share", 50.0), List.of()));
        assertEquals(new Count("WIJKTEAM", 3, 2), cell(t, "WIJKTEAM", "at_least").numerator());
        assertEquals(new Count("POPULATION", 5, 3), cell(t, "WIJKTEAM", "at_least").denominator());
        assertEquals(new Count("WIJKTEAM", 3, 3), cell(t, "WIJKTEAM", "rest").numerator());
        assertEquals(new Count("POPULATION", 11, 6), cell(t, "WIJKTEAM", "rest").denominator());
        assertEquals(60.0 - 300.0 / 11, cell(t, "WIJKTEAM_VERSCHIL_PUNTEN", "at_least").value(), 1e-9);
        differencesAreRateMinusReference(t);
    }

    @Test
    void listedGroupsOnConcurrency() {
        // rijnmond = Rotterdam + Schiedam: wijkteam base P1 2018, P2 2019, P8 2018 = 3 (3 persons); only wijkteam:
        // P1, P8 (P2 had hulpvorm 02 in 2019) = 2 → 66.67%. haaglanden = 's-Gravenhage: base P6 2018, P6 2019,
        // P8 2019 = 3 (2 persons), all only wijkteam → 100%. Difference in the rijnmond row: 66.67 − 100.
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("rijnmond", List.of("GM0599", "GM0606"));
        groups.put("haaglanden", List.of("GM0518"));
        CellTable t = new GroupComparison().compute(data,
                request(Map.of("measure", "concurrency:ONLY_WIJKTEAM", "groups", groups), List.of()));
        Cell r = cell(t, "ONLY_WIJKTEAM", "rijnmond");
        assertEquals(new Count("ONLY_WIJKTEAM", 2, 2), r.numerator());
        assertEquals(new Count("WIJKTEAM_BASE", 3, 3), r.denominator());
        Cell h = cell(t, "ONLY_WIJKTEAM", "haaglanden");
        assertEquals(new Count("ONLY_WIJKTEAM", 3, 2), h.numerator());
        assertEquals(new Count("WIJKTEAM_BASE", 3, 2), h.denominator());
        assertEquals(200.0 / 3 - 100.0, cell(t, "ONLY_WIJKTEAM_VERSCHIL_PUNTEN", "rijnmond").value(), 1e-9);
        // The last group is the reference: it has no difference cell.
        assertTrue(t.cells().stream().noneMatch(c -> c.geoCode().equals("haaglanden") && c.measure().endsWith("_VERSCHIL_PUNTEN")));
        assertEquals("Rotterdam (GM0599), Schiedam (GM0606)", t.notes().get("Groep rijnmond"));
        differencesAreRateMinusReference(t);
    }

    @Test
    void poolsAreTheSpans() {
        // A pool of 2019 only: rijnmond (Rotterdam + Schiedam) population P1, P2, P3, P4, P5 = 5, wijkteam P2 = 1 → 20%;
        // haaglanden population P6, P7, P8 = 3, wijkteam P6, P8 = 2 → 66.67%.
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("rijnmond", List.of("GM0599", "GM0606"));
        groups.put("haaglanden", List.of("GM0518"));
        CellTable t = new GroupComparison().compute(data, request(Map.of("groups", groups), List.of(new Pool("2019JJ00-2019JJ00", List.of(1)))));
        Cell r = cell(t, "WIJKTEAM", "rijnmond");
        assertEquals("2019JJ00-2019JJ00", r.period());
        assertEquals(new Count("WIJKTEAM", 1, 1), r.numerator());
        assertEquals(new Count("POPULATION", 5, 5), r.denominator());
        assertEquals(new Count("WIJKTEAM", 2, 2), cell(t, "WIJKTEAM", "haaglanden").numerator());
        assertEquals(20.0 - 200.0 / 3, cell(t, "WIJKTEAM_VERSCHIL_PUNTEN", "rijnmond").value(), 1e-9);
    }

    @Test
    void emptyReferenceGroupGivesNoDifference() {
        // Derived on concurrency: the rest has no wijkteam base at all, so its rate and the difference are null.
        CellTable t = new GroupComparison().compute(data, request(Map.of("measure", "concurrency:ONLY_WIJKTEAM"), List.of()));
        // at_least base: P1 2018, P8 2018, P2 2019, P6 2018, P6 2019, P8 2019 = 6 by 4 persons; only: all but P2 2019 = 5 by 3.
        assertEquals(new Count("ONLY_WIJKTEAM", 5, 3), cell(t, "ONLY_WIJKTEAM", "at_least").numerator());
        assertEquals(new Count("WIJKTEAM_BASE", 6, 4), cell(t, "ONLY_WIJKTEAM", "at_least").denominator());
        assertNull(cell(t, "ONLY_WIJKTEAM", "rest").value());
        assertNull(cell(t, "ONLY_WIJKTEAM_VERSCHIL_PUNTEN", "at_least").value());
    }

    @Test
    void badListedGroupsAreRefused() {
        GroupComparison i6 = new GroupComparison();
        Map<String, List<String>> overlap = new LinkedHashMap<>();
        overlap.put("a", List.of("GM0599", "GM0606"));
        overlap.put("b", List.of("GM0606"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> i6.compute(data, request(Map.of("groups", overlap), List.of())));
        assertTrue(e.getMessage().contains("GM0606 is also in group a"), e.getMessage());
        Map<String, List<String>> unknown = new LinkedHashMap<>();
        unknown.put("a", List.of("GM9999"));
        unknown.put("b", List.of("GM0599"));
        e = assertThrows(IllegalArgumentException.class, () -> i6.compute(data, request(Map.of("groups", unknown), List.of())));
        assertTrue(e.getMessage().contains("GM9999 is not a municipality in classification year 2020"), e.getMessage());
        Map<String, List<String>> one = Map.of("a", List.of("GM0599"));
        assertThrows(IllegalArgumentException.class, () -> i6.compute(data, request(Map.of("groups", one), List.of())));
        Map<String, List<String>> geoName = new LinkedHashMap<>();
        geoName.put("NL01", List.of("GM0599"));
        geoName.put("b", List.of("GM0518"));
        assertThrows(IllegalArgumentException.class, () -> i6.compute(data, request(Map.of("groups", geoName), List.of())));
    }

    /**
     * Law on random data: a group's value is the sum of its municipalities' pooled I2 values (person-periods
     * add), its persons lie between the largest municipality's and their sum, and the difference is rate A − rate B.
     */
    @Test
    void groupValuesAddUpFromMunicipalitiesOnRandomData() throws Exception {
        RefData d = RandomRefData.generate(7);
        Path work = Files.createTempDirectory("samenloop-i6-random");
        DifferentialHarness.stage(d, work);
        RefOptions o = RandomRefData.defaultOptions();
        LinkedData random = DifferentialHarness.link(work, o, d.trajectories().stream().anyMatch(x -> x.aanbieder() != null));
        List<Integer> all = RandomRefData.PERIODS.stream().map(Period::index).toList();
        Pool pool = new Pool(RefOptions.spanCode(RandomRefData.PERIODS), all);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("west", List.of("GM0599", "GM0518"));
        groups.put("oost", List.of("GM0606", "GM0603"));
        CellTable t = new GroupComparison().compute(random, request(Map.of("groups", groups), List.of(pool)));
        CellTable i2 = new CareShare().compute(random, new TableRequest("i2", "care_share",
                Map.of("groups", List.of("WIJKTEAM"), "deviation", false), List.of(pool)));
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            Cell groupCell = cell(t, "WIJKTEAM", g.getKey());
            long num = 0;
            long den = 0;
            long numPersons = 0;
            long maxPersons = 0;
            for (String gm : g.getValue()) {
                Cell m = i2.cells().stream().filter(c -> c.measure().equals("WIJKTEAM") && c.geoCode().equals(gm)
                        && c.period().equals(pool.code())).findFirst().orElseThrow();
                num += m.numerator().value();
                den += m.denominator().value();
                numPersons += m.numerator().persons();
                maxPersons = Math.max(maxPersons, m.numerator().persons());
            }
            assertEquals(num, groupCell.numerator().value(), g.getKey());
            assertEquals(den, groupCell.denominator().value(), g.getKey());
            assertTrue(groupCell.numerator().persons() <= numPersons && groupCell.numerator().persons() >= maxPersons);
        }
        differencesAreRateMinusReference(t);
    }

    /** Every difference cell equals its own rate minus the rate of the counts it names as extra. */
    static void differencesAreRateMinusReference(CellTable t) {
        Map<CountRef, Count> counts = new HashMap<>();
        for (Cell c : t.cells()) {
            counts.put(c.numeratorRef(), c.numerator());
            counts.put(c.denominatorRef(), c.denominator());
        }
        int seen = 0;
        for (Cell c : t.cells()) {
            if (!c.measure().endsWith(GroupComparison.DIFFERENCE_SUFFIX)) {
                continue;
            }
            seen++;
            Count refNum = counts.get(c.extraRef(c.extra().get(0)));
            Count refDen = counts.get(c.extraRef(c.extra().get(1)));
            assertEquals(refNum.value(), c.extra().get(0).value(), "extra counts are the reference group's counts");
            assertEquals(refDen.value(), c.extra().get(1).value());
            if (c.denominator().value() == 0 || refDen.value() == 0) {
                assertNull(c.value());
            } else {
                double a = 100.0 * c.numerator().value() / c.denominator().value();
                double b = 100.0 * refNum.value() / refDen.value();
                assertEquals(a - b, c.value(), 1e-9);
            }
        }
        assertTrue(seen > 0, "the table has difference cells");
    }
}
