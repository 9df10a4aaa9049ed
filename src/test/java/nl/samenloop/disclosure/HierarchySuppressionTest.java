package nl.samenloop.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.TreeMap;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Relation;
import nl.samenloop.model.GeoLevel;
import org.junit.jupiter.api.Test;

/**
 * Municipality → region → Netherlands tables with the secondary suppression worked out by hand next to
 * each fixture. Person counts equal values; populations are large and safe unless said otherwise.
 */
class HierarchySuppressionTest {
    static final String P = "2020HJ01";
    static final String NL = GeoLevel.NETHERLANDS;
    static final String U = GeoLevel.UNKNOWN;
    final Profile profile = Profile.cbsMicrodata();

    static Decision d(ProtectedTable t, String name, String geo) {
        return t.decisions().get(new CountRef(name, geo, P));
    }

    static void assertDecision(ProtectedTable t, String name, String geo, Status s, String rule, Double lo, Double hi) {
        Decision x = d(t, name, geo);
        assertEquals(s, x.status(), name + "|" + geo);
        assertEquals(rule, x.rule(), name + "|" + geo);
        assertEquals(lo, x.auditLower(), name + "|" + geo + " lower");
        assertEquals(hi, x.auditUpper(), name + "|" + geo + " upper");
    }

    static Map<String, Status> suppressed(ProtectedTable t) {
        Map<String, Status> m = new TreeMap<>();
        t.decisions().values().stream().filter(x -> !x.status().shown())
                .forEach(x -> m.put(x.ref().toString(), x.status()));
        return m;
    }

    /**
     * WIJKTEAM: RG01 = A 3 + B 40 + C 25 = 68; RG02 = D 50 + E 30 = 80; NL = RG01 + RG02 + unknown 12 = 160.
     * A < 10 → PRIMARY. In RG01's relation A is the only hidden member, so the cheapest other member is
     * suppressed: C (25 persons) before B (40) and RG01 (68). Then A + C = 68 − 40 = 28, so both lie in
     * [0, 28] (width 28 ≥ 10) and nothing else is needed.
     */
    static TableBuilder oneSmallMunicipality() {
        return new TableBuilder("i2")
                .share("GM0001", P, "WIJKTEAM", 3, "POP", 500)
                .share("GM0002", P, "WIJKTEAM", 40, "POP", 800)
                .share("GM0003", P, "WIJKTEAM", 25, "POP", 600)
                .share("RG01", P, "WIJKTEAM", 68, "POP", 1900)
                .share("GM0004", P, "WIJKTEAM", 50, "POP", 1000)
                .share("GM0005", P, "WIJKTEAM", 30, "POP", 700)
                .share("RG02", P, "WIJKTEAM", 80, "POP", 1700)
                .share(U, P, "WIJKTEAM", 12, "POP", 100)
                .share(NL, P, "WIJKTEAM", 160, "POP", 3700)
                .numeratorsAtMostDenominators()
                .sum("WIJKTEAM", P, "RG01", "GM0001", "GM0002", "GM0003")
                .sum("WIJKTEAM", P, "RG02", "GM0004", "GM0005")
                .sum("WIJKTEAM", P, NL, "RG01", "RG02", U)
                .sum("POP", P, "RG01", "GM0001", "GM0002", "GM0003")
                .sum("POP", P, "RG02", "GM0004", "GM0005")
                .sum("POP", P, NL, "RG01", "RG02", U);
    }

    @Test
    void smallMunicipalityForcesTheCheapestNeighbourInItsRegion() {
        ProtectedTable t = Disclosure.protect(oneSmallMunicipality().build(), profile, null);
        assertDecision(t, "WIJKTEAM", "GM0001", Status.PRIMARY, "MIN_PERSONS", 0.0, 28.0);
        assertDecision(t, "WIJKTEAM", "GM0003", Status.SECONDARY, "SECONDARY", 0.0, 28.0);
        assertEquals(Map.of("WIJKTEAM|GM0001|" + P, Status.PRIMARY, "WIJKTEAM|GM0003|" + P, Status.SECONDARY),
                suppressed(t));
        assertEquals(40L, d(t, "WIJKTEAM", "GM0002").shownValue());
        // Rows: the suppressed numerators give their own status; the others show everything.
        ProtectedCell a = t.rows().get(0);
        assertEquals(Status.PRIMARY, a.status());
        assertNull(a.numerator());
        assertNull(a.denominator());
        assertNull(a.value());
        assertEquals(Status.SECONDARY, t.rows().get(2).status());
        ProtectedCell b = t.rows().get(1);
        assertEquals(Status.SAFE, b.status());
        assertEquals(40L, b.numerator());
        assertEquals(800L, b.denominator());
        assertEquals(5.0, b.value());
    }

    /**
     * WIJKTEAM: RG01 = A 15 + B 40 + C 25 = 80; RG02 = D 50 + E 40 = 90; unknown 4; NL = 174.
     * Unknown < 10 → PRIMARY; it is alone hidden in the NL relation: the cheapest of RG01 (80), RG02 (90)
     * and NL (never unless forced) is RG01 → SECONDARY. Now RG01 is alone hidden in its own relation: the
     * cheapest municipality A (15) → SECONDARY. Then unknown + RG01 = 174 − 90 = 84 and RG01 = A + 65, so
     * unknown + A = 19: unknown ∈ [0, 19], A ∈ [0, 19], RG01 ∈ [65, 84] — all at least 10 wide.
     */
    @Test
    void smallUnknownMunicipalityCascadesThroughARegion() {
        TableBuilder b = new TableBuilder("i2")
                .share("GM0001", P, "WIJKTEAM", 15, "POP", 500)
                .share("GM0002", P, "WIJKTEAM", 40, "POP", 800)
                .share("GM0003", P, "WIJKTEAM", 25, "POP", 600)
                .share("RG01", P, "WIJKTEAM", 80, "POP", 1900)
                .share("GM0004", P, "WIJKTEAM", 50, "POP", 1000)
                .share("GM0005", P, "WIJKTEAM", 40, "POP", 700)
                .share("RG02", P, "WIJKTEAM", 90, "POP", 1700)
                .share(U, P, "WIJKTEAM", 4, "POP", 100)
                .share(NL, P, "WIJKTEAM", 174, "POP", 3700)
                .numeratorsAtMostDenominators()
                .sum("WIJKTEAM", P, "RG01", "GM0001", "GM0002", "GM0003")
                .sum("WIJKTEAM", P, "RG02", "GM0004", "GM0005")
                .sum("WIJKTEAM", P, NL, "RG01", "RG02", U)
                .sum("POP", P, "RG01", "GM0001", "GM0002", "GM0003")
                .sum("POP", P, "RG02", "GM0004", "GM0005")
                .sum("POP", P, NL, "RG01", "RG02", U);
        ProtectedTable t = Disclosure.protect(b.build(), profile, null);
        assertDecision(t, "WIJKTEAM", U, Status.PRIMARY, "MIN_PERSONS", 0.0, 19.0);
        assertDecision(t, "WIJKTEAM", "RG01", Status.SECONDARY, "SECONDARY", 65.0, 84.0);
        assertDecision(t, "WIJKTEAM", "GM0001", Status.SECONDARY, "SECONDARY", 0.0, 19.0);
        assertEquals(3, suppressed(t).size());
        assertEquals(Status.SAFE, d(t, "WIJKTEAM", NL).status());
    }

    /**
     * Numerator ≤ denominator narrows an interval. WIJKTEAM: RG01 = A 3 + B 30 = 33, RG02 = C 40 + D 50 = 90,
     * NL = 123; POP: A 12, B 30, RG01 42, C 100, D 200, RG02 300, NL 342.
     * <ol>
     * <li>A < 10 → PRIMARY; alone hidden in RG01's relation → cheapest of B (30), RG01 (33): B SECONDARY.</li>
     * <li>Audit: A + B = 33 with B ≤ POP B = 30 and A ≤ POP A = 12, so A ∈ [3, 12] (width 9 < 10). The
     *     cheapest published member of A's SUM relation is RG01 → SECONDARY (B's relation was touched: skipped).</li>
     * <li>RG01 alone hidden in NL's relation → RG02 (90; NL only when forced) → SECONDARY; RG02 alone hidden in
     *     its relation → C (40) → SECONDARY.</li>
     * <li>Audit: A + B = RG01, RG01 + RG02 = 123, RG02 = C + 50, A ≤ 12, B ≤ 30, RG01 ≤ 42: A ∈ [0, 12],
     *     B ∈ [0, 30], RG01 ∈ [0, 42], RG02 = 123 − RG01 ∈ [81, 123], C = RG02 − 50 ∈ [31, 73]. Pass.</li>
     * </ol>
     */
    @Test
    void numeratorAtMostDenominatorIsUsedByTheAudit() {
        TableBuilder b = new TableBuilder("i2")
                .share("GM0001", P, "WIJKTEAM", 3, "POP", 12)
                .share("GM0002", P, "WIJKTEAM", 30, "POP", 30)
                .share("RG01", P, "WIJKTEAM", 33, "POP", 42)
                .share("GM0003", P, "WIJKTEAM", 40, "POP", 100)
                .share("GM0004", P, "WIJKTEAM", 50, "POP", 200)
                .share("RG02", P, "WIJKTEAM", 90, "POP", 300)
                .share(NL, P, "WIJKTEAM", 123, "POP", 342)
                .numeratorsAtMostDenominators()
                .sum("WIJKTEAM", P, "RG01", "GM0001", "GM0002")
                .sum("WIJKTEAM", P, "RG02", "GM0003", "GM0004")
                .sum("WIJKTEAM", P, NL, "RG01", "RG02")
                .sum("POP", P, "RG01", "GM0001", "GM0002")
                .sum("POP", P, "RG02", "GM0003", "GM0004")
                .sum("POP", P, NL, "RG01", "RG02");
        ProtectedTable t = Disclosure.protect(b.build(), profile, null);
        assertDecision(t, "WIJKTEAM", "GM0001", Status.PRIMARY, "MIN_PERSONS", 0.0, 12.0);
        assertDecision(t, "WIJKTEAM", "GM0002", Status.SECONDARY, "SECONDARY", 0.0, 30.0);
        assertDecision(t, "WIJKTEAM", "RG01", Status.SECONDARY, "SECONDARY", 0.0, 42.0);
        assertDecision(t, "WIJKTEAM", "RG02", Status.SECONDARY, "SECONDARY", 81.0, 123.0);
        assertDecision(t, "WIJKTEAM", "GM0003", Status.SECONDARY, "SECONDARY", 31.0, 73.0);
        assertEquals(5, suppressed(t).size());
        assertEquals(Status.SAFE, d(t, "WIJKTEAM", NL).status());
    }

    /**
     * Categories → total in one municipality: WIJKTEAM = 0–11 (4) + 12–17 (30) + 18–22 (12) = 46.
     * 0–11 < 10 → PRIMARY, alone hidden → the cheapest other member, 18–22 (12) → SECONDARY;
     * 0–11 + 18–22 = 46 − 30 = 16, so both ∈ [0, 16].
     */
    @Test
    void categoriesAddUpToATotal() {
        TableBuilder b = new TableBuilder("i2age")
                .share("GM0001", P, "WIJKTEAM_0_11", 4, "POP", 900)
                .share("GM0001", P, "WIJKTEAM_12_17", 30, "POP", 900)
                .share("GM0001", P, "WIJKTEAM_18_22", 12, "POP", 900)
                .share("GM0001", P, "WIJKTEAM", 46, "POP", 900)
                .numeratorsAtMostDenominators()
                .relation(Relation.sum(new CountRef("WIJKTEAM", "GM0001", P), java.util.List.of(
                        new CountRef("WIJKTEAM_0_11", "GM0001", P), new CountRef("WIJKTEAM_12_17", "GM0001", P),
                        new CountRef("WIJKTEAM_18_22", "GM0001", P))));
        ProtectedTable t = Disclosure.protect(b.build(), profile, null);
        assertDecision(t, "WIJKTEAM_0_11", "GM0001", Status.PRIMARY, "MIN_PERSONS", 0.0, 16.0);
        assertDecision(t, "WIJKTEAM_18_22", "GM0001", Status.SECONDARY, "SECONDARY", 0.0, 16.0);
        assertEquals(2, suppressed(t).size());
        // The shared population denominator is one count with one decision.
        assertEquals(Status.SAFE, d(t, "POP", "GM0001").status());
        assertEquals(2, t.decisions().size() - 3);
    }

    /**
     * Only Netherlands counts in the relation: total 53 = small 3 + large 50. A Netherlands count must be
     * suppressed (forced); the cheaper one is the part (50 persons) rather than the total (53).
     */
    @Test
    void netherlandsCountOnlyWhenForced() {
        TableBuilder b = new TableBuilder("nl")
                .share(NL, P, "SMALL", 3, "TOTAL", 53)
                .share(NL, P, "LARGE", 50, "TOTAL", 53)
                .relation(Relation.sum(new CountRef("TOTAL", NL, P),
                        java.util.List.of(new CountRef("SMALL", NL, P), new CountRef("LARGE", NL, P))));
        ProtectedTable t = Disclosure.protect(b.build(), profile, null);
        assertDecision(t, "SMALL", NL, Status.PRIMARY, "MIN_PERSONS", 0.0, 53.0);
        assertDecision(t, "LARGE", NL, Status.SECONDARY, "SECONDARY", 0.0, 53.0);
        assertEquals(Status.SAFE, d(t, "TOTAL", NL).status());
    }

    /**
     * An unreleased municipality (outside the requested regions) is still in the relations, as an unknown.
     * RG01 = A 3 (unreleased) + B 40 = 43: publishing B and RG01 would give A away by one subtraction, so
     * B (40, cheaper than RG01's 43) becomes SECONDARY; A + B = 43 with A ≤ POP A = 1300 − 800 → B ∈ [0, 43].
     * A itself is not an audit target (not published); its row is not among the rows.
     */
    @Test
    void smallUnreleasedCountIsNeverTheOnlyUnknownOfARelation() {
        TableBuilder b = new TableBuilder("i2")
                .share("GM0001", P, new nl.samenloop.indicators.Count("WIJKTEAM", 3, 3),
                        new nl.samenloop.indicators.Count("POP", 500, 500), false)
                .share("GM0002", P, "WIJKTEAM", 40, "POP", 800)
                .share("GM0003", P, new nl.samenloop.indicators.Count("WIJKTEAM", 60, 60),
                        new nl.samenloop.indicators.Count("POP", 900, 900), false)
                .share("RG01", P, "WIJKTEAM", 43, "POP", 1300)
                .numeratorsAtMostDenominators()
                .sum("WIJKTEAM", P, "RG01", "GM0001", "GM0002")
                .sum("POP", P, "RG01", "GM0001", "GM0002");
        ProtectedTable t = Disclosure.protect(b.build(), profile, null);
        assertDecision(t, "WIJKTEAM", "GM0001", Status.SAFE, TableProtector.UNRELEASED, null, null);
        assertDecision(t, "WIJKTEAM", "GM0002", Status.SECONDARY, "SECONDARY", 0.0, 43.0);
        // POP of the unreleased municipality is safe but not printed; GM0003 sits in no relation.
        assertDecision(t, "POP", "GM0001", Status.SAFE, TableProtector.UNRELEASED, null, null);
        assertNull(d(t, "POP", "GM0001").shownValue());
        assertDecision(t, "WIJKTEAM", "GM0003", Status.SAFE, TableProtector.UNRELEASED, null, null);
        assertEquals(2, t.rows().size());
        // POP GM0001 = 1300 − 800 can be derived: allowed, it is safe (500 persons).
        assertEquals(Status.SAFE, d(t, "POP", "GM0002").status());
    }
}
