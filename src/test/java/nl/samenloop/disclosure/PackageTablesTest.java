package nl.samenloop.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CountRef;
import org.junit.jupiter.api.Test;

/** Tables released together in one package: one reader sees them all. */
class PackageTablesTest {
    static final String P = "2020HJ01";
    final Profile profile = Profile.cbsMicrodata();

    /**
     * Table A (WIJKTEAM) states POP RG01 = GM0001 + GM0002 = 8 + 500 = 508; table B (JEUGDHULP) has the same
     * population counts but no such relation. POP GM0001 (8) is PRIMARY; in A the cheapest other member of
     * the POP relation is GM0002 (500, before RG01 508) → SECONDARY. Protected alone, B would publish POP
     * GM0002 = 500 and, with A's 508, give GM0001 away. Protected together it is one decision: SECONDARY in
     * both, and B's GM0002 row becomes DERIVED. (WIJKTEAM GM0001 = 2 is PRIMARY too and takes WIJKTEAM GM0002
     * with it, cheaper than RG01.)
     */
    @Test
    void tablesOfOneIndicatorSharingCountsAreProtectedTogether() {
        CellTable a = new TableBuilder("i2_wijkteam", "I2")
                .share("GM0001", P, "WIJKTEAM", 2, "POP", 8)
                .share("GM0002", P, "WIJKTEAM", 100, "POP", 500)
                .share("RG01", P, "WIJKTEAM", 102, "POP", 508)
                .numeratorsAtMostDenominators()
                .sum("WIJKTEAM", P, "RG01", "GM0001", "GM0002")
                .sum("POP", P, "RG01", "GM0001", "GM0002")
                .build();
        CellTable b = new TableBuilder("i2_jeugdhulp", "I2")
                .share("GM0001", P, "JEUGDHULP", 3, "POP", 8)
                .share("GM0002", P, "JEUGDHULP", 120, "POP", 500)
                .share("RG01", P, "JEUGDHULP", 123, "POP", 508)
                .numeratorsAtMostDenominators()
                .build();
        CountRef popGm2 = new CountRef("POP", "GM0002", P);
        assertEquals(Status.SAFE, Disclosure.protect(b, profile, null).decisions().get(popGm2).status());

        List<ProtectedTable> both = Disclosure.protect(List.of(a, b), profile, null);
        assertSame(a, both.get(0).source());
        assertSame(b, both.get(1).source());
        assertEquals(Status.SECONDARY, both.get(0).decisions().get(popGm2).status());
        assertEquals(both.get(0).decisions().get(popGm2), both.get(1).decisions().get(popGm2));
        assertEquals(6, both.get(1).decisions().size());
        ProtectedCell gm2 = both.get(1).rows().get(1);
        assertEquals(Status.DERIVED, gm2.status());
        assertEquals(null, gm2.numerator());
        // POP GM0001 = 508 − POP GM0002, and POP GM0002 ≥ JEUGDHULP GM0002 = 120 (published in B, numerator ≤
        // denominator): POP GM0001 ∈ [0, 388] — the joint audit uses B's published counts in A's relation.
        Decision popGm1 = both.get(1).decisions().get(new CountRef("POP", "GM0001", P));
        assertEquals(Status.PRIMARY, popGm1.status());
        assertEquals(0.0, popGm1.auditLower());
        assertEquals(388.0, popGm1.auditUpper());
    }

    /**
     * The recheck pools the two tables like the engine did: it passes as written, and fails when table B's
     * audit file publishes POP GM0002 after all (then POP GM0001 = 508 − 500 with table A's relation).
     */
    @Test
    void recheckAuditsLinkedTablesTogether(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        CellTable a = new TableBuilder("i2_wijkteam", "I2")
                .share("GM0001", P, "WIJKTEAM", 2, "POP", 8)
                .share("GM0002", P, "WIJKTEAM", 100, "POP", 500)
                .share("RG01", P, "WIJKTEAM", 102, "POP", 508)
                .numeratorsAtMostDenominators()
                .sum("WIJKTEAM", P, "RG01", "GM0001", "GM0002")
                .sum("POP", P, "RG01", "GM0001", "GM0002")
                .build();
        CellTable b = new TableBuilder("i2_jeugdhulp", "I2")
                .share("GM0001", P, "JEUGDHULP", 3, "POP", 8)
                .share("GM0002", P, "JEUGDHULP", 120, "POP", 500)
                .share("RG01", P, "JEUGDHULP", 123, "POP", 508)
                .numeratorsAtMostDenominators()
                .build();
        AuditFiles.write(dir, Disclosure.protect(List.of(a, b), profile, null));
        PackageRecheck.Result ok = PackageRecheck.recheck(dir);
        assertEquals("PASS", ok.verdict(), ok.failures().toString());
        java.nio.file.Path cells = dir.resolve("audit/cells.csv");
        String line = java.nio.file.Files.readAllLines(cells).stream()
                .filter(l -> l.startsWith("i2_jeugdhulp,POP,GM0002,")).findFirst().orElseThrow();
        java.nio.file.Files.writeString(cells, java.nio.file.Files.readString(cells)
                .replace(line, "i2_jeugdhulp,POP,GM0002," + P + ",SAFE,,500,,"));
        PackageRecheck.Result leak = PackageRecheck.recheck(dir);
        assertEquals("FAIL", leak.verdict());
        assertEquals(true, leak.failures().stream().anyMatch(f -> f.contains("count POP for GM0001")),
                leak.failures().toString());
    }

    /**
     * Two tables of I2 in one package for different populations (ages 0–22 and 0–21): the same references
     * carry different numbers. WIJKTEAM GM0001 150 vs 147 and RG01 550 vs 547 differ by 3 persons, so the
     * second table's counts are LEDGER_DIFFERENCE, exactly as if the first had been released earlier.
     */
    @Test
    void twoPopulationsOfOneIndicatorInOnePackageAreDifferencedLikeTheLedger() {
        CellTable older = rename(DifferencingTest.request(150, 1000, 400, 3000), "i2_0_22");
        CellTable younger = rename(DifferencingTest.request(147, 985, 400, 2950), "i2_0_21");
        List<ProtectedTable> both = Disclosure.protect(List.of(older, younger), profile, null);
        assertEquals(true, both.get(0).decisions().values().stream().allMatch(d -> d.status() == Status.SAFE));
        Decision a = both.get(1).decisions().get(new CountRef("WIJKTEAM", "GM0001", P));
        assertEquals(Status.PRIMARY, a.status());
        assertEquals("LEDGER_DIFFERENCE", a.rule());
        assertEquals("LEDGER_DIFFERENCE", both.get(1).decisions().get(new CountRef("WIJKTEAM", "RG01", P)).rule());
        assertEquals(Status.SAFE, both.get(1).decisions().get(new CountRef("WIJKTEAM", "GM0002", P)).status());
    }

    static CellTable rename(CellTable t, String name) {
        return new CellTable(name, t.indicator(), t.title(), t.cells(), t.relations(), t.notes());
    }
}
