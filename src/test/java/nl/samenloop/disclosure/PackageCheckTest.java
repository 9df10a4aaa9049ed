package nl.samenloop.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.samenloop.check.PackageCheck;
import nl.samenloop.job.Cli;
import nl.samenloop.publish.ChartSpec;
import nl.samenloop.publish.OutputCheck;
import nl.samenloop.publish.PackageInfo;
import nl.samenloop.publish.PackageWriter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code samenloop audit} on a whole package (tables, workbook, chart, audit files, output check) built from
 * {@link HierarchySuppressionTest#oneSmallMunicipality()} and protected by the engine: GM0001 (3 persons) is
 * PRIMARY, GM0003 SECONDARY. Each edit an output checker must catch makes the check fail with a finding that names
 * the file and the cell; the untouched package passes. (In this package for {@link TableBuilder}.)
 */
class PackageCheckTest {
    static final String P = HierarchySuppressionTest.P;
    @TempDir
    Path dir;
    Path pkg;

    @BeforeEach
    void writePackage() throws Exception {
        pkg = dir.resolve("pkg");
        List<ProtectedTable> tables = Disclosure.protect(List.of(HierarchySuppressionTest.oneSmallMunicipality().build()),
                Profile.cbsMicrodata(), null);
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("profile", "cbs-microdata");
        rules.put("threshold (minimum distinct persons)", "10");
        rules.put("zero cells", "unsafe");
        rules.put("rounding", "off");
        PackageInfo info = new PackageInfo("check-test", "Check test", Instant.parse("2026-11-25T02:00:00Z"), "synthetic",
                2020, LocalDate.parse("2020-12-31"), rules, "PASS", List.of());
        PackageWriter.write(pkg, info, tables, List.of(ChartSpec.bars("i2_bars", "i2", "WIJKTEAM", "Wijkteam")));
        AuditFiles.write(pkg, tables);
        OutputCheck.write(pkg, info, tables);
    }

    @Test
    void anUntouchedPackagePasses() {
        PackageCheck.Result r = PackageCheck.check(pkg, null);
        assertTrue(r.passed(), String.join("\n", r.findings()));
        assertEquals(2, r.suppressedChecked());
        assertEquals(10, r.profile().threshold());
        assertEquals(Cli.OK, Cli.execute("audit", pkg.toString()));
    }

    @Test
    void aPrimaryRowShownInTheCsvFails() throws Exception {
        editCsvRow("GM0001", "3", null, "0.6", "SAFE");
        List<String> f = failing();
        assertHas(f, "tables/i2.csv line " + line("GM0001") + " (WIJKTEAM, GM0001, " + P + ") column numerator: shows a number"
                + " where audit/cells.csv line");
        assertHas(f, "(WIJKTEAM, GM0001, " + P + ") column status: SAFE, but the row rests on count WIJKTEAM|GM0001|" + P);
        assertHas(f, "tables/i2.csv: SHA-256 differs");
    }

    @Test
    void theNetherlandsNumeratorPlusFiveFails() throws Exception {
        editCsvRow("NL01", "165", null, null, null);
        assertHas(failing(), "tables/i2.csv line " + line("NL01") + " (WIJKTEAM, NL01, " + P + ") column numerator: differs from"
                + " audit/cells.csv");
    }

    @Test
    void deletingEveryRelationFails() throws Exception {
        Path rel = pkg.resolve("audit/relations.csv");
        Files.writeString(rel, AuditFiles.RELATIONS_HEADER + "\n");
        resum("audit/relations.csv");
        List<String> f = failing();
        assertHas(f, "audit/relations.csv: no SUM relation with total WIJKTEAM|NL01|" + P
                + " (the Netherlands = its regions and municipalities), implied by tables/i2.csv line " + line("NL01"));
        assertHas(f, "audit/relations.csv: no SUM relation with total POP|RG01|" + P);
        // Without relations every interval is [0, inf]: wider than recorded, a note (the failure is the missing relations).
        PackageCheck.Result r = PackageCheck.check(pkg, null);
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("count WIJKTEAM|GM0001|" + P + ": the package records interval"
                + " [0, 28], the independent solver finds [0, inf]")), r.notes().toString());
        assertFalse(f.stream().anyMatch(s -> s.contains("SHA-256")), f.toString());
    }

    @Test
    void anEditedCsvWithItsChecksumRecomputedStillFails() throws Exception {
        editCsvRow("GM0003", "25", null, "4.2", "SAFE");
        resum("tables/i2.csv");
        List<String> f = failing();
        assertFalse(f.stream().anyMatch(s -> s.contains("SHA-256")), f.toString());
        assertHas(f, "tables/i2.csv line " + line("GM0003") + " (WIJKTEAM, GM0003, " + P + ") column numerator: shows a number");
    }

    @Test
    void aSuppressedValueFilledInOnlyInTheWorkbookFails() throws Exception {
        Path xlsx = pkg.resolve("tables/i2.xlsx");
        String cell;
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet sh = wb.getSheet("WIJKTEAM");
            Row row = null;
            for (Row r : sh) {
                if (r.getCell(1) != null && "GM0001".equals(r.getCell(1).getStringCellValue())) {
                    row = r;
                }
            }
            Cell c = row.getCell(3); // one period: C value, D numerator, E denominator
            assertEquals(".", c.getStringCellValue());
            c.setCellValue(3);
            cell = c.getAddress().formatAsString();
            try (OutputStream out = Files.newOutputStream(xlsx)) {
                wb.write(out);
            }
        }
        resum("tables/i2.xlsx");
        assertHas(failing(), "tables/i2.xlsx sheet WIJKTEAM cell " + cell + " (WIJKTEAM, GM0001, " + P + ", numerator): shows a"
                + " number where tables/i2.csv line " + line("GM0001") + " prints '.'");
    }

    @Test
    void aRemovedRowFails() throws Exception {
        Path csv = pkg.resolve("tables/i2.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        lines.remove(line("GM0002") - 1);
        Files.writeString(csv, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        resum("tables/i2.csv");
        List<String> f = failing();
        assertHas(f, "tables/i2.csv status SAFE: ");
        assertHas(f, "(WIJKTEAM|GM0002|" + P + "): a shown count that no row of tables/i2.csv prints (a row was removed)");
    }

    @Test
    void aReplacedChartFails() throws Exception {
        Path png = pkg.resolve("charts/i2_bars.png");
        assertTrue(Files.isRegularFile(png));
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0});
        assertHas(failing(), "charts/i2_bars.png: SHA-256 differs from the one listed in output-check.md");
    }

    @Test
    void anUnlistedFileAndTheStatedThresholdAreUsed() throws Exception {
        Files.writeString(pkg.resolve("tables/extra.txt"), "x");
        Path check = pkg.resolve(OutputCheck.FILE);
        Files.writeString(check, Files.readString(check).replace("| threshold (minimum distinct persons) | 10 |",
                "| threshold (minimum distinct persons) | 40 |"));
        PackageCheck.Result r = PackageCheck.check(pkg, null);
        assertEquals(40, r.profile().threshold());
        assertHas(r.findings(), "tables/extra.txt: not listed in the checksums of output-check.md");
        assertHas(r.findings(), "can be bounded to an interval narrower than 40");
    }

    /** The register binds the package to its release: the exact output-check.md, or a finding. */
    @Test
    void theRegisterSaysWhetherThisExactPackageWasReleased() throws Exception {
        Path regDir = dir.resolve("register");
        nl.samenloop.register.RegisterLocation where = nl.samenloop.register.RegisterLocation.parse(regDir.toString(),
                Path.of(""));
        String manifest = Files.readString(pkg.resolve(OutputCheck.FILE), StandardCharsets.UTF_8);
        try (nl.samenloop.register.ReleaseRegister reg = nl.samenloop.register.ReleaseRegister.open(where)) {
            var universe = nl.samenloop.register.ReleaseRegister.Universe.of("check test");
            Disclosure.Release release = new Disclosure.Release(List.of(), List.of(), Map.of(), Map.of(), List.of(),
                    Map.of(), History.none(), Map.of(), 0, 0);
            reg.record(universe, new nl.samenloop.register.ReleaseRegister.ReleaseInfo("check-test", "t", "u", "h",
                    Instant.parse("2026-11-25T02:00:00Z"), "cbs-microdata", "out", Canonical.sha256(manifest)), release,
                    reg.version(universe));
        }
        PackageCheck.Result ok = PackageCheck.check(pkg, where);
        assertTrue(ok.passed(), ok.findings().toString());
        assertTrue(ok.release().startsWith("release 1 (check-test, "), ok.release());
        assertEquals(Cli.OK, Cli.execute("audit", pkg.toString(), "--register", regDir.toString()));

        Path check = pkg.resolve(OutputCheck.FILE);
        Files.writeString(check, manifest.replace("# Output check: Check test", "# Output check: Check test (copy)"));
        PackageCheck.Result other = PackageCheck.check(pkg, where);
        assertHas(other.findings(), "output-check.md: the release register sqlite ");
        assertHas(other.findings(), "holds no release with this manifest");
        assertEquals(Cli.REFUSED, Cli.execute("audit", pkg.toString(), "--register", regDir.toString()));
    }

    /** The tau-ARGUS export: per count a one-dimensional hierarchical table, its pattern and one batch file. */
    @Test
    void theTauArgusExportHoldsTheTablesAndThePattern() throws Exception {
        Path tau = dir.resolve("tau");
        assertEquals(Cli.OK, Cli.execute("audit", pkg.toString(), "--export-tau", tau.toString()));
        String base = "i2__WIJKTEAM__" + P;
        assertEquals(List.of("RG01", "@GM0001", "@GM0002", "@GM0003", "RG02", "@GM0004", "@GM0005", "GM----"),
                Files.readAllLines(tau.resolve(base + ".hrc")));
        assertEquals(List.of("GM0001,u", "GM0003,u"), Files.readAllLines(tau.resolve(base + ".hst")));
        List<String> data = Files.readAllLines(tau.resolve(base + ".csv"));
        assertEquals("NL01,160,0,0", data.get(0));
        assertTrue(data.contains("GM0002,40,0,0"), data.toString());
        // The suppressed pair gets a completion that keeps RG01 = 68 with GM0002 = 40, and protection levels of 5.
        double a = Double.parseDouble(data.stream().filter(l -> l.startsWith("GM0001,")).findFirst().orElseThrow().split(",")[1]);
        double c = Double.parseDouble(data.stream().filter(l -> l.startsWith("GM0003,")).findFirst().orElseThrow().split(",")[1]);
        assertEquals(28.0, a + c);
        assertTrue(data.stream().filter(l -> l.startsWith("GM0001,") || l.startsWith("GM0003,")).allMatch(l -> l.endsWith(",5,5")));
        String arb = Files.readString(tau.resolve("samenloop.arb"));
        assertTrue(arb.contains("<OPENTABLEDATA> \"" + base + ".csv\"\n<OPENMETADATA> \"" + base + ".rda\""), arb);
        assertTrue(arb.contains("<APRIORI> \"" + base + ".hst\",1,\",\",0,1"), arb);
        assertTrue(Files.readString(tau.resolve(base + ".rda")).contains("<HIERCODELIST> \"" + base + ".hrc\""));
        assertTrue(Files.isRegularFile(tau.resolve("i2__POP__" + P + ".hst")));
    }

    /** Audit files that contradict themselves have no consistent table to export: a message, no stack trace. */
    @Test
    void noTauArgusExportOfContradictoryAuditFiles() throws Exception {
        Path cells = pkg.resolve("audit/cells.csv");
        Files.writeString(cells, Files.readString(cells).replace("i2,WIJKTEAM,NL01," + P + ",SAFE,,160,,",
                "i2,WIJKTEAM,NL01," + P + ",SAFE,,999,,"));
        assertEquals(Cli.REFUSED, Cli.execute("audit", pkg.toString(), "--export-tau", dir.resolve("tau").toString()));
        assertFalse(Files.exists(dir.resolve("tau").resolve("samenloop.arb")));
        assertHas(PackageCheck.check(pkg, null).findings(), "audit/cells.csv: SHA-256 differs");
    }

    private List<String> failing() {
        PackageCheck.Result r = PackageCheck.check(pkg, null);
        assertEquals("FAIL", r.verdict());
        assertEquals(Cli.REFUSED, Cli.execute("audit", pkg.toString()));
        return r.findings();
    }

    private static void assertHas(List<String> findings, String part) {
        assertTrue(findings.stream().anyMatch(f -> f.contains(part)), "no finding with «" + part + "» in:\n"
                + String.join("\n", findings));
    }

    /** The 1-based line of the CSV row of area {@code geo}. */
    private int line(String geo) throws Exception {
        List<String> lines = Files.readAllLines(pkg.resolve("tables/i2.csv"), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("," + geo + ",")) {
                return i + 1;
            }
        }
        throw new AssertionError("no row for " + geo);
    }

    /** Replaces numerator, denominator, value, status (null: keep) of the row of {@code geo}. */
    private void editCsvRow(String geo, String num, String den, String value, String status) throws Exception {
        Path csv = pkg.resolve("tables/i2.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        int i = line(geo) - 1;
        String[] f = lines.get(i).split(",", -1);
        int n = f.length;
        String[] repl = {num, den, value, status};
        for (int k = 0; k < 4; k++) {
            if (repl[k] != null) {
                f[n - 4 + k] = repl[k];
            }
        }
        lines.set(i, String.join(",", f));
        Files.writeString(csv, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** Recomputes the checksum line of {@code file} in output-check.md, as a careful forger would. */
    private void resum(String file) throws Exception {
        Path check = pkg.resolve(OutputCheck.FILE);
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(check, StandardCharsets.UTF_8)) {
            out.add(l.endsWith("  " + file) ? OutputCheck.sha256(pkg.resolve(file)) + "  " + file : l);
        }
        Files.writeString(check, String.join("\n", out) + "\n", StandardCharsets.UTF_8);
    }
}
