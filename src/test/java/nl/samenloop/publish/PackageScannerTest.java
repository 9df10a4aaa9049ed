package nl.samenloop.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.publish.PackageScanner.Finding;
import nl.samenloop.publish.PackageScanner.Kind;
import nl.samenloop.publish.PackageScanner.Report;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageScannerTest {
    @TempDir
    Path tmp;

    @Test
    void aCleanPackagePasses() throws Exception {
        Path dir = PackageWriterTest.writePackage(tmp.resolve("pkg"));
        Report r = PackageScanner.scan(dir, Fixture.suppressed());
        assertEquals(List.of(), r.findings());
        assertTrue(r.clean());
        assertEquals(List.of("audit/cells.csv", "output-check.md", "tables/i2_wijkteam.csv", "tables/i2_wijkteam.xlsx"), r.scanned());
        assertEquals(List.of("charts/i2_wijkteam_lijnen.png", "charts/i2_wijkteam_staven.png"), r.notScanned());
    }

    @Test
    void findsAPlantedPersonKeyColumnNameAndDate() throws Exception {
        Path dir = PackageWriterTest.writePackage(tmp.resolve("pkg"));
        Files.writeString(dir.resolve("audit/cells.csv"), "RINPERSOON,123456789,born 20070315\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        Report r = PackageScanner.scan(dir, Fixture.suppressed());
        assertEquals(List.of(
                new Finding("audit/cells.csv", "line 4 col 12", Kind.PERSON_KEY, "a 9-digit number standing alone"),
                new Finding("audit/cells.csv", "line 4 col 27", Kind.DATE, "an 8-digit number that is a date YYYYMMDD"),
                new Finding("audit/cells.csv", "line 4 col 1", Kind.RECORD_COLUMN, "record-level column name RINPERSOON")),
                r.findings());
        assertTrue(r.findings().stream().noneMatch(f -> f.toString().contains("123456789")), "findings never repeat the key");
    }

    @Test
    void numbersThatOnlyLookLikeKeysAreNotFindings() throws Exception {
        Path dir = tmp.resolve("p");
        Files.createDirectories(dir);
        // A 64-hex checksum with long digit runs, a decimal, a period code, a 9-digit code glued to letters,
        // an 8-digit number that is no date.
        Files.writeString(dir.resolve("notes.md"), "1234567890123456789012345678901234567890123456789012345678901234a\n"
                + "123456789.5 GM123456789 2019HJ01 20191345\n", StandardCharsets.UTF_8);
        assertEquals(List.of(), PackageScanner.scan(dir, List.of()).findings());
    }

    @Test
    void findsASuppressedCountPrintedInTheCsvOrTheWorkbook() throws Exception {
        Path dir = PackageWriterTest.writePackage(tmp.resolve("pkg"));
        Path csv = dir.resolve("tables/i2_wijkteam.csv");
        String text = Files.readString(csv).replace("GM0002,Beedorp,2019HJ01,.,300", "GM0002,Beedorp,2019HJ01,7,300");
        Files.writeString(csv, text);
        Path xlsx = dir.resolve("tables/i2_wijkteam.xlsx");
        XSSFWorkbook wb;
        try (InputStream in = Files.newInputStream(xlsx)) {
            wb = new XSSFWorkbook(in);
        }
        // Ceeveen (row 10), numerator block 2019HJ01 (column E): the secondary-suppressed 90.
        wb.getSheet("WIJKTEAM").getRow(9).getCell(4).setCellValue(90.0);
        try (OutputStream out = Files.newOutputStream(xlsx)) {
            wb.write(out);
        }
        wb.close();

        Finding inWorkbook = new Finding("tables/i2_wijkteam.xlsx", "sheet 'WIJKTEAM' row 10 column 5", Kind.SUPPRESSED_VALUE,
                "a number equal to suppressed count WIJKTEAM|GM0003|2019HJ01");
        // Without the tables: the CSV line is tied to the count by its geography and period columns.
        assertEquals(List.of(
                new Finding("tables/i2_wijkteam.csv", "line 3 column numerator", Kind.SUPPRESSED_VALUE,
                        "a number equal to suppressed count WIJKTEAM|GM0002|2019HJ01"), inWorkbook),
                PackageScanner.scan(dir, Fixture.suppressed()).findings());
        // With the tables: tied to the row's own numerator count.
        assertEquals(List.of(
                new Finding("tables/i2_wijkteam.csv", "line 3", Kind.SUPPRESSED_VALUE,
                        "a number equal to suppressed count WIJKTEAM|GM0002|2019HJ01"), inWorkbook),
                PackageScanner.scan(dir, Fixture.suppressed(), List.of(Fixture.table())).findings());
    }

    @Test
    void withTheTablesAnotherCountsEqualNumberIsNotAFinding() throws Exception {
        Path dir = PackageWriterTest.writePackage(tmp.resolve("pkg"));
        // Pretend POPULATION of Beedorp in 2019HJ01 (shown: 300) were also the value of a suppressed
        // WIJKTEAM count there. Without the tables the line cannot tell the two apart; with them it can.
        List<PackageScanner.SuppressedCount> sameNumber = List.of(new PackageScanner.SuppressedCount(
                new nl.samenloop.indicators.CountRef("WIJKTEAM", "GM0002", Fixture.P1), 300));
        assertEquals(List.of(new Finding("tables/i2_wijkteam.csv", "line 3 column denominator", Kind.SUPPRESSED_VALUE,
                "a number equal to suppressed count WIJKTEAM|GM0002|2019HJ01")), PackageScanner.scan(dir, sameNumber).findings());
        // The workbook's block headers ("Teller (WIJKTEAM)", "Noemer (POPULATION)") already tell them apart.
        assertEquals(List.of(), PackageScanner.scan(dir, sameNumber, List.of(Fixture.table())).findings());
    }

    @Test
    void aPerCountCsvIsMatchedOnItsCountGeographyAndPeriodColumns() throws Exception {
        Path dir = tmp.resolve("p");
        Files.createDirectories(dir.resolve("audit"));
        Files.writeString(dir.resolve("audit/cells.csv"), "table,count,geography_code,period,status,rule,value,audit_lower,audit_upper\n"
                + "t,WIJKTEAM,GM0002,2019HJ01,PRIMARY,MIN_PERSONS,.,7,17\n"       // lower bound equal to the value: fine
                + "t,JEUGDHULP,GM0002,2019HJ01,SAFE,NONE,7,,\n"                  // another count, same number: fine
                + "t,WIJKTEAM,GM0002,2019HJ02,SAFE,NONE,7,,\n"                   // another period: fine
                + "t,WIJKTEAM,GM0002,2019HJ01,PRIMARY,MIN_PERSONS,7,0,17\n", StandardCharsets.UTF_8); // the leak
        List<PackageScanner.SuppressedCount> s = List.of(new PackageScanner.SuppressedCount(
                new nl.samenloop.indicators.CountRef("WIJKTEAM", "GM0002", Fixture.P1), 7));
        assertEquals(List.of(new Finding("audit/cells.csv", "line 5 column value", Kind.SUPPRESSED_VALUE,
                "a number equal to suppressed count WIJKTEAM|GM0002|2019HJ01")), PackageScanner.scan(dir, s).findings());
    }

    @Test
    void aNumberUnderAnotherPeriodsHeaderIsNotTheSuppressedCount() throws Exception {
        Path dir = PackageWriterTest.writePackage(tmp.resolve("pkg"));
        // 38 is suppressed for Ceeveen in 2019HJ02; the same number shown for 2019HJ01 is another count.
        Path xlsx = dir.resolve("tables/i2_wijkteam.xlsx");
        XSSFWorkbook wb;
        try (InputStream in = Files.newInputStream(xlsx)) {
            wb = new XSSFWorkbook(in);
        }
        wb.getSheet("WIJKTEAM").getRow(9).getCell(4).setCellValue(38.0);
        try (OutputStream out = Files.newOutputStream(xlsx)) {
            wb.write(out);
        }
        wb.close();
        assertEquals(List.of(), PackageScanner.scan(dir, Fixture.suppressed()).findings());
    }

    /**
     * Lines without a period column are tied to a count by the periods they name: none (any period's count may
     * be meant), this one, or only others (not this count). The relations file names many geographies per line.
     */
    @Test
    void aLineIsTiedToTheCountByThePeriodsItNames() throws Exception {
        Path dir = tmp.resolve("q");
        Files.createDirectories(dir.resolve("audit"));
        Files.writeString(dir.resolve("audit/relations.csv"), "table,relation,total,parts\n"
                + "t,SUM,WIJKTEAM|RG01|2019HJ02 = 7,WIJKTEAM|GM0001|2019HJ02 + WIJKTEAM|GM0002|2019HJ02\n" // other period
                + "t,SUM,WIJKTEAM|RG01 = 7,WIJKTEAM|GM0001 + WIJKTEAM|GM0002\n"                         // no period
                + "t,SUM,WIJKTEAM|RG01|2019HJ01 = 7,WIJKTEAM|GM0001|2019HJ02 + WIJKTEAM|GM0002|2019HJ01\n", // this one
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notes.md"), "GM0002 2019HJ02: 7\nGM0002 2019HJ01 and 2019HJ02: 7\n",
                StandardCharsets.UTF_8);
        List<PackageScanner.SuppressedCount> s = List.of(new PackageScanner.SuppressedCount(
                new nl.samenloop.indicators.CountRef("WIJKTEAM", "GM0002", Fixture.P1), 7));
        String what = "a number equal to suppressed count WIJKTEAM|GM0002|2019HJ01";
        assertEquals(List.of(
                new Finding("audit/relations.csv", "line 3 column total", Kind.SUPPRESSED_VALUE, what),
                new Finding("audit/relations.csv", "line 4 column total", Kind.SUPPRESSED_VALUE, what),
                new Finding("notes.md", "line 2", Kind.SUPPRESSED_VALUE, what)), PackageScanner.scan(dir, s).findings());
    }

    /**
     * Count names are per table: concurrency's WITH_JEUGDBESCHERMING of GM0002 in 2019HJ01 is another number than
     * follow-up's. Follow-up suppresses its own (7); concurrency may publish a 7 under the same name. Found only
     * where follow-up is printed: its own table files and the audit rows of table followup.
     */
    @Test
    void aSuppressedCountIsOnlyLookedForInItsOwnTable() throws Exception {
        Path dir = tmp.resolve("r");
        Files.createDirectories(dir.resolve("audit"));
        Files.createDirectories(dir.resolve("tables"));
        Files.writeString(dir.resolve("audit/cells.csv"), "table,count,geography_code,period,status,rule,value,audit_lower,audit_upper\n"
                + "concurrency,WITH_JEUGDBESCHERMING,GM0002,2019HJ01,SAFE,,7,,\n"          // another table's count: fine
                + "followup,WITH_JEUGDBESCHERMING,GM0002,2019HJ01,SECONDARY,SECONDARY,7,0,24\n", // the leak
                StandardCharsets.UTF_8);
        String perCount = "count,geography_code,period,value\nWITH_JEUGDBESCHERMING,GM0002,2019HJ01,7\n";
        Files.writeString(dir.resolve("tables/concurrency.csv"), perCount, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("tables/followup.csv"), perCount, StandardCharsets.UTF_8);
        CountRef ref = new CountRef("WITH_JEUGDBESCHERMING", "GM0002", Fixture.P1);
        String what = "a number equal to suppressed count WITH_JEUGDBESCHERMING|GM0002|2019HJ01";
        assertEquals(List.of(new Finding("audit/cells.csv", "line 3 column value", Kind.SUPPRESSED_VALUE, what),
                        new Finding("tables/followup.csv", "line 2 column value", Kind.SUPPRESSED_VALUE, what)),
                PackageScanner.scan(dir, List.of(new PackageScanner.SuppressedCount(ref, 7, "followup"))).findings());
        // Without a table the count could be any table's: every one of those lines is a finding.
        assertEquals(4, PackageScanner.scan(dir, List.of(new PackageScanner.SuppressedCount(ref, 7))).findings().size());
    }

    /**
     * A large CSV is checked in runs of lines side by side: every planted finding is found once, at its own line, and
     * the findings come in line order (the same list a line-by-line scan gives, computed here by hand).
     */
    @Test
    void aLargeFileCheckedInRunsGivesEveryFindingInLineOrder() throws Exception {
        Path dir = tmp.resolve("big");
        Files.createDirectories(dir.resolve("audit"));
        StringBuilder csv = new StringBuilder("table,relation,total,parts\n");
        List<Finding> expected = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(18);
        String what = "a number equal to suppressed count WIJKTEAM|GM0002|2019HJ01";
        int lines = 47_311;
        for (int i = 2; i <= lines + 1; i++) {
            int kind = random.nextInt(500);
            if (kind == 0) {
                csv.append("t,SUM,WIJKTEAM|RG01|2019HJ01 = 7,WIJKTEAM|GM0001|2019HJ01 + WIJKTEAM|GM0002|2019HJ01\n");
                expected.add(new Finding("audit/relations.csv", "line " + i + " column total", Kind.SUPPRESSED_VALUE, what));
            } else if (kind == 1) {
                csv.append("t,SUM,123456789,x\n");
                expected.add(new Finding("audit/relations.csv", "line " + i + " col 7", Kind.PERSON_KEY,
                        "a 9-digit number standing alone"));
            } else {
                csv.append("t,SUM,WIJKTEAM|RG01|2019HJ02 = ").append(random.nextInt(1000) + 10)
                        .append(",WIJKTEAM|GM0001|2019HJ02 + WIJKTEAM|GM0002|2019HJ02\n");
            }
        }
        Files.writeString(dir.resolve("audit/relations.csv"), csv, StandardCharsets.UTF_8);
        List<PackageScanner.SuppressedCount> s = List.of(new PackageScanner.SuppressedCount(
                new CountRef("WIJKTEAM", "GM0002", Fixture.P1), 7));
        assertTrue(expected.size() > 100, "planted findings");
        assertEquals(expected, PackageScanner.scan(dir, s).findings());
    }
}
