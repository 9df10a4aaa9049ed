package nl.samenloop.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.samenloop.model.Reference;

/**
 * Yearly files behave as CBS's do: read with "highest version per year, latest year wins" (data-layout.md)
 * they give exactly the spells of the unsplit file of the same seed; earlier files show a later-ending
 * spell as open; V1 of the V2 year lacks records that V2 has.
 */
class SplitConsistencyTest {
    @Test
    void yearlyFilesMergeToTheUnsplitTruth(@TempDir Path d) throws Exception {
        Reference ref = Reference.load(Path.of("conf"));
        GeneratorSpec spec = GeneratorSpec.defaults(5, 3_000);
        GenerationResult split = Generator.generate(spec.withSplit(true, 2017), d.resolve("split"), ref);
        Generator.generate(spec.withSplit(false, 0), d.resolve("one"), ref);
        GeneratedData a = new GeneratedData(d.resolve("split"), 2015, 2020);
        GeneratedData b = new GeneratedData(d.resolve("one"), 2015, 2020);
        assertEquals(b.care, a.care);

        // A spell running from 2016 into 2017 is open in the 2016 file and closed in the 2017 file.
        Map<String, String> end2016 = new HashMap<>();
        for (String[] r : GeneratedData.read(d.resolve("split/JGDHULPBUS/JGDHULP2016BUSV1.csv"))) {
            end2016.put(r[1] + r[2] + r[3] + r[8], r[4]);
        }
        int filledIn = 0;
        for (String[] r : GeneratedData.read(d.resolve("split/JGDHULPBUS/JGDHULP2017BUSV2.csv"))) {
            String before = end2016.get(r[1] + r[2] + r[3] + r[8]);
            if (before != null && r[4].startsWith("2017")) {
                assertTrue(before.isEmpty() || before.equals("88888888"), "2016 file cannot know a 2017 end");
                filledIn++;
            }
        }
        assertTrue(filledIn > 50, "spells crossing 2016/2017 with the end filled in later: " + filledIn);

        long v1 = Files.readAllLines(d.resolve("split/JGDHULPBUS/JGDHULP2017BUSV1.csv")).size();
        long v2 = Files.readAllLines(d.resolve("split/JGDHULPBUS/JGDHULP2017BUSV2.csv")).size();
        assertEquals(v2 - v1, split.lateRecordsMissingFromV1().get("JGDHULPBUS/JGDHULP2017BUSV1.csv"));
        assertTrue(v2 > v1);
        assertEquals(List.of("JGDHULP2015BUSV1.csv", "JGDHULP2016BUSV1.csv", "JGDHULP2017BUSV1.csv",
                "JGDHULP2017BUSV2.csv", "JGDHULP2018BUSV1.csv", "JGDHULP2019BUSV1.csv", "JGDHULP2020BUSV1.csv"),
                Files.list(d.resolve("split/JGDHULPBUS")).map(p -> p.getFileName().toString()).sorted().toList());
    }
}
