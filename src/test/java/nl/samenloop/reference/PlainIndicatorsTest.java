package nl.samenloop.reference;

import static nl.samenloop.reference.RefAssert.absent;
import static nl.samenloop.reference.RefAssert.count;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.model.Codes.Kind;
import nl.samenloop.model.Granularity;
import nl.samenloop.model.Period;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked edge cases of the reference. Geography used throughout (classification year 2020):
 * object 1:A → GM0599 (region JZ29), 1:B → GM0606 (JZ29), 1:C → GM0518 (JZ24), 1:X → null (unknown),
 * 1:Y absent from VSLGWBTAB (unknown). Periods 2019HJ01 (1 Jan–30 Jun) and 2019HJ02 (1 Jul–31 Dec)
 * unless said otherwise.
 */
class PlainIndicatorsTest {
    static final String H1 = "2019HJ01";
    static final String H2 = "2019HJ02";
    static final String UNK = "GM----";
    static final List<Period> P2019 = Period.range(2019, 2019, Granularity.HALFYEAR);

    static PlainIndicators ref(RefData d) {
        return new PlainIndicators(d, RefOptions.defaults(P2019, 2020));
    }

    /**
     * Person 1: wijkteam 2018-03-01..2019-07-01 — ends on the first day of 2019HJ02, so active in both halves.
     * Person 2: 02 trajectory 2019-01-15..2019-06-30 — ends on HJ01's last day: HJ01 only.
     * Person 3: 11 trajectory 2019-12-31..open — begins on HJ02's last day: HJ02 only.
     * All born 2010, living at 1:A (GM0599) since 2000 with an open address spell.
     * I1 HJ01: TRAJECTORIES = P1 + P2 = 2 (2 persons); WIJKTEAM_TRAJECTORIES = 1. HJ02: P1 + P3 = 2; wijkteam 1.
     * I2 HJ01: POPULATION 3, WIJKTEAM 1, OVERIG_ZONDER_VERBLIJF 1, ZONDER_VERBLIJF 2, JEUGDHULP 2, MET_VERBLIJF 0.
     * I2 HJ02: POPULATION 3, WIJKTEAM 1, MET_VERBLIJF 1, JEUGDHULP 2, OVERIG 0.
     */
    @Test
    void spellEndingOnFirstDayOrBeginningOnLastDayIsActive() {
        RefData d = EdgeFixtures.boundaries();
        PlainIndicators r = ref(d);
        Map<CountRef, long[]> i1 = r.i1();
        count(i1, "TRAJECTORIES", "GM0599", H1, 2, 2);
        count(i1, "WIJKTEAM_TRAJECTORIES", "GM0599", H1, 1, 1);
        count(i1, "TRAJECTORIES", "GM0599", H2, 2, 2);
        count(i1, "WIJKTEAM_TRAJECTORIES", "GM0599", H2, 1, 1);
        count(i1, "TRAJECTORIES", "JZ29", H2, 2, 2);
        count(i1, "TRAJECTORIES", "NL01", H2, 2, 2);
        absent(i1, "TRAJECTORIES", "JZ24", H2);

        Map<CountRef, long[]> i2 = r.i2();
        count(i2, "POPULATION", "GM0599", H1, 3, 3);
        count(i2, "WIJKTEAM", "GM0599", H1, 1, 1);
        count(i2, "OVERIG_ZONDER_VERBLIJF", "GM0599", H1, 1, 1);
        count(i2, "ZONDER_VERBLIJF", "GM0599", H1, 2, 2);
        count(i2, "JEUGDHULP", "GM0599", H1, 2, 2);
        absent(i2, "MET_VERBLIJF", "GM0599", H1);
        count(i2, "POPULATION", "GM0599", H2, 3, 3);
        count(i2, "WIJKTEAM", "GM0599", H2, 1, 1);
        count(i2, "MET_VERBLIJF", "GM0599", H2, 1, 1);
        count(i2, "JEUGDHULP", "GM0599", H2, 2, 2);
        absent(i2, "OVERIG_ZONDER_VERBLIJF", "GM0599", H2);
    }

    /**
     * Peildatum of HJ01 = 2019-06-30.
     * Person 1: 1:A 2015-01-01..2019-06-30 and 1:B 2019-06-30..open → both contain the peildatum; the
     *   later-starting 1:B wins → GM0606 in HJ01 and HJ02.
     * Person 2: 1:C 2019-06-30..2019-06-30 and 1:A 2019-06-30..open → same begin: object id ascending,
     *   "1:A" < "1:C" → GM0599. In HJ02 only 1:A is active → GM0599.
     * Person 3: 1:A 2019-01-01..2019-03-31 and 1:C 2019-02-01..2019-04-30 → none contains 06-30; the
     *   latest-starting active spell 1:C → GM0518. No spell active in HJ02 → not in the HJ02 population.
     * POPULATION HJ01: GM0606 1, GM0599 1, GM0518 1; JZ29 2, JZ24 1; NL01 3.
     * POPULATION HJ02: GM0606 1, GM0599 1; JZ29 2; NL01 2.
     */
    @Test
    void moveOnThePeildatumTakesTheLaterSpell() {
        RefData d = EdgeFixtures.moveOnThePeildatum();
        Map<CountRef, long[]> i2 = ref(d).i2();
        count(i2, "POPULATION", "GM0606", H1, 1, 1);
        count(i2, "POPULATION", "GM0599", H1, 1, 1);
        count(i2, "POPULATION", "GM0518", H1, 1, 1);
        count(i2, "POPULATION", "JZ29", H1, 2, 2);
        count(i2, "POPULATION", "JZ24", H1, 1, 1);
        count(i2, "POPULATION", "NL01", H1, 3, 3);
        count(i2, "POPULATION", "GM0606", H2, 1, 1);
        count(i2, "POPULATION", "GM0599", H2, 1, 1);
        absent(i2, "POPULATION", "GM0518", H2);
        count(i2, "POPULATION", "JZ29", H2, 2, 2);
        count(i2, "POPULATION", "NL01", H2, 2, 2);
    }

    /**
     * All at 1:A (GM0599), open address since 1990.
     * Person 1 born 1996-09-15: age 22 on 2019-06-30 (in HJ01), 23 on 2019-12-31 (out of HJ02);
     *   with age_reference = period_start: 22 on 2019-07-01 → in HJ02 too.
     * Person 2 born 2019-03-01: 0 on 2019-06-30 (in HJ01); on 2019-01-01 not yet born (out with period_start).
     * Person 3 born 2001-07-01: 17 on 2019-06-30, 18 on 2019-12-31 — in both for [0,22]; for [0,17] HJ01 only.
     * Person 4: birth year missing → never in a population.
     * Default:           HJ01 {1,2,3} = 3; HJ02 {2,3} = 2.
     * period_start:      HJ01 {1,3} = 2 (person 2 unborn on 1 Jan); HJ02 {1,2,3} = 3.
     * age [0,17]:        HJ01 {2,3} = 2; HJ02 {2} = 1.
     */
    @Test
    void ageOnTheReferenceDateDecides() {
        RefData d = EdgeFixtures.ageCutOffs();
        RefOptions def = RefOptions.defaults(P2019, 2020);
        Map<CountRef, long[]> m = new PlainIndicators(d, def).i2();
        count(m, "POPULATION", "NL01", H1, 3, 3);
        count(m, "POPULATION", "NL01", H2, 2, 2);
        m = new PlainIndicators(d, def.withAgeAtStart(true)).i2();
        count(m, "POPULATION", "NL01", H1, 2, 2);
        count(m, "POPULATION", "NL01", H2, 3, 3);
        m = new PlainIndicators(d, def.withAgeRange(0, 17)).i2();
        count(m, "POPULATION", "NL01", H1, 2, 2);
        count(m, "POPULATION", "NL01", H2, 1, 1);
    }

    /**
     * Whole years: born 2004-02-29 is 14 on 2019-02-28 and 15 on 2019-03-01 (no birthday in a non-leap
     * February). Born 2000-06-30 is 19 on 2019-06-30 (birthday on the peildatum counts).
     */
    @Test
    void ageInWholeYears() {
        assertEquals(14, PlainIndicators.age(LocalDate.of(2004, 2, 29), LocalDate.of(2019, 2, 28)));
        assertEquals(15, PlainIndicators.age(LocalDate.of(2004, 2, 29), LocalDate.of(2019, 3, 1)));
        assertEquals(19, PlainIndicators.age(LocalDate.of(2000, 6, 30), LocalDate.of(2019, 6, 30)));
        assertEquals(18, PlainIndicators.age(LocalDate.of(2000, 7, 1), LocalDate.of(2019, 6, 30)));
        assertEquals(-1, PlainIndicators.age(LocalDate.of(2019, 3, 1), LocalDate.of(2019, 1, 1)));
    }

    /**
     * Periods 2018HJ01..2019HJ02, data horizon 2019-12-31. Windows: 2018HJ01 ends 2018-06-30 + 365 = 2019-06-30
     * ≤ horizon (observable); 2018HJ02: 2018-12-31 + 365 = 2019-12-31 = horizon (observable); 2019HJ01:
     * 2019-06-30 + 365 = 2020-06-29 > horizon → not observable; so is 2019HJ02.
     * All born 2010-01-01.
     * P1 (1:A): wijkteam 2018-01-10..2018-03-31 → window 2018-04-01..2019-03-31; 02 from 2019-03-31 (the
     *   window's last day) → WITH_OTHER_CARE, WITH_OVERIG_ZONDER_VERBLIJF; 2018HJ01, GM0599.
     * P2 (1:A): wijkteam 2018-02-01..2018-05-31 → window 2018-06-01..2019-05-31; JB 2019-06-01..2019-08-01 begins
     *   the day after → NO_OTHER_CARE in 2018HJ01. A new wijkteam 2018-09-01..2018-10-01 in the window does not
     *   count by default (with new_wijkteam_counts it does → WITH_OTHER_CARE). That new trajectory itself ends
     *   in 2018HJ02: window 2018-10-02..2019-10-01 holds the JB → WITH_OTHER_CARE, WITH_JEUGDBESCHERMING, GM0599.
     * P3: 1:A 2010-01-01..2018-11-30, then 1:B from 2018-12-01. Wijkteam 2018-07-01..2018-08-15 and
     *   2018-10-01..2018-11-30 both end in 2018HJ02 → counted once, at 2018-11-30; window 2018-12-01..2019-11-30;
     *   its 12 trajectory 2018-09-01..2018-11-30 ends on the end date, outside → NO_OTHER_CARE. Geography =
     *   residence on 2018-11-30 = 1:A → GM0599 (not 1:B where it lives on the peildatum).
     * P4 (1:A): wijkteam ends 2019-02-01 in 2019HJ01 — not observable, nothing reported.
     * P6: only 1:C from 2018-06-01; wijkteam 2018-03-01..2018-05-15 → no address on the end date, so its
     *   municipality in 2018HJ01 (1:C contains the peildatum) → GM0518; no other care → NO_OTHER_CARE.
     * 2018HJ01: COHORT GM0599 2 (P1,P2), GM0518 1, JZ29 2, JZ24 1, NL 3; NO_OTHER_CARE GM0599 1, GM0518 1, NL 2;
     *   WITH_OTHER_CARE GM0599 1; WITH_OVERIG_ZONDER_VERBLIJF GM0599 1.
     * 2018HJ02: COHORT GM0599 2 (P2,P3); NO_OTHER_CARE 1 (P3); WITH_OTHER_CARE 1; WITH_JEUGDBESCHERMING 1.
     * Pooled 2018HJ01-2018HJ02: COHORT GM0599 value 2+2 = 4, persons {P1,P2,P3} = 3; NL value 5, persons 4.
     * Pooled 2018HJ01-2019HJ02 contains unobservable periods → not reported.
     */
    @Test
    void followUpWindowAndDataHorizon() {
        List<Period> periods = Period.range(2018, 2019, Granularity.HALFYEAR);
        RefData d = EdgeFixtures.followUp();
        RefOptions opt = RefOptions.defaults(periods, 2020).withDataHorizon(LocalDate.of(2019, 12, 31))
                .withPooledSpans(List.of(periods.subList(0, 2), periods));
        PlainIndicators r = new PlainIndicators(d, opt);
        assertEquals(java.util.Set.of("2019HJ01", "2019HJ02", "2018HJ01-2019HJ02"), r.i4NotObservable());
        Map<CountRef, long[]> m = r.i4();
        count(m, "COHORT", "GM0599", "2018HJ01", 2, 2);
        count(m, "COHORT", "GM0518", "2018HJ01", 1, 1);
        count(m, "COHORT", "JZ29", "2018HJ01", 2, 2);
        count(m, "COHORT", "JZ24", "2018HJ01", 1, 1);
        count(m, "COHORT", "NL01", "2018HJ01", 3, 3);
        count(m, "NO_OTHER_CARE", "GM0599", "2018HJ01", 1, 1);
        count(m, "NO_OTHER_CARE", "GM0518", "2018HJ01", 1, 1);
        count(m, "NO_OTHER_CARE", "NL01", "2018HJ01", 2, 2);
        count(m, "WITH_OTHER_CARE", "GM0599", "2018HJ01", 1, 1);
        count(m, "WITH_OVERIG_ZONDER_VERBLIJF", "GM0599", "2018HJ01", 1, 1);
        count(m, "COHORT", "GM0599", "2018HJ02", 2, 2);
        absent(m, "COHORT", "GM0606", "2018HJ02");
        count(m, "NO_OTHER_CARE", "GM0599", "2018HJ02", 1, 1);
        count(m, "WITH_OTHER_CARE", "GM0599", "2018HJ02", 1, 1);
        count(m, "WITH_JEUGDBESCHERMING", "GM0599", "2018HJ02", 1, 1);
        count(m, "COHORT", "GM0599", "2018HJ01-2018HJ02", 4, 3);
        count(m, "COHORT", "NL01", "2018HJ01-2018HJ02", 5, 4);
        assertEquals(0, m.keySet().stream().filter(k -> k.period().startsWith("2019")
                || k.period().endsWith("2019HJ02")).count(), "nothing reported for unobservable periods");

        Map<CountRef, long[]> withNew = new PlainIndicators(d, opt.withNewWijkteamCounts(true)).i4();
        // P2's 2018HJ01 window now holds the new wijkteam trajectory → P1 and P2 with other care, P6 without.
        count(withNew, "WITH_OTHER_CARE", "GM0599", "2018HJ01", 2, 2);
        count(withNew, "NO_OTHER_CARE", "GM0599", "2018HJ01", 0, 0);
        count(withNew, "NO_OTHER_CARE", "NL01", "2018HJ01", 1, 1);
        count(withNew, "WITH_WIJKTEAM", "GM0599", "2018HJ01", 1, 1);
    }

    /**
     * All at 1:A, born 2010. Dates in 2019 unless stated.
     * P1 wijkteam 01-01..03-31, 03-31..05-31 (one shared day: merged) and 05-20..08-31 (overlaps the second:
     *   merged transitively) → one wijkteam trajectory 01-01..08-31, verwijzer of the first ("01").
     *   02 trajectories 01-01..01-31 and 02-01..02-28 are adjacent, not overlapping → two, verwijzer empty.
     * P2 wijkteam 02-01..04-30 (verwijzer 02) and 03-01..open (03) → one, open, verwijzer 02.
     * P3 wijkteam by provider A1 01-01..03-31 and by A2 02-01..04-30 → different providers: two (verwijzer 04).
     * I1 HJ01: TRAJECTORIES = P1 1+2, P2 1, P3 2 = 6 (3 persons); WIJKTEAM = 1+1+2 = 4 (3 persons).
     *    HJ02: P1 wijkteam (to 08-31), P2 open → 2 and 2.
     * Unmerged HJ01: P1 3+2, P2 2, P3 2 = 9, wijkteam 3+2+2 = 7; HJ02: P1's third, P2's second = 2.
     * I5 HJ01 (all begin in HJ01): STARTED 6 (3 persons); STARTED_01 1, STARTED_LEEG 2 (1 person),
     *    STARTED_02 1, STARTED_04 2; nothing starts in HJ02. exclude_wijkteam: STARTED 2, STARTED_LEEG 2.
     */
    @Test
    void overlappingTrajectoriesMergeAdjacentOnesDoNot() {
        RefData d = EdgeFixtures.merging();
        PlainIndicators r = ref(d);
        assertEquals(6, r.mergedTrajectories().size());
        Map<CountRef, long[]> i1 = r.i1();
        count(i1, "TRAJECTORIES", "GM0599", H1, 6, 3);
        count(i1, "WIJKTEAM_TRAJECTORIES", "GM0599", H1, 4, 3);
        count(i1, "TRAJECTORIES", "GM0599", H2, 2, 2);
        count(i1, "WIJKTEAM_TRAJECTORIES", "GM0599", H2, 2, 2);

        Map<CountRef, long[]> raw = new PlainIndicators(d, RefOptions.defaults(P2019, 2020).withMergeOverlapping(false)).i1();
        count(raw, "TRAJECTORIES", "GM0599", H1, 9, 3);
        count(raw, "WIJKTEAM_TRAJECTORIES", "GM0599", H1, 7, 3);
        count(raw, "TRAJECTORIES", "GM0599", H2, 2, 2);

        Map<CountRef, long[]> i5 = r.i5();
        count(i5, "STARTED", "GM0599", H1, 6, 3);
        count(i5, "STARTED_01", "GM0599", H1, 1, 1);
        count(i5, "STARTED_LEEG", "GM0599", H1, 2, 1);
        count(i5, "STARTED_02", "GM0599", H1, 1, 1);
        count(i5, "STARTED_04", "GM0599", H1, 2, 1);
        absent(i5, "STARTED_03", "GM0599", H1);
        absent(i5, "STARTED_05", "GM0599", H1);
        absent(i5, "STARTED", "GM0599", H2);
        Map<CountRef, long[]> i5x = new PlainIndicators(d, RefOptions.defaults(P2019, 2020).withExcludeWijkteam(true)).i5();
        count(i5x, "STARTED", "NL01", H1, 2, 1);
        count(i5x, "STARTED_LEEG", "NL01", H1, 2, 1);
        absent(i5x, "STARTED_01", "NL01", H1);
    }

    /**
     * HJ01 only matters here.
     * N: a non-linkable key with a wijkteam trajectory → I1 unknown; never in a population.
     * P7: linkable, born 2010, trajectory 02, no address at all → I1 unknown; not in the population.
     * P8: lives at 1:X (municipality null) with a 02 trajectory → unknown, in the population.
     * P9: lives at 1:Y (only a 2019 row; none for 2020) → unknown, in the population.
     * P10: lives at 1:C (GM0518) with a wijkteam trajectory.
     * I1 HJ01: TRAJECTORIES GM---- 3 (N, P7, P8), GM0518 1, JZ24 1, NL01 4; WIJKTEAM_TRAJECTORIES GM---- 1, NL01 2.
     *   Unknown is never in a region: JZ29 nothing, JZ24 only P10.
     * I2 HJ01: POPULATION GM---- 2 (P8, P9), GM0518 1, NL01 3; OVERIG_ZONDER_VERBLIJF GM---- 1 (P8).
     */
    @Test
    void nonLinkableAndUnknownAddressesGoToUnknown() {
        RefData d = EdgeFixtures.unknowns();
        PlainIndicators r = ref(d);
        Map<CountRef, long[]> i1 = r.i1();
        count(i1, "TRAJECTORIES", UNK, H1, 3, 3);
        count(i1, "WIJKTEAM_TRAJECTORIES", UNK, H1, 1, 1);
        count(i1, "TRAJECTORIES", "GM0518", H1, 1, 1);
        count(i1, "TRAJECTORIES", "JZ24", H1, 1, 1);
        absent(i1, "TRAJECTORIES", "JZ29", H1);
        count(i1, "TRAJECTORIES", "NL01", H1, 4, 4);
        count(i1, "WIJKTEAM_TRAJECTORIES", "NL01", H1, 2, 2);

        Map<CountRef, long[]> i2 = r.i2();
        count(i2, "POPULATION", UNK, H1, 2, 2);
        count(i2, "POPULATION", "GM0518", H1, 1, 1);
        count(i2, "POPULATION", "NL01", H1, 3, 3);
        count(i2, "OVERIG_ZONDER_VERBLIJF", UNK, H1, 1, 1);
        count(i2, "WIJKTEAM", "NL01", H1, 1, 1);
    }

    /**
     * All at 1:A, born 2010; HJ01 = 2019-01-01..06-30.
     * P1 wijkteam 01-01..02-28, 02 trajectory 04-01..05-31: same period (WITH_OVERIG), but no shared day.
     * P2 wijkteam 03-01..06-30, JB 06-30..open: share 06-30 → WITH_JEUGDBESCHERMING in both modes.
     *   In HJ02 P2's wijkteam is over (ended 06-30) → not in the HJ02 base.
     * P3 wijkteam 2018-01-01..2019-01-10; 12 trajectory 2018-06-01..2018-12-31 overlaps it only before HJ01;
     *   JR 03-01..04-01 is in HJ01 but after the wijkteam ended.
     * P4 wijkteam only, 01-01..open.
     * Mode period:  BASE 4; ONLY 1 (P4); ANY_OTHER 3; WITH_OVERIG 1, WITH_JB 1, WITH_JR 1, WITH_MET 0.
     * Mode overlap: BASE 4; ONLY 3 (P1, P3, P4); ANY_OTHER 1 (P2); WITH_JB 1.
     * other_kinds = [MET_VERBLIJF], period mode: nobody has met verblijf in HJ01 → ONLY 4.
     * HJ02 (period mode): BASE {P4} = 1, ONLY 1.
     */
    @Test
    void concurrencyPeriodVersusOverlap() {
        RefData d = EdgeFixtures.concurrency();
        RefOptions def = RefOptions.defaults(P2019, 2020);
        Map<CountRef, long[]> m = new PlainIndicators(d, def).i3();
        count(m, "WIJKTEAM_BASE", "NL01", H1, 4, 4);
        count(m, "ONLY_WIJKTEAM", "NL01", H1, 1, 1);
        count(m, "WITH_ANY_OTHER", "NL01", H1, 3, 3);
        count(m, "WITH_OVERIG_ZONDER_VERBLIJF", "NL01", H1, 1, 1);
        count(m, "WITH_JEUGDBESCHERMING", "NL01", H1, 1, 1);
        count(m, "WITH_JEUGDRECLASSERING", "NL01", H1, 1, 1);
        absent(m, "WITH_MET_VERBLIJF", "NL01", H1);
        count(m, "WIJKTEAM_BASE", "NL01", H2, 1, 1);
        count(m, "ONLY_WIJKTEAM", "NL01", H2, 1, 1);

        m = new PlainIndicators(d, def.withConcurrencyOverlap(true)).i3();
        count(m, "WIJKTEAM_BASE", "GM0599", H1, 4, 4);
        count(m, "ONLY_WIJKTEAM", "GM0599", H1, 3, 3);
        count(m, "WITH_ANY_OTHER", "GM0599", H1, 1, 1);
        count(m, "WITH_JEUGDBESCHERMING", "GM0599", H1, 1, 1);
        absent(m, "WITH_OVERIG_ZONDER_VERBLIJF", "GM0599", H1);
        absent(m, "WITH_JEUGDRECLASSERING", "GM0599", H1);

        m = new PlainIndicators(d, def.withOtherKinds(List.of(Kind.MET_VERBLIJF))).i3();
        count(m, "ONLY_WIJKTEAM", "NL01", H1, 4, 4);
        absent(m, "WITH_ANY_OTHER", "NL01", H1);
        absent(m, "WITH_JEUGDBESCHERMING", "NL01", H1);
    }

    /**
     * Addresses 1:C 2019-03-01..open and 1:B 2019-03-01..2019-12-31 both contain the HJ01 and HJ02 peildata
     * and begin the same day: object id ascending, "1:B" < "1:C" → GM0606 in 2019HJ01 and 2019HJ02. On
     * 2020-06-30 only 1:C → GM0518 in 2020HJ01.
     */
    @Test
    void sameDayAddressesTieOnObjectId() {
        List<Period> periods = Period.range(2019, 2020, Granularity.HALFYEAR);
        Map<CountRef, long[]> m = new PlainIndicators(EdgeFixtures.sameDayAddresses(),
                RefOptions.defaults(periods, 2020)).i2();
        count(m, "POPULATION", "GM0606", H1, 1, 1);
        count(m, "POPULATION", "GM0606", H2, 1, 1);
        count(m, "POPULATION", "GM0518", "2020HJ01", 1, 1);
        absent(m, "POPULATION", "GM0518", H1);
    }

    /**
     * Wijkteam A2 ends 2019-11-16 (the only wijkteam end in 2019HJ02; A1 ends 2020-11-25) → cohort 2019HJ02,
     * window 2019-11-17..2020-11-15, no other kind of care → NO_OTHER_CARE. With new_wijkteam_counts the A1
     * trajectory, running since 2019-11-06, is not new in the window → still NO_OTHER_CARE, no WITH_WIJKTEAM.
     */
    @Test
    void wijkteamRunningThroughTheWindowIsNotNew() {
        List<Period> periods = Period.range(2019, 2019, Granularity.HALFYEAR);
        RefOptions o = RefOptions.defaults(periods, 2020).withDataHorizon(LocalDate.of(2020, 12, 31));
        for (boolean newCounts : new boolean[] {false, true}) {
            Map<CountRef, long[]> m = new PlainIndicators(EdgeFixtures.wijkteamRunningThroughTheWindow(),
                    o.withNewWijkteamCounts(newCounts)).i4();
            count(m, "COHORT", "GM0599", H2, 1, 1);
            count(m, "NO_OTHER_CARE", "GM0599", H2, 1, 1);
            absent(m, "WITH_WIJKTEAM", "GM0599", H2);
            absent(m, "COHORT", "GM0599", H1);
        }
    }
}
