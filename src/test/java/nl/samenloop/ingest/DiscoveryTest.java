package nl.samenloop.ingest;

import static nl.samenloop.ingest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input discovery and CSV dialect detection, without Spark. */
class DiscoveryTest {
    @TempDir
    Path tmp;

    private static final TableSpec JGDH = ColumnMapping.defaults().table(Staging.JEUGDHULP);

    @Test
    void folderOfYearlyFilesKeepsTheHighestVersionPerYear() {
        Path d = tmp.resolve("JGDHULPBUS");
        write(d.resolve("JGDHULP2020BUSV1.sav"), "x");
        write(d.resolve("JGDHULP2019BUSV1.csv"), "x");
        write(d.resolve("JGDHULP2019BUSV3.csv"), "x");
        write(d.resolve("JGDHULP2019BUSV2.csv"), "x");
        write(d.resolve("README.txt"), "ignored: not a data format");
        write(d.resolve("_SUCCESS"), "");
        TableInput in = InputDiscovery.discover(tmp, JGDH);
        assertEquals(List.of("JGDHULP2019BUSV3.csv", "JGDHULP2020BUSV1.sav"),
                in.files().stream().map(SourceFile::name).toList());
        assertEquals(List.of("2019: JGDHULP2019BUSV3.csv chosen over [JGDHULP2019BUSV1.csv, JGDHULP2019BUSV2.csv]"),
                in.versionChoices());
        assertEquals(2020, in.latestYear());
    }

    @Test
    void tableFileMatchesCaseInsensitively() {
        write(tmp.resolve("jgdhulpbus.CSV"), "x");
        TableInput in = InputDiscovery.discover(tmp, JGDH);
        assertEquals(1, in.files().size());
        assertEquals(null, in.latestYear());
    }

    @Test
    void fileAndFolderForOneTableIsAmbiguous() {
        write(tmp.resolve("JGDHULPBUS.csv"), "x");
        write(tmp.resolve("JGDHULPBUS/JGDHULP2019BUSV1.csv"), "x");
        IngestException e = assertThrows(IngestException.class, () -> InputDiscovery.discover(tmp, JGDH));
        assertTrue(e.getMessage().contains("ambiguous"), e.getMessage());
    }

    @Test
    void sameYearAndVersionTwiceIsAmbiguous() {
        write(tmp.resolve("JGDHULPBUS/JGDHULP2019BUSV1.csv"), "x");
        write(tmp.resolve("JGDHULPBUS/JGDHULP2019BUSV1.sav"), "x");
        assertThrows(IngestException.class, () -> InputDiscovery.discover(tmp, JGDH));
    }

    @Test
    void separatorAndEncodingAreDetected() {
        Path semi = write(tmp.resolve("a.csv"), "A;B;\"C,D\"\n1;2;3\n", CsvDialect.CP1252);
        CsvDialect d = CsvDialect.detect(semi);
        assertEquals(';', d.separator());
        assertEquals(List.of("A", "B", "C,D"), d.header());
        assertEquals(StandardCharsets.UTF_8, d.charset(), "pure ASCII is valid UTF-8");
        Path cp = write(tmp.resolve("b.csv"), "A,B\n1,Caf\u00e9\n", CsvDialect.CP1252);
        assertEquals(CsvDialect.CP1252, CsvDialect.detect(cp).charset());
        assertEquals(',', CsvDialect.detect(cp).separator());
        Path utf = write(tmp.resolve("c.csv"), "A,B\n1,Caf\u00e9\n", StandardCharsets.UTF_8);
        assertEquals(StandardCharsets.UTF_8, CsvDialect.detect(utf).charset());
    }

    @Test
    void defaultMappingFollowsTheSpec() {
        ColumnMapping fromFile = ColumnMapping.load(Path.of("conf"));
        assertEquals(ColumnMapping.defaults().tables(), fromFile.tables());
    }
}
