package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import nl.samenloop.ingest.IngestReport;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.MiniHdfs;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;

/**
 * The ingest cache on HDFS ({@link MiniHdfs}): the input's fingerprint comes from the NameNode's listing (relative
 * name, length, modification time of every file), so an unchanged delivery is recognised and a changed or added file
 * is not; the report saved beside the staged data is read back only with the fingerprint it was saved with.
 */
class IngestCacheHdfsIT {
    @Test
    void anUnchangedInputOnHdfsIsRecognisedAndAChangedOneIsNot() throws Exception {
        MiniHdfs hdfs = MiniHdfs.get();
        FileSystem fs = hdfs.fs();
        String in = "/cache/in";
        write(fs, hdfs.uri() + in + "/JGDHULPBUS/JGDHULP2019BUSV1.csv", "a,b\n1,2\n");
        write(fs, hdfs.uri() + in + "/GBAPERSOONTAB.csv", "a,b\n1,2\n");
        Location input = Location.parse(hdfs.uri() + in, Path.of(""));
        Location work = Location.parse(hdfs.uri() + "/cache/work", Path.of(""));
        Path conf = Path.of("conf");

        String first = IngestCache.fingerprint(input, conf);
        assertNotNull(first);
        assertEquals(first, IngestCache.fingerprint(input, conf), "the same listing, the same fingerprint");
        // A fingerprint names the files relative to the input folder: the same delivery elsewhere is the same input.
        fs.mkdirs(new org.apache.hadoop.fs.Path(hdfs.uri() + "/cache/copy"));
        org.apache.hadoop.fs.FileUtil.copy(fs, new org.apache.hadoop.fs.Path(hdfs.uri() + in), fs,
                new org.apache.hadoop.fs.Path(hdfs.uri() + "/cache/copy/in"), false, fs.getConf());
        for (String f : java.util.List.of("/JGDHULPBUS/JGDHULP2019BUSV1.csv", "/GBAPERSOONTAB.csv")) {
            long t = fs.getFileStatus(new org.apache.hadoop.fs.Path(hdfs.uri() + in + f)).getModificationTime();
            fs.setTimes(new org.apache.hadoop.fs.Path(hdfs.uri() + "/cache/copy/in" + f), t, -1);
        }
        assertEquals(first, IngestCache.fingerprint(Location.parse(hdfs.uri() + "/cache/copy/in", Path.of("")), conf));

        IngestReport report = new IngestReport(new java.util.LinkedHashMap<>());
        fs.mkdirs(new org.apache.hadoop.fs.Path(hdfs.uri() + "/cache/work/staging"));
        IngestCache.save(work, first, report);
        assertNotNull(IngestCache.load(work, first), "reused when the input is unchanged");

        write(fs, hdfs.uri() + in + "/GBAPERSOONTAB.csv", "a,b\n1,2\n3,4\n");
        String changed = IngestCache.fingerprint(input, conf);
        assertNotEquals(first, changed, "a file changed");
        assertNull(IngestCache.load(work, changed), "not reused after a change");
        write(fs, hdfs.uri() + in + "/JGDHULPBUS/JGDHULP2020BUSV1.csv", "a,b\n");
        assertNotEquals(changed, IngestCache.fingerprint(input, conf), "a file added");

        IngestCache.invalidate(work);
        assertNull(IngestCache.load(work, first), "no fingerprint, no reuse");
    }

    private static void write(FileSystem fs, String file, String text) throws Exception {
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(file), true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
