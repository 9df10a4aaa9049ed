package nl.samenloop.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public audit files, the internal copy, and the recheck from published values only. */
class AuditFilesTest {
    static final String P = HierarchySuppressionTest.P;
    @TempDir
    Path dir;

    List<ProtectedTable> protectedFixture(Profile p) {
        return Disclosure.protect(List.of(HierarchySuppressionTest.oneSmallMunicipality().build()), p, null);
    }

    @Test
    void cellsFileShowsStatusRuleAndIntervalButNoSuppressedValueOrPersons() throws Exception {
        Path pkg = dir.resolve("pkg");
        AuditFiles.write(pkg, protectedFixture(Profile.cbsMicrodata()));
        List<String> cells = Files.readAllLines(pkg.resolve("audit/cells.csv"));
        assertEquals("table,count,geography_code,period,status,rule,value,audit_lower,audit_upper", cells.get(0));
        assertEquals(1 + 18, cells.size()); // 9 geographies × (WIJKTEAM, POP)
        assertTrue(cells.contains("i2,WIJKTEAM,GM0001," + P + ",PRIMARY,MIN_PERSONS,.,0,28"), cells.toString());
        assertTrue(cells.contains("i2,WIJKTEAM,GM0003," + P + ",SECONDARY,SECONDARY,.,0,28"), cells.toString());
        assertTrue(cells.contains("i2,WIJKTEAM,GM0002," + P + ",SAFE,,40,,"), cells.toString());
        // Neither suppressed value (3, 25) appears on its own line.
        assertFalse(cells.stream().filter(l -> l.contains("GM0001") || l.contains("GM0003"))
                .anyMatch(l -> l.contains(",3,") || l.contains(",25,") || l.endsWith(",25") || l.endsWith(",3")));
        List<String> rels = Files.readAllLines(pkg.resolve("audit/relations.csv"));
        assertEquals("table,type,total,parts", rels.get(0));
        assertTrue(rels.contains("i2,SUM,WIJKTEAM|RG01|" + P + ",WIJKTEAM|GM0001|" + P + ";WIJKTEAM|GM0002|" + P
                + ";WIJKTEAM|GM0003|" + P), rels.toString());
        assertTrue(rels.contains("i2,AT_MOST,POP|GM0001|" + P + ",WIJKTEAM|GM0001|" + P), rels.toString());
    }

    @Test
    void recheckFromThePackageAloneAgreesWithTheEngine() {
        Path pkg = dir.resolve("pkg");
        AuditFiles.write(pkg, protectedFixture(Profile.cbsMicrodata()));
        PackageRecheck.Result r = PackageRecheck.recheck(pkg);
        assertTrue(r.passed(), r.failures().toString());
        assertEquals(2, r.checked());
        assertEquals(28.0, r.narrowestWidth());
    }

    /** Publish the secondary suppression after all: A = 68 − 40 − 25 = 3 exactly; the recheck must fail. */
    @Test
    void recheckCatchesATamperedPackage() throws Exception {
        Path pkg = dir.resolve("pkg");
        AuditFiles.write(pkg, protectedFixture(Profile.cbsMicrodata()));
        Path cells = pkg.resolve("audit/cells.csv");
        String s = Files.readString(cells).replace("i2,WIJKTEAM,GM0003," + P + ",SECONDARY,SECONDARY,.,0,28",
                "i2,WIJKTEAM,GM0003," + P + ",SAFE,,25,,");
        Files.writeString(cells, s);
        PackageRecheck.Result r = PackageRecheck.recheck(pkg);
        assertEquals("FAIL", r.verdict());
        assertEquals(0.0, r.narrowestWidth());
        assertTrue(r.failures().get(0).contains("count WIJKTEAM for GM0001 in period " + P), r.failures().toString());
    }

    /** With round_to 5 the recheck treats rounded counts as within 2.5 of their published value. */
    @Test
    void recheckOfARoundedPackage() throws Exception {
        Path pkg = dir.resolve("pkg");
        List<ProtectedTable> t = protectedFixture(Profile.cbsMicrodata().withRoundTo(5));
        AuditFiles.write(pkg, t);
        List<String> cells = Files.readAllLines(pkg.resolve("audit/cells.csv"));
        assertTrue(cells.contains("i2,WIJKTEAM,GM0005," + P + ",SAFE,,30,,"), cells.toString());
        assertTrue(cells.contains("i2,WIJKTEAM,GM----," + P + ",ROUNDED,ROUND_5,10,,"), cells.toString());
        PackageRecheck.Result r = PackageRecheck.recheck(pkg);
        assertTrue(r.passed(), r.failures().toString());
    }

    /** Fixture: 18 counts, A PRIMARY and C SECONDARY, both [0, 28]. */
    @Test
    void summaryForTheOutputCheck() {
        DisclosureSummary s = Disclosure.summarize(protectedFixture(Profile.cbsMicrodata()), Profile.cbsMicrodata());
        assertEquals(java.util.Map.of(Status.SAFE, 16, Status.PRIMARY, 1, Status.SECONDARY, 1), s.countsByStatus());
        assertEquals(java.util.Map.of("MIN_PERSONS", 1, "SECONDARY", 1), s.suppressedByRule());
        assertEquals(java.util.Map.of(Status.SAFE, 7, Status.PRIMARY, 1, Status.SECONDARY, 1), s.rowsByStatus());
        assertEquals("PASS", s.verdict());
        assertEquals(28.0, s.narrowest().interval().width());
        assertEquals(28.0, s.widest().interval().width());
        assertTrue(s.lines().contains("- audit verdict: PASS (every suppressed count's interval at least 10 wide)"),
                s.lines().toString());
    }

    @Test
    void internalCopyHasPersonsAndRawValues() throws Exception {
        Path f = AuditFiles.writeInternal(dir.resolve("work"), "job1", protectedFixture(Profile.cbsMicrodata()));
        assertEquals(dir.resolve("work/audit/job1/cells-internal.csv"), f);
        List<String> lines = Files.readAllLines(f);
        assertEquals(AuditFiles.INTERNAL_HEADER, lines.get(0));
        assertTrue(lines.contains("i2,WIJKTEAM,GM0001," + P + ",PRIMARY,MIN_PERSONS,3,3,.,0,28"), lines.toString());
    }
}
