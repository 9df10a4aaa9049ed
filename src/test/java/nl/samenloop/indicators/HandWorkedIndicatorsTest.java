package nl.samenloop.indicators;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.samenloop.differential.DifferentialHarness;
import nl.samenloop.link.LinkedData;
import nl.samenloop.model.Granularity;
import nl.samenloop.model.Period;
import nl.samenloop.reference.RefData;
import nl.samenloop.reference.RefOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark indicators on one small fixture where every number is worked out by hand (comments below),
 * covering the edges of the spec: a spell ending on a period's first day, open ends, a move on the
 * peildatum, a person aging out mid-year, overlapping trajectories merged (and adjacent ones not),
 * non-linkable keys, an address without municipality, and a follow-up window against the data horizon.
 *
 * <pre>
 * Periods 2019HJ01 (1 Jan–30 Jun) and 2019HJ02 (1 Jul–31 Dec); classification 2020.
 * P1 born 2005-03-10, Rotterdam (GM0599, JZ29) since 2010, open.
 *    wijkteam 2019-01-15..2019-07-01 (ends on HJ02's first day: active in HJ02), verwijzer 01
 *    ambulant (02) 2019-08-01..2019-09-30, verwijzer 02
 * P2 born 1996-10-01: 22 on 2019-06-30, 23 on 2019-12-31 → in the population of HJ01 only.
 *    Schiedam (GM0606, JZ29) since 2015. wijkteam 2018-05-01 open. OTS 2019-03-01..2019-04-30.
 * P3 born 2010-01-01, moves ON the peildatum 2019-06-30 from Rotterdam to 's-Gravenhage (GM0518, JZ24):
 *    the new address wins → 's-Gravenhage in HJ01 and HJ02.
 *    02 2019-02-01..2019-03-31 (verwijzer 02) and 02 2019-03-31..2019-05-31 (verwijzer 03): share a day → one
 *    trajectory 02-01..05-31 with the earliest verwijzer 02; 02 2019-06-01..2019-06-30 touches but shares no day.
 * P4 not linkable: wijkteam 2019-01-01..2019-12-31, verwijzer 01 → unknown municipality, never in the population.
 * P5 born 2008-05-05, lives at an object with no municipality in 2020 → unknown.
 *    wijkteam 2019-02-01..2019-02-28, no verwijzer.
 * </pre>
 */
class HandWorkedIndicatorsTest {
    static final List<Period> PERIODS = Period.range(2019, 2019, Granularity.HALFYEAR);
    static final String H1 = "2019HJ01";
    static final String H2 = "2019HJ02";
    static final long P1 = 100000001L;
    static final long P2 = 100000002L;
    static final long P3 = 100000003L;
    static final long P4 = 100000004L;
    static final long P5 = 100000005L;
    static LinkedData linked;
    static LinkedData unmerged;
    static RefOptions options;

    static RefData fixture() {
        return RefData.builder()
                .person(P1, "2005-03-10").address(P1, "2010-01-01", null, "A")
                .trajectory(P1, true, "01", "2019-01-15", "2019-07-01", "01", null)
                .trajectory(P1, true, "02", "2019-08-01", "2019-09-30", "02", null)
                .person(P2, "1996-10-01").address(P2, "2015-01-01", null, "B")
                .trajectory(P2, true, "01", "2018-05-01", null, "01", null)
                .measure(P2, RefData.MeasureKind.JB, "11", "2019-03-01", "2019-04-30")
                .person(P3, "2010-01-01").address(P3, "2012-01-01", "2019-06-30", "A").address(P3, "2019-06-30", null, "C")
                .trajectory(P3, true, "02", "2019-02-01", "2019-03-31", "02", null)
                .trajectory(P3, true, "02", "2019-03-31", "2019-05-31", "03", null)
                .trajectory(P3, true, "02", "2019-06-01", "2019-06-30", "02", null)
                .trajectory(P4, false, "01", "2019-01-01", "2019-12-31", "01", null)
                .person(P5, "2008-05-05").address(P5, "2015-01-01", null, "D")
                .trajectory(P5, true, "01", "2019-02-01", "2019-02-28", null, null)
                .object("A", 2020, "GM0599").object("B", 2020, "GM0606").object("C", 2020, "GM0518")
                .region("GM0599", "JZ29").region("GM0606", "JZ29").region("GM0518", "JZ24")
                .build();
    }

    @BeforeAll
    static void link() throws Exception {
        options = RefOptions.defaults(PERIODS, 2020).withDataHorizon(LocalDate.of(2020, 12, 31));
        Path work = Files.createTempDirectory("handworked");
        DifferentialHarness.stage(fixture(), work);
        linked = DifferentialHarness.link(work, options, false);
        unmerged = DifferentialHarness.link(work, options.withMergeOverlapping(false), false);
    }

    static Map<CountRef, long[]> run(String code, RefOptions o) {
        return DifferentialHarness.compute(o.mergeOverlapping() ? linked : unmerged, code, o);
    }

    /** {value, distinct persons} of a count; absent means zero. */
    static long[] at(Map<CountRef, long[]> m, String name, String geo, String period) {
        return m.getOrDefault(new CountRef(name, geo, period), new long[] {0, 0});
    }

    static void expect(Map<CountRef, long[]> m, String name, String geo, String period, long value, long persons) {
        assertArrayEquals(new long[] {value, persons}, at(m, name, geo, period), name + " " + geo + " " + period);
    }

    @Test
    void wijkteamShareOfTrajectories() {
        Map<CountRef, long[]> m = run("I1", options);
        // HJ01: Rotterdam P1 wijkteam; Schiedam P2 wijkteam (open); Den Haag P3's two 02 trajectories after merging;
        // unknown: P4 (not linkable) and P5 (no municipality).
        expect(m, "WIJKTEAM_TRAJECTORIES", "GM0599", H1, 1, 1);
        expect(m, "TRAJECTORIES", "GM0599", H1, 1, 1);
        expect(m, "TRAJECTORIES", "GM0606", H1, 1, 1);
        expect(m, "WIJKTEAM_TRAJECTORIES", "GM0518", H1, 0, 0);
        expect(m, "TRAJECTORIES", "GM0518", H1, 2, 1);
        expect(m, "WIJKTEAM_TRAJECTORIES", "GM----", H1, 2, 2);
        expect(m, "TRAJECTORIES", "JZ29", H1, 2, 2);
        expect(m, "TRAJECTORIES", "JZ24", H1, 2, 1);
        expect(m, "WIJKTEAM_TRAJECTORIES", "NL01", H1, 4, 4);
        expect(m, "TRAJECTORIES", "NL01", H1, 6, 5);
        // HJ02: P1's wijkteam ends on 1 July, so it is still active, next to the 02 from August; P2 is 23 but I1
        // counts trajectories of every age; P3's June trajectory ended on 30 June; P4 runs all year; P5 ended.
        expect(m, "WIJKTEAM_TRAJECTORIES", "GM0599", H2, 1, 1);
        expect(m, "TRAJECTORIES", "GM0599", H2, 2, 1);
        expect(m, "TRAJECTORIES", "GM0606", H2, 1, 1);
        expect(m, "TRAJECTORIES", "GM0518", H2, 0, 0);
        expect(m, "WIJKTEAM_TRAJECTORIES", "NL01", H2, 3, 3);
        expect(m, "TRAJECTORIES", "NL01", H2, 4, 3);
    }

    @Test
    void withoutMergingTheOverlappingPairCountsTwice() {
        Map<CountRef, long[]> m = run("I1", options.withMergeOverlapping(false));
        expect(m, "TRAJECTORIES", "GM0518", H1, 3, 1);
        expect(m, "TRAJECTORIES", "NL01", H1, 7, 5);
    }

    @Test
    void shareOfYouthPerFormOfCare() {
        Map<CountRef, long[]> m = run("I2", options);
        // HJ01 population: P1 (14, Rotterdam), P2 (22, Schiedam), P3 (9, Den Haag), P5 (11, unknown).
        expect(m, "POPULATION", "NL01", H1, 4, 4);
        expect(m, "POPULATION", "GM----", H1, 1, 1);
        expect(m, "WIJKTEAM", "NL01", H1, 3, 3);
        expect(m, "WIJKTEAM", "JZ29", H1, 2, 2);
        expect(m, "JEUGDBESCHERMING", "GM0606", H1, 1, 1);
        expect(m, "OVERIG_ZONDER_VERBLIJF", "GM0518", H1, 1, 1);
        expect(m, "ZONDER_VERBLIJF", "NL01", H1, 4, 4);
        expect(m, "MET_VERBLIJF", "NL01", H1, 0, 0);
        // HJ02: P2 has aged out (23 on the peildatum); P1 has wijkteam and 02; P3 and P5 no care.
        expect(m, "POPULATION", "NL01", H2, 3, 3);
        expect(m, "POPULATION", "GM0606", H2, 0, 0);
        expect(m, "WIJKTEAM", "NL01", H2, 1, 1);
        expect(m, "OVERIG_ZONDER_VERBLIJF", "GM0599", H2, 1, 1);
        expect(m, "JEUGDHULP", "NL01", H2, 1, 1);
    }

    @Test
    void ageOnPeriodStartKeepsTheTwentyTwoYearOld() {
        // On 2019-07-01 P2 is still 22: with age_reference period_start P2 is in the HJ02 population.
        RefOptions o = options.withAgeAtStart(true);
        Map<CountRef, long[]> m = DifferentialHarness.compute(DifferentialHarness.link(workOf(), o, false), "I2", o);
        expect(m, "POPULATION", "GM0606", H2, 1, 1);
        expect(m, "WIJKTEAM", "NL01", H2, 2, 2);
    }

    @Test
    void concurrencyPeriodMode() {
        Map<CountRef, long[]> m = run("I3", options);
        // HJ01 base: P1, P2, P5. P2 has an OTS in the same half-year; P1's 02 starts in August.
        expect(m, "WIJKTEAM_BASE", "NL01", H1, 3, 3);
        expect(m, "ONLY_WIJKTEAM", "NL01", H1, 2, 2);
        expect(m, "WITH_JEUGDBESCHERMING", "GM0606", H1, 1, 1);
        expect(m, "WITH_ANY_OTHER", "NL01", H1, 1, 1);
        // HJ02 base: P1 only (wijkteam active on 1 July; P2 aged out); the 02 in August is in the same half-year.
        expect(m, "WIJKTEAM_BASE", "NL01", H2, 1, 1);
        expect(m, "ONLY_WIJKTEAM", "NL01", H2, 0, 0);
        expect(m, "WITH_OVERIG_ZONDER_VERBLIJF", "GM0599", H2, 1, 1);
    }

    @Test
    void concurrencyOverlapModeNeedsSharedDays() {
        Map<CountRef, long[]> m = run("I3", options.withConcurrencyOverlap(true));
        // HJ02: P1's wijkteam lies on 1 July only, the 02 starts 1 August: no shared day → only wijkteam.
        expect(m, "ONLY_WIJKTEAM", "GM0599", H2, 1, 1);
        expect(m, "WITH_ANY_OTHER", "NL01", H2, 0, 0);
        // HJ01: P2's open wijkteam and the OTS share March–April.
        expect(m, "WITH_JEUGDBESCHERMING", "NL01", H1, 1, 1);
    }

    @Test
    void concurrencyInvariantOnlyPlusAnyIsBase() {
        for (RefOptions o : List.of(options, options.withConcurrencyOverlap(true))) {
            Map<CountRef, long[]> m = run("I3", o);
            for (CountRef base : m.keySet().stream().filter(r -> r.name().equals("WIJKTEAM_BASE")).toList()) {
                long only = at(m, "ONLY_WIJKTEAM", base.geoCode(), base.period())[0];
                long any = at(m, "WITH_ANY_OTHER", base.geoCode(), base.period())[0];
                assertEquals(m.get(base)[0], only + any, base.toString());
            }
        }
    }

    @Test
    void followUpAfterWijkteam() {
        Map<CountRef, long[]> m = run("I4", options);
        // HJ01 cohort: P5 (ended 28 Feb); window 1 Mar 2019 – 28 Feb 2020 holds no care; unknown municipality.
        expect(m, "COHORT", "GM----", H1, 1, 1);
        expect(m, "NO_OTHER_CARE", "NL01", H1, 1, 1);
        // HJ02 cohort: P1 (ended 1 July, living in Rotterdam then); the 02 from August is in the window.
        expect(m, "COHORT", "GM0599", H2, 1, 1);
        expect(m, "WITH_OTHER_CARE", "GM0599", H2, 1, 1);
        expect(m, "WITH_OVERIG_ZONDER_VERBLIJF", "NL01", H2, 1, 1);
        expect(m, "NO_OTHER_CARE", "NL01", H2, 0, 0);
    }

    @Test
    void followUpWindowPastTheHorizonIsNotObservable() {
        RefOptions o = options.withDataHorizon(LocalDate.of(2020, 6, 30));
        TableRequest r = DifferentialHarness.request("I4", o);
        CellTable t = Indicators.get("followup").compute(DifferentialHarness.link(workOf(), o, false), r);
        // HJ01's last window ends 2020-06-29 (observable); HJ02's ends 2020-12-30, after the horizon.
        assertTrue(t.cells().stream().filter(c -> c.period().equals(H2)).allMatch(c -> "NOT_OBSERVABLE".equals(c.preset())));
        assertTrue(t.cells().stream().filter(c -> c.period().equals(H1)).noneMatch(c -> c.preset() != null));
    }

    @Test
    void referralSourcesOfStartedTrajectories() {
        Map<CountRef, long[]> m = run("I5", options);
        // HJ01 starts: P1 wijkteam (01), P3 merged 02 (earliest verwijzer 02), P3 June 02 (02), P4 (01), P5 (empty).
        expect(m, "STARTED", "NL01", H1, 5, 4);
        expect(m, "STARTED_01", "NL01", H1, 2, 2);
        expect(m, "STARTED_02", "GM0518", H1, 2, 1);
        expect(m, "STARTED_03", "NL01", H1, 0, 0);
        expect(m, "STARTED_LEEG", "GM----", H1, 1, 1);
        expect(m, "STARTED", "NL01", H2, 1, 1);
        Map<CountRef, long[]> noWijk = run("I5", options.withExcludeWijkteam(true));
        expect(noWijk, "STARTED", "NL01", H1, 2, 1);
    }

    private static Path workOf() {
        try {
            Path work = Files.createTempDirectory("handworked-horizon");
            DifferentialHarness.stage(fixture(), work);
            return work;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
