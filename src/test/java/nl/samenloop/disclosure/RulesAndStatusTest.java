package nl.samenloop.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nl.samenloop.indicators.Cell;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.model.GeoLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each primary rule on its own, and every status code as it reaches decisions and rows. */
class RulesAndStatusTest {
    static final String P = "2020HJ01";
    final Profile profile = Profile.cbsMicrodata();

    @ParameterizedTest(name = "value {0}, persons {1} → unsafe {2}")
    @CsvSource({"9,9,true", "10,10,false", "25,9,true", "3,12,false", "0,0,false"})
    void minimumPersonsLooksAtPersonsAndLeavesZerosToTheZeroRule(long value, long persons, boolean unsafe) {
        assertEquals(unsafe, new MinimumPersonsRule(10).unsafe(new Count("X", value, persons)));
    }

    @Test
    void zeroRuleFollowsTheProfile() {
        assertTrue(new ZeroRule(false).unsafe(new Count("X", 0, 0)));
        assertFalse(new ZeroRule(true).unsafe(new Count("X", 0, 0)));
        assertFalse(new ZeroRule(false).unsafe(new Count("X", 1, 1)));
    }

    @Test
    void complementRuleComparesPersonsOutsideTheNumerator() {
        ComplementRule r = new ComplementRule(10);
        // 100 − 95 = 5 persons without care < 10 → unsafe; 100 − 90 = 10 → safe.
        assertTrue(r.unsafe(share("GM0001", 95, 100)));
        assertFalse(r.unsafe(share("GM0001", 90, 100)));
    }

    static Cell share(String geo, long n, long d) {
        return Cell.share("WIJKTEAM", GeoLevel.MUNICIPALITY, geo, geo, P, new Count("WIJKTEAM", n, n),
                new Count("POP", d, d), true);
    }

    static ProtectedTable one(Cell c, Profile p) {
        return Disclosure.protect(new TableBuilder("t").cell(c).numeratorsAtMostDenominators().build(), p, null);
    }

    @Test
    void zeroCountIsPrimaryUnlessZeroIsSafe() {
        ProtectedTable strict = one(share("GM0001", 0, 200), profile);
        Decision z = strict.decisions().get(new CountRef("WIJKTEAM", "GM0001", P));
        assertEquals(Status.PRIMARY, z.status());
        assertEquals("ZERO", z.rule());
        // Only numerator ≤ 200 bounds it: [0, 200].
        assertEquals(0.0, z.auditLower());
        assertEquals(200.0, z.auditUpper());
        assertEquals(Status.PRIMARY, strict.rows().get(0).status());
        assertEquals("ZERO", strict.rows().get(0).rule());

        ProtectedTable lenient = one(share("GM0001", 0, 200), profile.withZeroIsSafe(true));
        ProtectedCell row = lenient.rows().get(0);
        assertEquals(Status.SAFE, row.status());
        assertEquals(0L, row.numerator());
        assertEquals(200L, row.denominator());
        assertEquals(0.0, row.value());
    }

    @Test
    void complementSuppressesTheNumeratorOnlyWhenSwitchedOn() {
        assertEquals(Status.SAFE, one(share("GM0001", 95, 100), profile).rows().get(0).status());
        ProtectedTable t = one(share("GM0001", 95, 100), profile.withComplementRule(true));
        Decision n = t.decisions().get(new CountRef("WIJKTEAM", "GM0001", P));
        assertEquals(Status.PRIMARY, n.status());
        assertEquals("COMPLEMENT", n.rule());
        assertEquals(Status.SAFE, t.decisions().get(new CountRef("POP", "GM0001", P)).status());
        assertEquals(Status.PRIMARY, t.rows().get(0).status());
        assertNull(t.rows().get(0).denominator());
    }

    /** A deviation row rests on an extra count (here 4 persons): numerator and denominator are safe, the row is DERIVED. */
    @Test
    void rowWithASuppressedExtraCountIsDerived() {
        Cell c = new Cell("DEVIATION", GeoLevel.MUNICIPALITY, "GM0001", "A", P, new Count("WIJKTEAM", 40, 40),
                new Count("POP", 500, 500), 1.5, List.of(new Count("OTHER", 4, 4)), true, null);
        ProtectedTable t = one(c, profile);
        ProtectedCell row = t.rows().get(0);
        assertEquals(Status.DERIVED, row.status());
        assertEquals("MIN_PERSONS", row.rule());
        assertNull(row.numerator());
        assertNull(row.denominator());
        assertNull(row.value());
        assertEquals(Status.SAFE, t.decisions().get(new CountRef("WIJKTEAM", "GM0001", P)).status());
        assertEquals(Status.PRIMARY, t.decisions().get(new CountRef("OTHER", "GM0001", P)).status());
    }

    /** A suppressed shared denominator makes every row over it DERIVED; the numerators themselves stay SAFE. */
    @Test
    void suppressedDenominatorMakesRowsDerived() {
        // POP of 12 persons is safe by persons, but the ledger below differs by 2: LEDGER_DIFFERENCE.
        ProtectedTable first = one(share("GM0001", 10, 14), profile);
        History ledger = Histories.otherPopulation(List.of(first), "release 1 (job1, age 0-22)");
        assertEquals(Status.SAFE, one(share("GM0001", 10, 12), profile).rows().get(0).status()); // no ledger: safe
        ProtectedTable withLedger = Disclosure.protect(new TableBuilder("t").cell(share("GM0001", 10, 12))
                .numeratorsAtMostDenominators().build(), profile, ledger);
        ProtectedCell row = withLedger.rows().get(0);
        assertEquals(Status.DERIVED, row.status());
        assertEquals("LEDGER_DIFFERENCE", row.rule());
        assertNull(row.value());
    }

    /** round_to 5 after suppression: 23 → 25 (ROUNDED), 500 stays 500 (SAFE); the row is ROUNDED. */
    @Test
    void roundingAfterSuppression() {
        ProtectedTable t = one(share("GM0001", 23, 500), profile.withRoundTo(5));
        Decision n = t.decisions().get(new CountRef("WIJKTEAM", "GM0001", P));
        assertEquals(Status.ROUNDED, n.status());
        assertEquals("ROUND_5", n.rule());
        assertEquals(25L, n.shownValue());
        assertEquals(Status.SAFE, t.decisions().get(new CountRef("POP", "GM0001", P)).status());
        ProtectedCell row = t.rows().get(0);
        assertEquals(Status.ROUNDED, row.status());
        assertEquals(25L, row.numerator());
        assertEquals(500L, row.denominator());
        // The value is the indicator's, from unrounded counts: 100 × 23 / 500.
        assertEquals(4.6, row.value(), 1e-12);
        // A small count is suppressed, not rounded.
        assertEquals(Status.PRIMARY, one(share("GM0001", 7, 500), profile.withRoundTo(5)).rows().get(0).status());
    }

    @Test
    void roundingIsHalfUpToTheBase() {
        TableProtector p = new TableProtector(profile.withRoundTo(5));
        assertEquals(20, p.round(22));
        assertEquals(25, p.round(23));
        assertEquals(25, p.round(25));
        assertEquals(25, p.round(27));
        assertEquals(30, p.round(28));
        assertEquals(20, new TableProtector(profile.withRoundTo(10)).round(15));
        assertEquals(22, new TableProtector(profile).round(22));
    }

    @Test
    void presetRowsKeepTheirStatusAndShowNothing() {
        Cell notObs = share("GM0001", 0, 0).withPreset("NOT_OBSERVABLE");
        Cell empty = Cell.share("FOLLOWUP", GeoLevel.MUNICIPALITY, "GM0002", "B", P, new Count("F", 0, 0),
                new Count("G", 0, 0), true).withPreset("EMPTY");
        ProtectedTable t = Disclosure.protect(new TableBuilder("t").cell(notObs).cell(empty).build(), profile, null);
        assertEquals(Status.NOT_OBSERVABLE, t.rows().get(0).status());
        assertNull(t.rows().get(0).numerator());
        assertEquals(Status.EMPTY, t.rows().get(1).status());
        assertNull(t.rows().get(1).value());
        assertEquals(Status.NOT_OBSERVABLE, t.decisions().get(new CountRef("WIJKTEAM", "GM0001", P)).status());
        assertEquals(Status.EMPTY, t.decisions().get(new CountRef("F", "GM0002", P)).status());
    }

    @Test
    void aCountSharedByAPresetRowAndAPublishedRowIsDecidedAsPublished() {
        Cell shown = share("GM0001", 40, 500);
        Cell preset = Cell.share("LATER", GeoLevel.MUNICIPALITY, "GM0001", "A", P, new Count("LATER", 0, 0),
                new Count("POP", 500, 500), true).withPreset("NOT_OBSERVABLE");
        ProtectedTable t = Disclosure.protect(new TableBuilder("t").cell(shown).cell(preset).build(), profile, null);
        assertEquals(Status.SAFE, t.decisions().get(new CountRef("POP", "GM0001", P)).status());
        assertEquals(500L, t.decisions().get(new CountRef("POP", "GM0001", P)).shownValue());
        assertEquals(Status.SAFE, t.rows().get(0).status());
        assertEquals(Status.NOT_OBSERVABLE, t.rows().get(1).status());
    }
}
