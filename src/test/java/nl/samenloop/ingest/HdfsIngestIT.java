package nl.samenloop.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import nl.samenloop.engine.Progress;
import nl.samenloop.engine.SparkTest;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.MiniHdfs;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The formats the main job does not use, read from a real HDFS ({@link MiniHdfs}): a yearly folder of SPSS .sav
 * files with a V1/V2 choice, a single .sav, a Parquet folder and a CSV, as {@link FormatsTest} ingests them
 * locally. Discovery lists HDFS, the .sav dictionary is read on the driver through {@code FileSystem.open} and the
 * cases in a task through Spark's Hadoop reader; the report, the staged rows and the rejects (with their file
 * names and row numbers) are those of the local ingest.
 */
class HdfsIngestIT {
    @TempDir
    Path tmp;

    @Test
    void savParquetAndCsvOnHdfsIngestAsLocally() throws Exception {
        Path in = Fixtures.minimalInput(tmp.resolve("in"));
        Files.delete(in.resolve("JGDHULPBUS.csv"));
        Files.delete(in.resolve("GBAPERSOONTAB.csv"));
        Files.delete(in.resolve("JGDBESCHERMBUS.csv"));
        FormatsTest.copyResources(in);
        StructType schema = new StructType().add("RINPERSOONS", DataTypes.StringType)
                .add("RINPERSOON", DataTypes.StringType).add("JGDBMAATREGEL", DataTypes.IntegerType)
                .add("JGDBGELDIGHEIDBEGINDATUM", DataTypes.DoubleType).add("JGDBGELDIGHEIDEINDDATUM", DataTypes.DoubleType);
        SparkTest.spark().createDataFrame(List.of(
                        RowFactory.create("R", "000000001", 11, 20190101.0, null),
                        RowFactory.create("R", "000000002", 99, 20190101.0, 20190201.0),
                        RowFactory.create("R", "000000003", 21, 20190105.0, 20190104.0)), schema)
                .coalesce(1).write().parquet(in.resolve("JGDBESCHERMBUS.parquet").toString());
        IngestReport local = Fixtures.ingest(in, tmp.resolve("work"));

        MiniHdfs hdfs = MiniHdfs.get();
        hdfs.upload(in, "/formats/in");
        Location work = Location.parse(hdfs.uri() + "/formats/work", Path.of(""));
        IngestReport remote = Ingest.run(SparkTest.spark(), Location.parse(hdfs.uri() + "/formats/in", Path.of("")), work,
                Path.of("conf"), new Progress("test"));

        assertTrue(remote.passed());
        assertEquals(List.of("JGDHULP2019BUSV2.sav", "JGDHULP2020BUSV1.sav"), remote.table(Staging.JEUGDHULP).files());
        assertEquals(List.of("2019: JGDHULP2019BUSV2.sav chosen over [JGDHULP2019BUSV1.sav]"),
                remote.table(Staging.JEUGDHULP).versionChoices());
        assertEquals(7, remote.table(Staging.JEUGDHULP).read());
        assertEquals(List.of("GBAPERSOONTAB.sav"), remote.table(Staging.PERSONS).files());
        assertEquals(Files.readString(tmp.resolve("work/quality/report.csv")), hdfs.read("/formats/work/quality/report.csv"));
        assertEquals(Files.readString(tmp.resolve("work/quality/report.md")), hdfs.read("/formats/work/quality/report.md"));
        for (String table : List.of(Staging.JEUGDHULP, Staging.PERSONS, Staging.BESCHERMING, Staging.ADDRESSES)) {
            assertEquals(Fixtures.rejects(tmp.resolve("work"), table), rejects(Staging.rejects(work, table)), table);
            assertEquals(rows(Staging.staged(Location.local(tmp.resolve("work")), table)), rows(Staging.staged(work, table)),
                    table);
        }
        assertEquals(local.table(Staging.BESCHERMING).read(), remote.table(Staging.BESCHERMING).read());
        String file = SparkTest.spark().read().parquet(Staging.rejects(work, Staging.BESCHERMING).spark())
                .first().getAs("file");
        assertTrue(file.startsWith("JGDBESCHERMBUS.parquet/part-"), file);
    }

    /** "row|column|reason" of every reject, as {@link Fixtures#rejects} gives them. */
    static Set<String> rejects(Location dataset) {
        Set<String> out = new TreeSet<>();
        for (Row r : SparkTest.spark().read().parquet(dataset.spark()).collectAsList()) {
            out.add(r.getAs("row") + "|" + r.getAs("column") + "|" + r.getAs("reason"));
        }
        return out;
    }

    static Set<String> rows(Location dataset) {
        Set<String> out = new TreeSet<>();
        for (Row r : SparkTest.spark().read().parquet(dataset.spark()).collectAsList()) {
            out.add(r.toString());
        }
        return out;
    }
}
