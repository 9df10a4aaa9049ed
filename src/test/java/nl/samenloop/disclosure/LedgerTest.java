package nl.samenloop.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CountRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differencing case: a first request for ages 0–22 is released and recorded; a second for ages 0–21
 * gives WIJKTEAM in GM0001 147 instead of 150 — the difference covers 3 persons (the 22-year-olds with
 * wijkteam help), so a reader who subtracts the two releases learns about fewer than 10 persons.
 */
class LedgerTest {
    static final String P = "2020HJ01";
    static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    @TempDir
    Path work;

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

    Ledger firstRelease() {
        Ledger ledger = Ledger.load(work);
        assertEquals(0, ledger.size());
        List<ProtectedTable> first = Disclosure.protect(List.of(request(150, 1000, 400, 3000)), Profile.cbsMicrodata(),
                ledger, "ages 0-22; data 2026-01");
        assertTrue(first.get(0).decisions().values().stream().allMatch(d -> d.status() == Status.SAFE));
        ledger.record(first, "ages 0-22; data 2026-01", "job1", DAY);
        return ledger;
    }

    /**
     * Second request: WIJKTEAM GM0001 147 (−3) and so RG01 547 (−3): both LEDGER_DIFFERENCE. WIJKTEAM GM0002 is
     * unchanged (400, difference 0), POP GM0001 985 (−15), GM0002 2950 (−50), RG01 3935 (−65): all safe.
     * Secondary: the RG01 relation already has two hidden members; audit: GM0001 = RG01 − 400 with
     * GM0001 ≤ 985 and RG01 ≤ 3935, so GM0001 ∈ [0, 985] and RG01 ∈ [400, 1385] — no further suppression.
     */
    @Test
    void secondRequestDifferingByThreePersonsIsSuppressed() {
        firstRelease();
        Ledger reloaded = Ledger.load(work);
        assertEquals(6, reloaded.size());
        List<ProtectedTable> second = Disclosure.protect(List.of(request(147, 985, 400, 2950)), Profile.cbsMicrodata(),
                reloaded, "ages 0-21; data 2026-01");
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
        firstRelease();
        Profile refuse = Profile.cbsMicrodata().withLedgerMode(Profile.LedgerMode.REFUSE);
        DisclosureRefused e = assertThrows(DisclosureRefused.class, () -> Disclosure.protect(
                List.of(request(147, 985, 400, 2950)), refuse, Ledger.load(work), "ages 0-21; data 2026-01"));
        assertEquals("i2_wijkteam", e.table());
        assertEquals("WIJKTEAM", e.countName());
        assertEquals("GM0001", e.geoCode());
        assertEquals(P, e.period());
        assertTrue(e.getMessage().contains("LEDGER_DIFFERENCE"), e.getMessage());
        assertTrue(e.getMessage().contains("job1"), e.getMessage());
        for (String value : List.of("147", "150", "547", "550")) {
            assertFalse(e.getMessage().contains(value), e.getMessage());
        }
    }

    @Test
    void sameRequestAgainAndLargeDifferencesAreFine() {
        firstRelease();
        Ledger l = Ledger.load(work);
        ProtectedTable again = Disclosure.protect(request(150, 1000, 400, 3000), Profile.cbsMicrodata(), l,
                "ages 0-22; data 2026-01");
        assertTrue(again.decisions().values().stream().allMatch(d -> d.status() == Status.SAFE));
        // A newer data version moving every count by 10 or more is not a differencing risk.
        ProtectedTable newer = Disclosure.protect(request(160, 1010, 420, 3050), Profile.cbsMicrodata(), l,
                "ages 0-22; data 2026-06");
        assertTrue(newer.decisions().values().stream().allMatch(d -> d.status() == Status.SAFE));
        // ledger_check: false switches the comparison off.
        Profile off = new Profile("off", 10, false, false, null, false, Profile.LedgerMode.SUPPRESS);
        ProtectedTable unchecked = Disclosure.protect(request(147, 985, 400, 2950), off, l, "ages 0-21");
        assertTrue(unchecked.decisions().values().stream().allMatch(d -> d.status() == Status.SAFE));
    }

    @Test
    void ledgerFileHoldsAggregatesOnly() throws Exception {
        firstRelease();
        List<String> lines = Files.readAllLines(work.resolve("ledger/ledger.csv"));
        assertEquals(Ledger.HEADER, lines.get(0));
        assertEquals(7, lines.size());
        assertTrue(lines.contains("I2,i2_wijkteam,WIJKTEAM,GM0001,2020HJ01,150,150,ages 0-22; data 2026-01,job1,2026-03-02"),
                lines.toString());
    }
}
