package nl.samenloop.ingest;

import static nl.samenloop.ingest.Fixtures.lines;
import static nl.samenloop.ingest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import nl.samenloop.engine.SparkTest;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The input formats of spec data-layout.md: CSV with ',' or ';' in UTF-8 or Windows-1252, Parquet, and
 * SPSS .sav (real files made by PSPP from src/test/resources/ingest/make-sav.sps), including the yearly
 * folder with a V1/V2 choice and the merge of a spell repeated in a later year's file.
 */
class FormatsTest {
    @TempDir
    Path tmp;

    static final String JGDH_WITH_AANBIEDER = "RINPERSOONS;RINPERSOON;JGDHHULPVORM;JGDHGELDIGHEIDBEGINDATUM;"
            + "JGDHGELDIGHEIDEINDDATUM;JGDHAANBIEDER";

    @Test
    void semicolonSeparatedWindows1252() {
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        write(in.resolve("JGDHULPBUS.csv"), lines(JGDH_WITH_AANBIEDER,
                "R;000000001;01;20190101;;Café Jeugd",
                "R;000000002;02;20190101;;\"Zorg; en meer\""), CsvDialect.CP1252);
        assertEquals(CsvDialect.CP1252, CsvDialect.detect(in.resolve("JGDHULPBUS.csv")).charset());
        Path work = tmp.resolve("work");
        IngestReport r = Fixtures.ingest(in, work);
        List<Row> s = Fixtures.staged(work, Staging.JEUGDHULP, "person");
        assertEquals(List.of("Café Jeugd", "Zorg; en meer"), s.stream().map(x -> (String) x.getAs("aanbieder")).toList());
        assertEquals("aanbieder", String.join(",", r.table(Staging.JEUGDHULP).presentOptional().keySet()));
    }

    @Test
    void commaSeparatedUtf8WithBomAndCrlf() {
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        write(in.resolve("JGDHULPBUS.csv"), "\uFEFF" + JGDH_WITH_AANBIEDER.replace(';', ',') + "\r\n"
                + "R,000000001,01,20190101,,Café Jeugd\r\n"
                + "\r\n"
                + "R,000000002,13,2019010,,Zorg B\r\n");
        assertEquals(java.nio.charset.StandardCharsets.UTF_8, CsvDialect.detect(in.resolve("JGDHULPBUS.csv")).charset());
        Path work = tmp.resolve("work");
        IngestReport r = Fixtures.ingest(in, work);
        List<Row> s = Fixtures.staged(work, Staging.JEUGDHULP, "person");
        assertEquals(List.of("Café Jeugd"), s.stream().map(x -> (String) x.getAs("aanbieder")).toList());
        // The blank line is line 2 of the data and no record; the bad date is on data row 3.
        assertEquals(Set.of("3|JGDHGELDIGHEIDBEGINDATUM|BAD_DATE"), Fixtures.rejects(work, Staging.JEUGDHULP));
        assertEquals(2, r.table(Staging.JEUGDHULP).read());
    }

    @Test
    void savYearlyFolderParquetAndSingleSav() throws Exception {
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        Files.delete(in.resolve("JGDHULPBUS.csv"));
        Files.delete(in.resolve("GBAPERSOONTAB.csv"));
        Files.delete(in.resolve("JGDBESCHERMBUS.csv"));
        copyResources(in);
        // JGDBESCHERMBUS as a Parquet folder with typed columns: a numeric code and dates as doubles.
        StructType schema = new StructType().add("RINPERSOONS", DataTypes.StringType)
                .add("RINPERSOON", DataTypes.StringType).add("JGDBMAATREGEL", DataTypes.IntegerType)
                .add("JGDBGELDIGHEIDBEGINDATUM", DataTypes.DoubleType).add("JGDBGELDIGHEIDEINDDATUM", DataTypes.DoubleType);
        SparkTest.spark().createDataFrame(List.of(
                        RowFactory.create("R", "000000001", 11, 20190101.0, null),
                        RowFactory.create("R", "000000002", 99, 20190101.0, 20190201.0),
                        RowFactory.create("R", "000000003", 21, 20190105.0, 20190104.0)), schema)
                .coalesce(1).write().parquet(in.resolve("JGDBESCHERMBUS.parquet").toString());
        Path work = tmp.resolve("work");
        IngestReport r = Fixtures.ingest(in, work);

        TableReport j = r.table(Staging.JEUGDHULP);
        assertEquals(List.of("JGDHULP2019BUSV2.sav", "JGDHULP2020BUSV1.sav"), j.files());
        assertEquals(List.of("2019: JGDHULP2019BUSV2.sav chosen over [JGDHULP2019BUSV1.sav]"), j.versionChoices());
        // 3 records in 2019 V2 + 4 in 2020 = 7 = 4 accepted + 1 duplicate + 2 merged repeats.
        assertEquals(7, j.read());
        assertEquals(4, j.accepted());
        assertEquals(2, j.mergedRepeats());
        assertEquals(1, j.rejected(Reason.DUPLICATE));
        assertTrue(j.reconciles(), j.identity());
        assertEquals(2020, r.latestYearlyFileYear());
        assertEquals(Set.of("4|(whole record)|DUPLICATE"), Fixtures.rejects(work, Staging.JEUGDHULP));
        List<Row> s = Fixtures.staged(work, Staging.JEUGDHULP, "person");
        // The later year's record wins: its end date was filled in since; person 9 (only in V1) is absent.
        assertEquals(List.of(
                        "1|01|2019-03-01|2020-04-15|Café Jeugd|2020",
                        "2|02|2019-01-01|2019-01-31|Zorg B|2019",
                        "3|11|2019-11-01|2020-01-01|Zorg B|2020",
                        "4|03|2020-02-01|2020-03-01|Zorg B|2020"),
                s.stream().map(x -> x.getAs("person") + "|" + x.getAs("hulpvorm") + "|" + x.getAs("begin") + "|"
                        + x.getAs("end") + "|" + x.getAs("aanbieder") + "|" + x.getAs("source_year")).toList());

        TableReport p = r.table(Staging.PERSONS);
        assertEquals(List.of("GBAPERSOONTAB.sav"), p.files());
        assertEquals(Set.of("3|GBAGEBOORTEDAG|BAD_DATE"), Fixtures.rejects(work, Staging.PERSONS));
        List<Row> persons = Fixtures.staged(work, Staging.PERSONS, "person");
        assertEquals(List.of("1|2010-05-20|NONE", "2|2011-07-01|MONTH_DAY"), persons.stream()
                .map(x -> x.getAs("person") + "|" + x.getAs("birth_date") + "|" + x.getAs("birth_imputed")).toList());

        TableReport b = r.table(Staging.BESCHERMING);
        assertEquals(3, b.read());
        Set<String> rej = Fixtures.rejects(work, Staging.BESCHERMING);
        assertEquals(Set.of("2|JGDBMAATREGEL|UNKNOWN_CODE", "3|JGDBGELDIGHEIDEINDDATUM|END_BEFORE_BEGIN"), rej);
        Row ok = Fixtures.staged(work, Staging.BESCHERMING, "person").get(0);
        assertEquals("11", ok.getAs("maatregel"));
        assertEquals(LocalDate.of(2019, 1, 1), ((java.sql.Date) ok.getAs("begin")).toLocalDate());
        assertNull(ok.getAs("end"));
        String file = SparkTest.spark().read().parquet(Staging.rejects(work, Staging.BESCHERMING).toString())
                .first().getAs("file");
        assertTrue(file.startsWith("JGDBESCHERMBUS.parquet/part-"), file);
        assertTrue(r.passed());
    }

    /** Copies the committed .sav fixtures (made by make-sav.sps) into the input folder. */
    static void copyResources(Path in) throws Exception {
        Path res = Path.of("src/test/resources/ingest");
        try (Stream<Path> files = Files.walk(res)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".sav")).toList()) {
                Path target = in.resolve(res.relativize(p).toString());
                Files.createDirectories(target.getParent());
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
