package nl.samenloop.ingest;

import static nl.samenloop.ingest.Fixtures.lines;
import static nl.samenloop.ingest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conf/columns.yaml renames and case-insensitive matching; the fatal errors and their one-line messages. */
class MappingAndErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void renamedAndDifferentlyCasedColumnsAreFound() {
        Path conf = write(tmp.resolve("conf/columns.yaml"), lines(
                "tables:",
                "  JGDHULPBUS:",
                "    columns:",
                "      rinpersoon: RIN_PERSOON",
                "      hulpvorm: Vorm",
                "    optional:",
                "      aanbieder: Aanbieder_Naam")).getParent();
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        write(in.resolve("JGDHULPBUS.csv"), lines(
                "rinpersoons,rin_persoon,VORM,jgdhgeldigheidbegindatum,JgdhGeldigheidEinddatum,AANBIEDER_NAAM",
                "R,000000001,4,20190101,,Zorg A",
                "R,000000002,4,20190101,,"));
        write(in.resolve("VSLGWBTAB.csv"), lines("soortobjectnummer,rinobjectnummer,gem2021,Gem2022", "A,100,599,599"));
        Path work = tmp.resolve("work");
        IngestReport r = Fixtures.ingest(in, work, conf);
        List<Row> s = Fixtures.staged(work, Staging.JEUGDHULP, "person");
        assertEquals(List.of("04|Zorg A", "04|null"),
                s.stream().map(x -> x.getAs("hulpvorm") + "|" + x.getAs("aanbieder")).toList());
        assertEquals("Aanbieder_Naam", r.table(Staging.JEUGDHULP).presentOptional().get("aanbieder"));
        assertTrue(r.table(Staging.JEUGDHULP).absentOptional().containsValue("JGDHVERWIJZER"));
        assertFalse(r.hasOptional(Staging.JEUGDHULP, "verwijzer"));
        assertEquals(2, r.table(Staging.OBJECTS).stagedRows());
    }

    @Test
    void unknownColumnInMappingIsAnError() {
        Path conf = write(tmp.resolve("conf/columns.yaml"), lines(
                "tables:", "  JGDHULPBUS:", "    columns:", "      hulpvrom: X")).getParent();
        IngestException e = assertThrows(IngestException.class, () -> ColumnMapping.load(conf));
        assertTrue(e.getMessage().contains("columns.yaml") && e.getMessage().contains("hulpvrom"), e.getMessage());
    }

    @Test
    void missingTableFileNamesTheTable() {
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        delete(in.resolve("JGDRECLASSERINGBUS.csv"));
        IngestException e = assertThrows(IngestException.class, () -> Fixtures.ingest(in, tmp.resolve("work")));
        assertOneLine(e);
        assertTrue(e.getMessage().contains("JGDRECLASSERINGBUS") && e.getMessage().contains("missing input"),
                e.getMessage());
    }

    @Test
    void optionalTableMayBeAbsent() {
        Path conf = write(tmp.resolve("conf/columns.yaml"), lines(
                "tables:", "  JGDRECLASSERINGBUS:", "    required: false")).getParent();
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        delete(in.resolve("JGDRECLASSERINGBUS.csv"));
        IngestReport r = Fixtures.ingest(in, tmp.resolve("work"), conf);
        assertFalse(r.table(Staging.RECLASSERING).present());
        assertTrue(r.passed());
    }

    @Test
    void missingRequiredColumnNamesFileAndColumn() {
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        write(in.resolve("JGDHULPBUS.csv"), lines(
                "RINPERSOONS,RINPERSOON,JGDHGELDIGHEIDBEGINDATUM,JGDHGELDIGHEIDEINDDATUM", "R,000000001,20190101,"));
        IngestException e = assertThrows(IngestException.class, () -> Fixtures.ingest(in, tmp.resolve("work")));
        assertOneLine(e);
        assertTrue(e.getMessage().contains("JGDHULPBUS.csv") && e.getMessage().contains("missing required column JGDHHULPVORM"),
                e.getMessage());
        assertFalse(e.getMessage().contains("000000001"));
    }

    @Test
    void corruptSavNamesTheFile() {
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        delete(in.resolve("GBAPERSOONTAB.csv"));
        write(in.resolve("GBAPERSOONTAB.sav"), "RINPERSOONS,RINPERSOON\nR,000000001\n");
        IngestException e = assertThrows(IngestException.class, () -> Fixtures.ingest(in, tmp.resolve("work")));
        assertOneLine(e);
        assertTrue(e.getMessage().contains("GBAPERSOONTAB.sav") && e.getMessage().contains("unreadable SPSS"),
                e.getMessage());
    }

    @Test
    void truncatedSavNamesTheFile() throws Exception {
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        delete(in.resolve("GBAPERSOONTAB.csv"));
        byte[] full = Files.readAllBytes(Path.of("src/test/resources/ingest/GBAPERSOONTAB.sav"));
        // Cut inside the dictionary: the header is readable only in part.
        Files.write(in.resolve("GBAPERSOONTAB.sav"), java.util.Arrays.copyOf(full, 300));
        IngestException e = assertThrows(IngestException.class, () -> Fixtures.ingest(in, tmp.resolve("work")));
        assertOneLine(e);
        assertTrue(e.getMessage().contains("GBAPERSOONTAB.sav"), e.getMessage());
        // Cut inside the data: found while the cases stream in a Spark task, still reported with the file.
        Files.write(in.resolve("GBAPERSOONTAB.sav"), java.util.Arrays.copyOf(full, full.length - 20));
        IngestException inData = assertThrows(IngestException.class, () -> Fixtures.ingest(in, tmp.resolve("work2")));
        assertOneLine(inData);
        assertTrue(inData.getMessage().contains("GBAPERSOONTAB.sav") && inData.getMessage().contains("after case 2"),
                inData.getMessage());
    }

    @Test
    void corruptParquetNamesTheFile() {
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        delete(in.resolve("VSLGWBTAB.csv"));
        write(in.resolve("VSLGWBTAB.parquet"), "this is not parquet at all, just text\n");
        IngestException e = assertThrows(IngestException.class, () -> Fixtures.ingest(in, tmp.resolve("work")));
        assertOneLine(e);
        assertTrue(e.getMessage().contains("VSLGWBTAB.parquet") && e.getMessage().contains("unreadable Parquet"),
                e.getMessage());
    }

    @Test
    void missingGemColumnsNamesFileAndPrefix() {
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        write(in.resolve("VSLGWBTAB.csv"), lines("SOORTOBJECTNUMMER,RINOBJECTNUMMER,GEMEENTE", "A,100,0599"));
        IngestException e = assertThrows(IngestException.class, () -> Fixtures.ingest(in, tmp.resolve("work")));
        assertTrue(e.getMessage().contains("VSLGWBTAB.csv") && e.getMessage().contains("GEM<year>"), e.getMessage());
    }

    private static void assertOneLine(IngestException e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
