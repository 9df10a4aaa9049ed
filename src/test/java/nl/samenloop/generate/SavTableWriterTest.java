package nl.samenloop.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.bedatadriven.spss.SpssDataFileReader;
import com.bedatadriven.spss.SpssVariable;

import nl.samenloop.model.Reference;

/** The .sav writer round-trips through com.bedatadriven.spss's reader, by hand and on a generated data set. */
class SavTableWriterTest {
    /**
     * SPSS pads string values with blanks to whole 8-byte segments and spss-reader returns the padded value:
     * readers (and ingest) strip trailing blanks. Checks the padding is blanks only.
     */
    private static String str(SpssDataFileReader r, String name) {
        String raw = r.getStringValue(name);
        String v = raw.stripTrailing();
        assertTrue(raw.substring(v.length()).chars().allMatch(c -> c == ' '), name + " padded with blanks");
        assertEquals(0, raw.length() % 8, name + " is whole segments");
        return v;
    }

    @Test
    void roundTripOfAHandWrittenTable(@TempDir Path d) throws Exception {
        TableSchema schema = new TableSchema("T", List.of(TableSchema.str("RINPERSOONS", 1), TableSchema.str("RINPERSOON", 9),
                TableSchema.num("JGDHGELDIGHEIDBEGINDATUM"), TableSchema.num("JGDHGELDIGHEIDEINDDATUM"),
                TableSchema.str("LANGE_TEKST_KOLOM", 17), TableSchema.num("X")));
        Path f = d.resolve("t.sav");
        try (SavTableWriter w = new SavTableWriter(f, schema, 2020)) {
            w.write(new String[] {"R", "000012345", "20190101", "", "zeventien tekens!", "1"});
            w.write(new String[] {"A", "", "20191301", "88888888", "", "99"});
            w.write(new String[] {"R", "987654321", "20200229", "20201231", "kort", null});
        }
        SpssDataFileReader r = new SpssDataFileReader(new File(f.toString()));
        assertEquals(3, r.getNumCases());
        assertFalse(r.isCompressed());
        List<String> names = r.getVariables().stream().filter(v -> !v.isVeryLongStringSegment())
                .map(SpssVariable::getVariableName).toList();
        assertEquals(List.of("RINPERSOONS", "RINPERSOON", "JGDHGELDIGHEIDBEGINDATUM", "JGDHGELDIGHEIDEINDDATUM",
                "LANGE_TEKST_KOLOM", "X"), names, "long names survive through record 7/13");
        assertTrue(r.readNextCase());
        assertEquals("R", str(r, "RINPERSOONS"));
        assertEquals("000012345", str(r, "RINPERSOON"), "leading zeros kept in A9");
        assertEquals(20190101.0, r.getDoubleValue("JGDHGELDIGHEIDBEGINDATUM"));
        assertTrue(r.isSystemMissing("JGDHGELDIGHEIDEINDDATUM"), "empty numeric → system-missing");
        assertEquals("zeventien tekens!", str(r, "LANGE_TEKST_KOLOM"), "17 wide: three segments");
        assertEquals(1.0, r.getDoubleValue("X"));
        assertTrue(r.readNextCase());
        assertEquals("A", str(r, "RINPERSOONS"));
        assertEquals("", str(r, "RINPERSOON"));
        assertEquals(20191301.0, r.getDoubleValue("JGDHGELDIGHEIDBEGINDATUM"), "impossible date kept as is");
        assertEquals(88888888.0, r.getDoubleValue("JGDHGELDIGHEIDEINDDATUM"));
        assertEquals("", str(r, "LANGE_TEKST_KOLOM"));
        assertEquals(99.0, r.getDoubleValue("X"));
        assertTrue(r.readNextCase());
        assertEquals("987654321", str(r, "RINPERSOON"));
        assertEquals("kort", str(r, "LANGE_TEKST_KOLOM"));
        assertTrue(r.isSystemMissing("X"));
        assertFalse(r.readNextCase());
    }

    /** Every generated .sav table holds the same values as the CSV of the same seed (numbers compared as numbers). */
    @Test
    void generatedSavEqualsGeneratedCsv(@TempDir Path d) throws Exception {
        Reference ref = Reference.load(Path.of("conf"));
        GeneratorSpec spec = GeneratorSpec.defaults(8, 1_500).withSplit(true, 0).withFaultRate(0.03);
        Generator.generate(spec, d.resolve("csv"), ref);
        GenerationResult sav = Generator.generate(spec.withFormat(OutputFormat.SAV), d.resolve("sav"), ref);
        int files = 0;
        for (String path : sav.rowsPerFile().keySet()) {
            List<String[]> csv = GeneratedData.read(d.resolve("csv").resolve(path.replace(".sav", ".csv")));
            SpssDataFileReader r = new SpssDataFileReader(new File(d.resolve("sav").resolve(path).toString()));
            List<SpssVariable> vars = r.getVariables().stream().filter(v -> !v.isVeryLongStringSegment()).toList();
            assertEquals(csv.size(), r.getNumCases(), path);
            for (String[] row : csv) {
                assertTrue(r.readNextCase(), path);
                for (int i = 0; i < row.length; i++) {
                    SpssVariable v = vars.get(i);
                    if (v.isNumeric()) {
                        if (row[i].isEmpty()) {
                            assertTrue(r.isSystemMissing(v.getVariableName()), path + " " + v.getVariableName());
                        } else {
                            assertEquals(Double.parseDouble(row[i]), r.getDoubleValue(v.getVariableName()), path);
                        }
                    } else {
                        assertEquals(row[i], str(r, v.getVariableName()), path + " " + v.getVariableName());
                    }
                }
            }
            assertFalse(r.readNextCase());
            files++;
        }
        assertEquals(11, files);
    }
}
