package nl.samenloop.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import nl.samenloop.generate.FaultType;
import nl.samenloop.generate.GenerateCommand;
import nl.samenloop.generate.GenerationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential check against the synthetic-data generator: every fault it injected (its manifest counts
 * them per file) must come back as exactly one reject of the matching reason, and its NOT_LINKABLE records
 * as the not-linkable count — summed over the files ingest chose (the superseded V1 is not read).
 */
class GeneratorDifferentialTest {
    @TempDir
    Path tmp;

    @Test
    void rejectCountsEqualInjectedFaults() {
        Path in = tmp.resolve("in");
        GenerationResult g = GenerateCommand.run("--out", in.toString(), "--youth", "1500", "--years", "2018-2020",
                "--faults", "0.05", "--v2", "2018", "--format", "sav", "--seed", "7");
        IngestReport r = Fixtures.ingest(in, tmp.resolve("work"));
        assertTrue(r.passed());
        for (String table : new String[] {Staging.JEUGDHULP, Staging.BESCHERMING, Staging.RECLASSERING}) {
            TableReport t = r.table(table);
            Map<FaultType, Long> injected = new java.util.EnumMap<>(FaultType.class);
            for (String file : t.files()) {
                // Files in a table folder are keyed "TABLE/file" in the manifest, single files by their name.
                String key = g.faultsPerFile().containsKey(table + "/" + file) ? table + "/" + file : file;
                Map<FaultType, Long> f = g.faultsPerFile().getOrDefault(key, Map.of());
                f.forEach((k, v) -> injected.merge(k, v, Long::sum));
            }
            if (table.equals(Staging.JEUGDHULP)) {
                // The small measure tables may draw no fault at this size; the big one always does.
                assertTrue(injected.values().stream().mapToLong(Long::longValue).sum() > 20, "too few faults injected");
            }
            assertEquals(injected.getOrDefault(FaultType.MISSING_KEY, 0L), t.rejected(Reason.MISSING_KEY), table);
            assertEquals(injected.getOrDefault(FaultType.IMPOSSIBLE_DATE, 0L), t.rejected(Reason.BAD_DATE), table);
            assertEquals(injected.getOrDefault(FaultType.END_BEFORE_BEGIN, 0L), t.rejected(Reason.END_BEFORE_BEGIN), table);
            assertEquals(injected.getOrDefault(FaultType.UNKNOWN_CODE, 0L), t.rejected(Reason.UNKNOWN_CODE), table);
            assertEquals(injected.getOrDefault(FaultType.DUPLICATE, 0L), t.rejected(Reason.DUPLICATE), table);
            assertEquals(injected.getOrDefault(FaultType.NOT_LINKABLE, 0L), t.notLinkable(), table);
        }
        assertEquals(g.persons(), r.table(Staging.PERSONS).accepted());
        assertEquals(2020, r.latestYearlyFileYear());
    }
}
