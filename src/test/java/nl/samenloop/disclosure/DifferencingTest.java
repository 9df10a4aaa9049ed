package nl.samenloop.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CountRef;
import org.junit.jupiter.api.Test;

/**
 * The differencing case: a first request for ages 0–22 is released and recorded; a second for ages 0–21
 * gives WIJKTEAM in GM0001 147 instead of 150 — the difference covers 3 persons (the 22-year-olds with
 * wijkteam help), so a reader who subtracts the two releases learns about fewer than 10 persons.
 */
class DifferencingTest {
    static final String P = "2020HJ01";

    /** RG01 = GM0001 + GM0002 for WIJKTEAM and POP; every count far above 10 persons. */
    static CellTable request(long wijkA, long popA, long wijkB, long popB) {
        return new TableBuilder("i2_wijkteam", "I2")
                .share("GM0001", P, "WIJKTEAM", wijkA, "POP", popA)
                .share("GM0002", P, "WIJKTEAM", wijkB, "POP", popB)
                .share("RG01", P, "WIJKTEAM", wijkA + wijkB, "POP", popA + popB)
                .numeratorsAtMostDenominators()
                .sum("WIJKTEAM", P, "RG01", "GM0001", "GM0002")
                .sum("POP", P, "RG01", "GM0001", "GM0002")
                .build();
    }

    /** The first request, all safe; what a register tells a request for another population about it. */
    static History firstRelease() {
        List<ProtectedTable> first = Disclosure.protect(List.of(request(150, 1000, 400, 3000)), Profile.cbsMicrodata(),
                History.none());
        assertTrue(first.get(0).decisions().values().stream().allMatch(d -> d.status() == Status.SAFE));
        return Histories.otherPopulation(first, "release 1 (job1, ages 0-22)");
    }

    /**
     * Second request: WIJKTEAM GM0001 147 (−3) and so RG01 547 (−3): both LEDGER_DIFFERENCE. WIJKTEAM GM0002 is
     * unchanged (400, difference 0), POP GM0001 985 (−15), GM0002 2950 (−50), RG01 3935 (−65): all safe.
     * Secondary: the RG01 relation already has two hidden members; audit: GM0001 = RG01 − 400 with
     * GM0001 ≤ 985 and RG01 ≤ 3935, so GM0001 ∈ [0, 985] and RG01 ∈ [400, 1385] — no further suppression.
     */
    @Test
    void secondRequestDifferingByThreePersonsIsSuppressed() {
        History reloaded = firstRelease();
        assertEquals(6, reloaded.differencing().values().stream().mapToInt(List::size).sum());
        List<ProtectedTable> second = Disclosure.protect(List.of(request(147, 985, 400, 2950)), Profile.cbsMicrodata(),
                reloaded);
        Map<CountRef, Decision> d = second.get(0).decisions();
        Decision a = d.get(new CountRef("WIJKTEAM", "GM0001", P));
        assertEquals(Status.PRIMARY, a.status());
        assertEquals("LEDGER_DIFFERENCE", a.rule());
        assertEquals(0.0, a.auditLower());
        assertEquals(985.0, a.auditUpper());
        Decision r = d.get(new CountRef("WIJKTEAM", "RG01", P));
        assertEquals("LEDGER_DIFFERENCE", r.rule());
        assertEquals(400.0, r.auditLower());
        assertEquals(1385.0, r.auditUpper());
        assertEquals(Status.SAFE, d.get(new CountRef("WIJKTEAM", "GM0002", P)).status());
        assertEquals(Status.SAFE, d.get(new CountRef("POP", "GM0001", P)).status());
        assertEquals(Status.PRIMARY, second.get(0).rows().get(0).status());
        assertEquals("LEDGER_DIFFERENCE", second.get(0).rows().get(0).rule());
        DisclosureSummary s = Disclosure.summarize(second, Profile.cbsMicrodata());
        assertEquals(Map.of("LEDGER_DIFFERENCE", 2), s.suppressedByRule());
        assertEquals("PASS", s.verdict());
    }

    @Test
    void refuseModeStopsThePackageAndNamesTheReasonButNoValue() {
        History h = firstRelease();
        Profile refuse = Profile.cbsMicrodata().withLedgerMode(Profile.LedgerMode.REFUSE);
        DisclosureRefused e = assertThrows(DisclosureRefused.class, () -> Disclosure.protect(
                List.of(request(147, 985, 400, 2950)), refuse, h));
        assertEquals("i2_wijkteam", e.table());
        assertEquals("WIJKTEAM", e.countName());
        assertEquals("GM0001", e.geoCode());
        assertEquals(P, e.period());
        assertTrue(e.getMessage().contains("LEDGER_DIFFERENCE"), e.getMessage());
        assertTrue(e.getMessage().contains("release 1 (job1"), e.getMessage());
        for (String value : List.of("147", "150", "547", "550")) {
            assertFalse(e.getMessage().contains(value), e.getMessage());
        }
    }

    @Test
    void sameRequestAgainAndLargeDifferencesAreFine() {
        History l = firstRelease();
        ProtectedTable again = Disclosure.protect(request(150, 1000, 400, 3000), Profile.cbsMicrodata(), l);
        assertTrue(again.decisions().values().stream().allMatch(d -> d.status() == Status.SAFE));
        // A newer data version moving every count by 10 or more is not a differencing risk.
        ProtectedTable newer = Disclosure.protect(request(160, 1010, 420, 3050), Profile.cbsMicrodata(), l);
        assertTrue(newer.decisions().values().stream().allMatch(d -> d.status() == Status.SAFE));
        // ledger_check: false switches the comparison off.
        Profile off = new Profile("off", 10, false, false, null, false, Profile.LedgerMode.SUPPRESS);
        ProtectedTable unchecked = Disclosure.protect(request(147, 985, 400, 2950), off, l);
        assertTrue(unchecked.decisions().values().stream().allMatch(d -> d.status() == Status.SAFE));
    }
}
