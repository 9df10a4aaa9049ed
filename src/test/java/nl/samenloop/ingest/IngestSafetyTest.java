package nl.samenloop.ingest;

import static nl.samenloop.ingest.Fixtures.lines;
import static nl.samenloop.ingest.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import nl.samenloop.engine.SparkTest;
import nl.samenloop.job.Cli;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that ingest used to mishandle: a failed ingest that left the previous PASS report beside a mix of
 * staged tables; CSV records with a quoted line break or the wrong number of fields; a yearly file dated in
 * the future; failures inside Spark tasks that reached the user as a stack trace, or named the table folder
 * instead of the file.
 */
class IngestSafetyTest {
    @TempDir
    Path tmp;

    private static final byte[] SAV = read(Path.of("src/test/resources/ingest/GBAPERSOONTAB.sav"));

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every file under the folder with its SHA-256: what a reader of staging/ would see. */
    private static Map<String, String> tree(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(),
                        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

    @Test
    void aFailedIngestKeepsThePreviousStagingAndItsReportSaysFailed() throws Exception {
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        Path work = tmp.resolve("work");
        assertTrue(Fixtures.ingest(in, work).passed());
        Map<String, String> staged = tree(work.resolve("staging"));
        Map<String, String> rejects = tree(work.resolve("rejects"));
        assertTrue(staged.keySet().stream().anyMatch(k -> k.startsWith(Staging.JEUGDHULP + "/")), staged.toString());

        // A new delivery: other care records, and a persons file cut off inside its data, found in a Spark task after
        // the care tables were staged.
        write(in.resolve("JGDHULPBUS.csv"), lines(Fixtures.JGDH_HEADER, "R,000000002,02,20200101,20200630"));
        Files.delete(in.resolve("GBAPERSOONTAB.csv"));
        Files.write(in.resolve("GBAPERSOONTAB.sav"), java.util.Arrays.copyOf(SAV, SAV.length - 20));
        IngestException e = assertThrows(IngestException.class, () -> Fixtures.ingest(in, work));
        assertTrue(e.getMessage().contains("GBAPERSOONTAB.sav") && e.getMessage().contains("after case 2"), e.getMessage());

        assertEquals(staged, tree(work.resolve("staging")), "staging/ is the previous ingest's, every table of it");
        assertEquals(rejects, tree(work.resolve("rejects")));
        assertFalse(Files.exists(work.resolve(StagingGeneration.NEXT)), "the unfinished generation is removed");
        String md = Files.readString(Staging.quality(work).resolve("report.md"));
        assertTrue(md.startsWith("# Ingest data-quality report\n\nOverall: **FAILED** — " + e.getMessage() + "\n"), md);
        assertFalse(md.contains("PASS"), md);
        String csv = Files.readString(Staging.quality(work).resolve("report.csv"));
        assertTrue(csv.endsWith("ALL,reconciliation,FAILED\nALL,failure," + e.getMessage() + "\n"), csv);

        // The next good delivery replaces it all.
        Files.delete(in.resolve("GBAPERSOONTAB.sav"));
        write(in.resolve("GBAPERSOONTAB.csv"), lines("RINPERSOONS,RINPERSOON,GBAGESLACHT,GBAGEBOORTEJAAR,GBAGEBOORTEMAAND,"
                + "GBAGEBOORTEDAG", "R,000000002,1,2010,05,20"));
        assertTrue(Fixtures.ingest(in, work).passed());
        assertEquals(List.of(2L), Fixtures.staged(work, Staging.JEUGDHULP, "person").stream()
                .map(r -> (Long) r.getAs("person")).toList());
        assertTrue(Files.readString(Staging.quality(work).resolve("report.md")).contains("Overall: **PASS**"));
    }

    @Test
    void aQuotedFieldWithLineBreaksIsOneRecordOnTheRowItStartsOn() {
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        // Line 1-2: one record whose provider name holds a line break; line 3: an unknown hulpvorm; line 4: quotes
        // and a separator inside a quoted field; line 5-7: a CRLF break and a blank line inside quotes.
        write(in.resolve("JGDHULPBUS.csv"), Fixtures.JGDH_HEADER + ",JGDHAANBIEDER\n"
                + "R,000000001,01,20190101,,\"Zorg\nen meer\"\n"
                + "R,000000002,99,20190101,,B\n"
                + "R,000000003,02,20190101,,\"A \"\"quoted\"\", name\"\n"
                + "R,000000004,03,20190101,,\"x\r\n\r\ny\"\n"
                + "R,000000005,14,20190101,,\n");
        Path work = tmp.resolve("work");
        IngestReport r = Fixtures.ingest(in, work);
        TableReport t = r.table(Staging.JEUGDHULP);
        assertEquals(5, t.read());
        assertEquals(4, t.accepted());
        assertEquals(Set.of("3|JGDHHULPVORM|UNKNOWN_CODE"), Fixtures.rejects(work, Staging.JEUGDHULP));
        assertEquals(List.of("1|Zorg\nen meer", "3|A \"quoted\", name", "4|x\r\n\r\ny", "5|null"),
                Fixtures.staged(work, Staging.JEUGDHULP, "person").stream()
                        .map(x -> x.getAs("person") + "|" + x.getAs("aanbieder")).toList());
    }

    @Test
    void aRecordWithMoreOrFewerFieldsThanTheHeaderIsRejectedWithItsOwnReason() throws Exception {
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        write(in.resolve("JGDHULPBUS.csv"), lines(Fixtures.JGDH_HEADER,
                "R,000000001,01,20190101,20190630",
                "R,000000002,01,20190101,20190630,EXTRA",
                "R,000000003,01,20190101",
                "R,000000004,01,20190101,\"20190630,x\""));
        Path work = tmp.resolve("work");
        IngestReport r = Fixtures.ingest(in, work);
        assertEquals(2, r.table(Staging.JEUGDHULP).rejected(Reason.WRONG_FIELD_COUNT));
        Set<String> details = new TreeSet<>();
        for (Row x : SparkTest.spark().read().parquet(Staging.rejects(work, Staging.JEUGDHULP).toString()).collectAsList()) {
            details.add(x.getAs("row") + "|" + x.getAs("column") + "|" + x.getAs("reason") + "|" + x.getAs("detail"));
        }
        assertEquals(Set.of("2|(whole record)|WRONG_FIELD_COUNT|6 fields where the header has 5",
                "3|(whole record)|WRONG_FIELD_COUNT|4 fields where the header has 5",
                "4|JGDHGELDIGHEIDEINDDATUM|BAD_DATE|JGDHGELDIGHEIDEINDDATUM not a valid YYYYMMDD date"), details);
        assertTrue(Files.readString(Staging.quality(work).resolve("report.csv")).contains("JGDHULPBUS,rejected_WRONG_FIELD_COUNT,2\n"));
    }

    @Test
    void aYearlyFileDatedAfterTodayStopsIngest() {
        int future = LocalDate.now().getYear() + 5;
        SparkTest.spark();
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        try {
            Files.delete(in.resolve("JGDHULPBUS.csv"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        write(in.resolve("JGDHULPBUS/JGDHULP2019BUSV1.csv"), lines(Fixtures.JGDH_HEADER, "R,000000001,01,20190101,20190630"));
        Path bad = write(in.resolve("JGDHULPBUS/JGDHULP" + future + "BUSV1.csv"),
                lines(Fixtures.JGDH_HEADER, "R,000000001,01,20190101,"));
        IngestException e = assertThrows(IngestException.class,
                () -> InputDiscovery.discover(in, ColumnMapping.defaults().table(Staging.JEUGDHULP)));
        assertEquals(bad + ": a yearly file for " + future + ", which lies after today (" + LocalDate.now()
                + "); remove or rename it (the year is read from the file name)", e.getMessage());
        // Through the command line: exit 3, one line.
        CapturedErr c = CapturedErr.of(() -> Cli.execute("ingest", "--input", in.toString(), "--work", tmp.resolve("w").toString()));
        assertEquals(Cli.BAD_INPUT, c.code, c.err);
        assertEquals(List.of("samenloop: " + e.getMessage()), c.err.lines().toList());
    }

    @Test
    void aCorruptParquetDataPageIsReportedAgainstItsFileNotTheTableFolder() throws Exception {
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        Files.delete(in.resolve("VSLGWBTAB.csv"));
        StructType schema = new StructType().add("SOORTOBJECTNUMMER", DataTypes.StringType)
                .add("RINOBJECTNUMMER", DataTypes.StringType).add("GEM2019", DataTypes.StringType);
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            rows.add(RowFactory.create("A", String.valueOf(100 + i), String.format("%04d", i % 400)));
        }
        Path folder = in.resolve("VSLGWBTAB");
        SparkTest.spark().createDataFrame(rows, schema).coalesce(1).write().option("compression", "none")
                .parquet(folder.toString());
        Path part;
        try (Stream<Path> s = Files.list(folder)) {
            part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        try (Stream<Path> s = Files.list(folder)) {
            for (Path crc : s.filter(p -> p.getFileName().toString().endsWith(".crc")).toList()) {
                Files.delete(crc); // a delivery has no Hadoop checksum files: the damage is found by decoding the pages
            }
        }
        byte[] b = Files.readAllBytes(part);
        // Overwrite the middle of the data (the footer at the end stays readable): pages no longer decode.
        for (int i = b.length / 4; i < b.length / 2; i++) {
            b[i] = (byte) 0xFF;
        }
        Files.write(part, b);
        IngestException e = assertThrows(IngestException.class, () -> Fixtures.ingest(in, tmp.resolve("work")));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith(part + ": unreadable file of table VSLGWBTAB ("), e.getMessage());
    }

    @Test
    void aFailureInsideASparkTaskIsOneLineOnStderrAndItsTraceGoesToTheRunLog() throws Exception {
        SparkTest.spark();
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        Files.delete(in.resolve("GBAPERSOONTAB.csv"));
        Files.write(in.resolve("GBAPERSOONTAB.sav"), java.util.Arrays.copyOf(SAV, SAV.length - 20));
        Path work = tmp.resolve("work");
        CapturedErr c = CapturedErr.of(() -> Cli.execute("ingest", "--input", in.toString(), "--work", work.toString()));
        assertEquals(Cli.BAD_INPUT, c.code, c.err);
        assertEquals(List.of("samenloop: " + in.resolve("GBAPERSOONTAB.sav") + ": unreadable SPSS .sav file after case 2"
                + " (EOFException)"), c.err.lines().toList());
        // Spark's own report of the failed task (its executor logs it at ERROR with the trace) went to the run log,
        // not to the console: while the command ran, no logger wrote to stderr.
        String log = Files.readString(work.resolve("logs/samenloop.log"));
        assertTrue(log.contains("ERROR Executor") && log.contains("Exception in task")
                && log.contains("\tat nl.samenloop.ingest.SavReader"), log);
        assertFalse(log.contains("000000001"), "no person key in the log");
        // Afterwards the console is back (the test configuration's appender).
        org.apache.logging.log4j.core.LoggerContext ctx =
                (org.apache.logging.log4j.core.LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
        assertEquals(Set.of("console"), ctx.getConfiguration().getRootLogger().getAppenders().keySet());
    }

    @Test
    void aFullDiskWhileStagingNamesTheWorkingArea() {
        // As Spark reports a task whose staged Parquet output could not be written.
        Exception fromTask = new org.apache.spark.SparkException("Job aborted due to stage failure: Task 0 failed",
                new java.io.IOException("No space left on device"));
        IngestException e = Ingest.taskFailure(fromTask, tmp.resolve("in"), tmp.resolve("work/.ingest-next"), "GBAPERSOONTAB");
        assertEquals(tmp.resolve("work/.ingest-next") + ": no space left on device while staging table GBAPERSOONTAB; free"
                + " space in the working area and run again", e.getMessage());
    }

    /** Exit code and stderr of a command (Spark's own logging included, which goes to System.err by default). */
    record CapturedErr(int code, String err) {
        static CapturedErr of(java.util.function.IntSupplier run) {
            PrintStream old = System.err;
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            try {
                int code = run.getAsInt();
                return new CapturedErr(code, buf.toString(StandardCharsets.UTF_8));
            } finally {
                System.setErr(old);
            }
        }
    }
}
