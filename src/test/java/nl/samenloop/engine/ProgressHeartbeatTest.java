package nl.samenloop.engine;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long stage is never silent: a heartbeat line names it and counts the rows Spark read in it so far. */
class ProgressHeartbeatTest {

    static List<String> lines(ByteArrayOutputStream buf) {
        return buf.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aSilentStageGetsLinesWithTheRowsSparkReadInIt(@TempDir Path d) throws Exception {
        SparkSession spark = SparkTest.spark();
        String file = d.resolve("rows").toString();
        // 12,345 rows in three files, written before the stage starts: neither the write nor earlier jobs count.
        spark.range(12_345).repartition(3).write().parquet(file);

        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (Progress p = new Progress("test", new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            p.heartbeat(Duration.ofMillis(400));
            p.stage("lezen", "begin");
            // Every row is read (the filter needs each id); 12,345 / 7 rounded up pass it.
            assertEquals(1_764, spark.read().parquet(file).where(col("id").mod(7).equalTo(0)).count());
            Thread.sleep(1_500);
        }
        List<String> beats = lines(buf).stream().filter(l -> l.contains("still running")).toList();
        assertTrue(!beats.isEmpty(), lines(buf).toString());
        String last = beats.get(beats.size() - 1);
        assertTrue(last.matches("\\[test +\\d+:\\d\\d\\.\\d\\] lezen +still running \\(\\d+:\\d\\d in this stage\\): 12,345 rows"
                + " read, 0 written"), last);
    }

    @Test
    void noHeartbeatWhileLinesComeAndNoneAfterClose() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Progress p = new Progress("test", new PrintStream(buf, true, StandardCharsets.UTF_8)).heartbeat(Duration.ofMillis(1_500));
        for (int i = 0; i < 6; i++) {
            p.stage("werk", "stap " + i);
            Thread.sleep(100);
        }
        assertEquals(6, lines(buf).size(), "a line every 100 ms leaves no silence of 1.5 s: " + lines(buf));
        Thread.sleep(2_500);
        int withBeats = lines(buf).size();
        assertTrue(withBeats > 6, "2.5 s of silence gets a heartbeat: " + lines(buf));
        assertTrue(lines(buf).get(6).contains("werk") && lines(buf).get(6).contains("still running"), lines(buf).get(6));
        p.close();
        Thread.sleep(1_800);
        assertEquals(withBeats, lines(buf).size(), "closed: silent");
    }

    @Test
    void startingSparkIsAnnounced() {
        SparkTest.spark();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (Progress p = new Progress("test", new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            Engine.session("local[2]", p);
        }
        List<String> lines = lines(buf);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("\\[test +\\S+\\] spark +starting Spark on local\\[2\\] \\.\\.\\."), lines.get(0));
        assertTrue(lines.get(1).matches("\\[test +\\S+\\] spark +ready after \\d+\\.\\d s: local\\[2\\], 2 cores"), lines.get(1));
    }
}
