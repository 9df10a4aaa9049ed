package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.samenloop.indicators.TableRequest;
import nl.samenloop.link.LinkSpec;
import nl.samenloop.model.Granularity;
import nl.samenloop.model.Period;
import nl.samenloop.storage.Location;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which engine links and computes the indicators ({@link JobRunner#localEngine}): a local run asking only for
 * indicators the local engine has goes without Spark by default, so the speed-up cannot silently fall away; a
 * cluster master, a working area on HDFS, a kept linked dataset, the responsible-municipality geography, an indicator
 * only Spark has (group comparison), or {@code -Dsamenloop.link=spark} keep Spark.
 */
class LocalEngineChoiceTest {
    private static final Location LOCAL = Location.local(Path.of("/tmp/work"));
    private static final List<TableRequest> I1_TO_I5 = List.of("wijkteam_share", "care_share", "concurrency", "followup",
            "referral").stream().map(i -> new TableRequest(i, i, Map.of(), List.of())).toList();

    private static LinkSpec spec(boolean responsible) {
        return new LinkSpec(Period.range(2019, 2020, Granularity.HALFYEAR), 2020, 0, 22, false, true, null, responsible);
    }

    @AfterEach
    void clear() {
        System.clearProperty(JobRunner.ENGINE);
    }

    @Test
    void localRunsOfI1ToI5AndQualityUseTheLocalEngine() {
        assertTrue(JobRunner.localEngine("local[2]", LOCAL, spec(false), I1_TO_I5, false));
        assertTrue(JobRunner.localEngine("local[*]", LOCAL, spec(false), I1_TO_I5.subList(1, 2), false));
    }

    @Test
    void sparkKeepsWhatTheLocalEngineDoesNotDo() {
        assertFalse(JobRunner.localEngine("spark://127.0.0.1:7077", LOCAL, spec(false), I1_TO_I5, false), "cluster");
        assertFalse(JobRunner.localEngine("local[2]", Location.parse("hdfs://127.0.0.1:9000/work", Path.of("/")), spec(false),
                I1_TO_I5, false), "HDFS working area");
        assertFalse(JobRunner.localEngine("local[2]", LOCAL, spec(false), I1_TO_I5, true), "--keep-linked");
        assertFalse(JobRunner.localEngine("local[2]", LOCAL, spec(true), I1_TO_I5, false), "responsible geography");
        List<TableRequest> withGroups = new java.util.ArrayList<>(I1_TO_I5);
        withGroups.add(new TableRequest("g", "group_comparison", Map.of(), List.of()));
        assertFalse(JobRunner.localEngine("local[2]", LOCAL, spec(false), withGroups, false), "group comparison");
        List<TableRequest> withQuality = new java.util.ArrayList<>(I1_TO_I5);
        withQuality.add(new TableRequest("q", "quality", Map.of(), List.of()));
        assertTrue(JobRunner.localEngine("local[2]", LOCAL, spec(false), withQuality, false), "quality table");
        System.setProperty(JobRunner.ENGINE, "spark");
        assertFalse(JobRunner.localEngine("local[2]", LOCAL, spec(false), I1_TO_I5, false), "-Dsamenloop.link=spark");
        System.setProperty(JobRunner.ENGINE, "local");
        assertTrue(JobRunner.localEngine("spark://127.0.0.1:7077", LOCAL, spec(false), I1_TO_I5, false), "forced local");
    }
}
