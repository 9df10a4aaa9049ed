package nl.samenloop.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import nl.samenloop.disclosure.ProtectedTable;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageWriterTest {
    static final List<ChartSpec> CHARTS = List.of(
            ChartSpec.lines("i2_wijkteam_lijnen", "i2_wijkteam", "WIJKTEAM", "Jeugdigen met wijkteamhulp"),
            ChartSpec.bars("i2_wijkteam_staven", "i2_wijkteam", "WIJKTEAM", "Jeugdigen met wijkteamhulp per gemeente"));

    @TempDir
    Path tmp;

    /** Writes the fixture package the way the engine will: tables and charts, then audit, then output check. */
    static Path writePackage(Path dir) throws Exception {
        PackageWriter.write(dir, Fixture.info(), List.of(Fixture.table()), CHARTS);
        // Stands in for the audit writer of nl.samenloop.disclosure (another contributor's file).
        Files.createDirectories(dir.resolve("audit"));
        Files.writeString(dir.resolve("audit/cells.csv"), "count,status,rule,audit_lower,audit_upper\n"
                + "WIJKTEAM|GM0002|2019HJ01,PRIMARY,MIN_PERSONS,0,17\n"
                + "WIJKTEAM|GM0003|2019HJ01,SECONDARY,SECONDARY,80,97\n", StandardCharsets.UTF_8);
        OutputCheck.write(dir, Fixture.info(), List.of(Fixture.table()));
        return dir;
    }

    @Test
    void tidyCsvHasExactLinesWithDotsForEveryNumberNotShown() throws Exception {
        Path dir = writePackage(tmp.resolve("pkg"));
        List<String> lines = Files.readAllLines(dir.resolve("tables/i2_wijkteam.csv"), StandardCharsets.UTF_8);
        assertEquals(List.of(
                "indicator,measure,geography_level,geography_code,geography_name,period,numerator,denominator,value,status",
                "I2,WIJKTEAM,municipality,GM0001,Aastad,2019HJ01,100,500,20.0,SAFE",
                "I2,WIJKTEAM,municipality,GM0002,Beedorp,2019HJ01,.,300,.,PRIMARY",
                "I2,WIJKTEAM,municipality,GM0003,Ceeveen,2019HJ01,.,200,.,SECONDARY",
                "I2,WIJKTEAM,municipality,GM----,onbekende gemeente,2019HJ01,12,40,30.0,SAFE",
                "I2,WIJKTEAM,region,JR01,\"Regio Test, Zuid\",2019HJ01,197,1000,19.7,SAFE",
                "I2,WIJKTEAM,country,NL01,Nederland,2019HJ01,19700,100000,19.7,SAFE",
                "I2,WIJKTEAM,municipality,GM0001,Aastad,2019HJ02,120,520,23.1,SAFE",
                "I2,WIJKTEAM,municipality,GM0002,Beedorp,2019HJ02,45,.,.,DERIVED",
                "I2,WIJKTEAM,municipality,GM0003,Ceeveen,2019HJ02,.,.,.,NOT_OBSERVABLE",
                "I2,WIJKTEAM,municipality,GM----,onbekende gemeente,2019HJ02,15,45,31.8,ROUNDED",
                "I2,WIJKTEAM,region,JR01,\"Regio Test, Zuid\",2019HJ02,203,950,21.4,SAFE",
                "I2,WIJKTEAM,country,NL01,Nederland,2019HJ02,20000,100000,20.0,SAFE"), lines);
        byte[] raw = Files.readAllBytes(dir.resolve("tables/i2_wijkteam.csv"));
        assertFalse(raw[0] == (byte) 0xEF, "no byte-order mark");
        assertFalse(new String(raw, StandardCharsets.UTF_8).contains("\r"), "\\n line ends");
    }

    @Test
    void workbookShowsDutchNumbersDotsAndGeographyOrder() throws Exception {
        Path dir = writePackage(tmp.resolve("pkg"));
        DataFormatter nl = new DataFormatter(Locale.forLanguageTag("nl-NL"));
        try (InputStream in = Files.newInputStream(dir.resolve("tables/i2_wijkteam.xlsx"));
             XSSFWorkbook wb = new XSSFWorkbook(in)) {
            assertEquals(List.of("WIJKTEAM", "Toelichting"), List.of(wb.getSheetName(0), wb.getSheetName(1)));
            Sheet sh = wb.getSheet("WIJKTEAM");
            assertEquals("Jeugdigen met wijkteamhulp (%)", sh.getRow(0).getCell(0).getStringCellValue());
            // Block headers and periods: value, numerator, denominator, each 2019HJ01, 2019HJ02.
            assertEquals(List.of("Regio", "Code", "Waarde", "", "Teller (WIJKTEAM)", "", "Noemer (POPULATION)", ""),
                    texts(sh.getRow(3), nl));
            assertEquals(List.of("", "", "2019HJ01", "2019HJ02", "2019HJ01", "2019HJ02", "2019HJ01", "2019HJ02"),
                    texts(sh.getRow(4), nl));
            // Rows: Netherlands, region, its municipalities, Onbekend; then the source line.
            assertEquals(List.of("Nederland", "NL01", "19,7", "20,0", "19.700", "20.000", "100.000", "100.000"),
                    texts(sh.getRow(5), nl));
            assertEquals(List.of("Regio Test, Zuid", "JR01", "19,7", "21,4", "197", "203", "1.000", "950"), texts(sh.getRow(6), nl));
            assertEquals(List.of("Aastad", "GM0001", "20,0", "23,1", "100", "120", "500", "520"), texts(sh.getRow(7), nl));
            assertEquals(List.of("Beedorp", "GM0002", ".", ".", ".", "45", "300", "."), texts(sh.getRow(8), nl));
            assertEquals(List.of("Ceeveen", "GM0003", ".", ".", ".", ".", "200", "."), texts(sh.getRow(9), nl));
            assertEquals(List.of("Onbekend", "GM----", "30,0", "31,8", "12", "15", "40", "45"), texts(sh.getRow(10), nl));
            assertNull(sh.getRow(11));
            assertEquals("Bron: CBS microdata, bewerking Samenloop", sh.getRow(12).getCell(0).getStringCellValue());
            // The separators are the reader's locale's (see XlsxWriter): an English reader sees a point.
            assertEquals("19.7", new DataFormatter(Locale.US).formatCellValue(sh.getRow(5).getCell(2)));
            // Shown numbers stay numbers (researchers compute with them), rounded as the CSV prints them.
            assertEquals(19.7, sh.getRow(5).getCell(2).getNumericCellValue(), 0.0);
            assertEquals(23.1, sh.getRow(7).getCell(3).getNumericCellValue(), 0.0);

            Sheet notes = wb.getSheet("Toelichting");
            String all = sheetText(notes, nl);
            for (String expected : List.of("PRIMARY", "SECONDARY", "DERIVED", "NOT_OBSERVABLE", "min_persons", "cbs-microdata",
                    "aandeel jeugdigen met wijkteamhulp", "Test package.", "Bron: CBS microdata, bewerking Samenloop")) {
                assertTrue(all.contains(expected), "notes sheet mentions " + expected);
            }
        }
    }

    @Test
    void chartsArePngsOfTheStatedSizeAndSuppressedPointsAreAbsent() throws Exception {
        Path dir = writePackage(tmp.resolve("pkg"));
        for (ChartSpec c : CHARTS) {
            Path png = dir.resolve("charts/" + c.name() + ".png");
            byte[] head = new byte[8];
            try (InputStream in = Files.newInputStream(png)) {
                assertEquals(8, in.read(head));
            }
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, head);
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(960, img.getWidth());
            assertEquals(600, img.getHeight());
        }
        ProtectedTable t = Fixture.table();
        DefaultCategoryDataset lines = ChartWriter.dataset(t, CHARTS.get(0));
        // Beedorp (PRIMARY, DERIVED) and Ceeveen (SECONDARY, NOT_OBSERVABLE) show no value in any period: they are
        // not drawn at all (no line, no legend entry) rather than drawn as zero.
        assertEquals(List.of("Nederland", "Aastad"), lines.getRowKeys());
        // Periods as a reader says them, in period order (2019HJ01, 2019HJ02).
        assertEquals(List.of("1e helft 2019", "2e helft 2019"), lines.getColumnKeys());
        assertEquals(19.7, lines.getValue("Nederland", "1e helft 2019").doubleValue(), 0.0);
        assertEquals(23.1, lines.getValue("Aastad", "2e helft 2019").doubleValue(), 0.0);
        for (Object row : lines.getRowKeys()) {
            for (Object col : lines.getColumnKeys()) {
                Number v = lines.getValue((Comparable<?>) row, (Comparable<?>) col);
                assertTrue(v == null || v.doubleValue() != 0.0, "a suppressed point is a gap, never zero");
            }
        }

        // Past MAX_MUNICIPALITY_LINES municipalities (here: past none) the lines are the regions against the Netherlands.
        DefaultCategoryDataset regions = ChartWriter.dataset(t, CHARTS.get(0), 0);
        assertEquals(List.of("Nederland", "Regio Test, Zuid"), regions.getRowKeys());
        assertEquals(21.4, regions.getValue("Regio Test, Zuid", "2e helft 2019").doubleValue(), 0.0);

        DefaultCategoryDataset bars = ChartWriter.dataset(t, CHARTS.get(1));
        assertEquals(List.of("1e helft 2019", "2e helft 2019"), bars.getRowKeys());
        // Places with no shown bar in any period are left out, as in the line chart.
        assertEquals(List.of("Nederland", "Regio Test, Zuid", "Aastad"), bars.getColumnKeys());
        assertEquals(21.4, bars.getValue("2e helft 2019", "Regio Test, Zuid").doubleValue(), 0.0);
    }

    @Test
    void outputCheckCountsStatusesAndChecksumsEveryOtherFile() throws Exception {
        Path dir = writePackage(tmp.resolve("pkg"));
        String md = Files.readString(dir.resolve("output-check.md"), StandardCharsets.UTF_8);
        for (String line : List.of("| Job | wijkteam-rijnmond |", "| Data version | JGDHULPBUS 2019 (synthetic test data) |",
                "| Classification year | 2019 |", "| Data horizon | 2019-12-31 |", "| min_persons | 10 |",
                "12 released rows resting on 24 counts.",
                "| SAFE | 7 | 17 |", "| PRIMARY | 1 | 1 |", "| SECONDARY | 1 | 2 |", "| DERIVED | 1 | 0 |",
                "| ROUNDED | 1 | 2 |", "| NOT_OBSERVABLE | 1 | 2 |", "| EMPTY | 0 | 0 |",
                "| DATA_HORIZON | 2 |", "| MIN_PERSONS | 1 |", "| SECONDARY | 2 |",
                "PASS: every suppressed cell's interval is at least 10 wide")) {
            assertTrue(md.contains(line + "\n"), "output check has line: " + line);
        }
        // The checksum block lists exactly the other files, each with its SHA-256 recomputed here.
        Map<String, String> listed = new TreeMap<>();
        String block = md.substring(md.indexOf("```\n") + 4, md.lastIndexOf("```"));
        for (String l : block.split("\n")) {
            listed.put(l.substring(66), l.substring(0, 64));
        }
        Map<String, String> actual = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (!rel.equals("output-check.md")) {
                    actual.put(rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
                }
            }
        }
        assertEquals(List.of("audit/cells.csv", "charts/i2_wijkteam_lijnen.png", "charts/i2_wijkteam_staven.png",
                "tables/i2_wijkteam.csv", "tables/i2_wijkteam.xlsx"), new ArrayList<>(actual.keySet()));
        assertEquals(actual, listed);
    }

    @Test
    void countsDecidedOnlyForTheAuditAreNotTalliedAsReleased() throws Exception {
        ProtectedTable t = Fixture.table();
        // A municipality outside the requested region: computed and decided for the audit, not released.
        var hidden = nl.samenloop.indicators.Cell.share("WIJKTEAM", nl.samenloop.model.GeoLevel.MUNICIPALITY, "GM0777",
                "Elders", Fixture.P1, new nl.samenloop.indicators.Count("WIJKTEAM", 3, 3),
                new nl.samenloop.indicators.Count("POPULATION", 60, 60), false);
        List<nl.samenloop.disclosure.ProtectedCell> rows = new ArrayList<>(t.rows());
        rows.add(new nl.samenloop.disclosure.ProtectedCell(hidden, nl.samenloop.disclosure.Status.PRIMARY, "MIN_PERSONS",
                null, 60L, null));
        Map<nl.samenloop.indicators.CountRef, nl.samenloop.disclosure.Decision> d = new java.util.HashMap<>(t.decisions());
        d.put(hidden.numeratorRef(), new nl.samenloop.disclosure.Decision(hidden.numeratorRef(),
                nl.samenloop.disclosure.Status.PRIMARY, "MIN_PERSONS", null, 0.0, 20.0));
        d.put(hidden.denominatorRef(), new nl.samenloop.disclosure.Decision(hidden.denominatorRef(),
                nl.samenloop.disclosure.Status.SAFE, "NONE", 60L, null, null));
        ProtectedTable withHidden = new ProtectedTable(t.source(), rows, d);
        Path dir = tmp.resolve("pkg");
        PackageWriter.write(dir, Fixture.info(), List.of(withHidden), List.of());
        OutputCheck.write(dir, Fixture.info(), List.of(withHidden));
        String md = Files.readString(dir.resolve("output-check.md"));
        assertTrue(md.contains("12 released rows resting on 24 counts; 2 further counts were decided for the audit only"), md);
        assertTrue(md.contains("| PRIMARY | 1 | 1 |\n"), md);
        assertFalse(Files.readString(dir.resolve("tables/i2_wijkteam.csv")).contains("GM0777"), "unreleased rows are not published");
    }

    @Test
    void sameInputWritesTheSameBytes() throws Exception {
        Map<String, String> a = OutputCheck.checksums(writePackage(tmp.resolve("a")));
        Map<String, String> b = OutputCheck.checksums(writePackage(tmp.resolve("b")));
        assertEquals(a, b);
        assertEquals(Files.readString(tmp.resolve("a/output-check.md")), Files.readString(tmp.resolve("b/output-check.md")));
    }

    @Test
    void writesOnlyIntoANewOrEmptyFolderAndRemovesNothing() throws Exception {
        Path dir = writePackage(tmp.resolve("pkg"));
        Map<String, String> before = OutputCheck.checksums(dir);
        // Not even its own package is overwritten in place: replacing is Publication's job (a fresh folder renamed in).
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PackageWriter.write(dir, Fixture.info(), List.of(Fixture.table()), CHARTS));
        assertTrue(e.getMessage().contains("is not empty") && e.getMessage().contains("tables"), e.getMessage());
        assertEquals(before, OutputCheck.checksums(dir));

        Path foreign = tmp.resolve("home");
        Files.createDirectories(foreign.resolve("audit"));
        Files.writeString(foreign.resolve("audit/NOTES.txt"), "mine");
        e = assertThrows(IllegalArgumentException.class,
                () -> PackageWriter.write(foreign, Fixture.info(), List.of(Fixture.table()), List.of()));
        assertTrue(e.getMessage().contains("audit"), e.getMessage());
        assertEquals("mine", Files.readString(foreign.resolve("audit/NOTES.txt")));

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        PackageWriter.write(empty, Fixture.info(), List.of(Fixture.table()), List.of());
        assertTrue(Files.exists(empty.resolve("tables/i2_wijkteam.csv")));
    }

    @Test
    void refusesARowThatOffersASuppressedNumber() throws Exception {
        ProtectedTable t = Fixture.table();
        List<nl.samenloop.disclosure.ProtectedCell> rows = new ArrayList<>(t.rows());
        var primary = rows.get(1); // GM0002 2019HJ01, numerator PRIMARY
        rows.set(1, new nl.samenloop.disclosure.ProtectedCell(primary.cell(), primary.status(), primary.rule(), 7L,
                primary.denominator(), null));
        ProtectedTable bad = new ProtectedTable(t.source(), rows, t.decisions());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PackageWriter.write(tmp.resolve("bad"), Fixture.info(), List.of(bad), List.of()));
        assertTrue(e.getMessage().contains("GM0002") && e.getMessage().contains("WIJKTEAM"), e.getMessage());
        assertFalse(e.getMessage().matches(".*\\b7\\b.*"), "the message never repeats the number: " + e.getMessage());
    }

    @Test
    void chartOfAnUnknownTableIsRefusedBeforeAnythingIsWritten() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PackageWriter.write(tmp.resolve("p"),
                Fixture.info(), List.of(Fixture.table()), List.of(ChartSpec.lines("c", "nope", "WIJKTEAM", "t"))));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("p")));
    }

    static List<String> texts(Row row, DataFormatter f) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
            out.add(row.getCell(c) == null ? "" : f.formatCellValue(row.getCell(c)));
        }
        return out;
    }

    static String sheetText(Sheet sh, DataFormatter f) {
        StringBuilder sb = new StringBuilder();
        for (Row r : sh) {
            sb.append(String.join(" | ", texts(r, f))).append('\n');
        }
        return sb.toString();
    }
}
