package nl.samenloop.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.LineRecordReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LineIndex} against Hadoop's own line reader as the oracle: for a split starting at EVERY byte offset
 * of a file with LF, CRLF and lone-CR line ends, blank lines and no final line end, the first line the reader
 * returns is the one LineIndex names, with its number in the whole file.
 */
class LineIndexTest {
    @TempDir
    java.nio.file.Path tmp;

    @Test
    void firstLineOfEverySplitMatchesHadoopsReader() throws Exception {
        String content = "h1,h2\nR,1\r\nR,2\r\n\r\nR,3\rR,4\n\nR,5\r\rR,6";
        java.nio.file.Path file = Files.write(tmp.resolve("t.csv"), content.getBytes(StandardCharsets.UTF_8));
        long len = Files.size(file);
        List<Long> lineOffsets = new ArrayList<>();
        for (long[] kv : read(file, 0, len)) {
            lineOffsets.add(kv[0]);
        }
        assertEquals(10, lineOffsets.size()); // header, R,1, R,2, blank, R,3, R,4, blank, R,5, blank, R,6
        long[] starts = LongStream.range(0, len).toArray();
        Map<Long, long[]> first = LineIndex.firstLines(file, starts);
        for (long s : starts) {
            List<long[]> fromS = read(file, s, len - s);
            if (fromS.isEmpty()) {
                continue;
            }
            long offset = fromS.get(0)[0];
            long[] expected = {offset, lineOffsets.indexOf(offset)};
            assertNotNull(first.get(s), "split at " + s);
            assertArrayEquals(expected, first.get(s), "split at " + s);
        }
    }

    /** Hadoop's LineRecordReader over one split: the byte offset of every line it returns. */
    private static List<long[]> read(java.nio.file.Path file, long start, long length) throws Exception {
        FileSplit split = new FileSplit(new org.apache.hadoop.fs.Path(file.toUri()), start, length, (String[]) null);
        LineRecordReader r = new LineRecordReader(new JobConf(), split);
        List<long[]> out = new ArrayList<>();
        LongWritable k = r.createKey();
        Text v = r.createValue();
        while (r.next(k, v)) {
            out.add(new long[] {k.get()});
        }
        r.close();
        return out;
    }
}
