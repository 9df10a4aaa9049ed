package nl.samenloop.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.samenloop.model.Reference;

/** Same seed and spec → byte-identical files, whatever the thread count; another seed → other data. */
class GeneratorDeterminismTest {
    static Reference ref;

    @BeforeAll
    static void load() {
        ref = Reference.load(Path.of("conf"));
    }

    private static GeneratorSpec spec(long seed, OutputFormat f, int threads) {
        return GeneratorSpec.defaults(seed, 4_500).withSplit(true, 2018).withFaultRate(0.02).withFormat(f)
                .withThreads(threads);
    }

    private static void assertSameFiles(Map<String, byte[]> a, Map<String, byte[]> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k), b.get(k), k + " differs");
        }
    }

    @Test
    void sameSeedSameBytesCsvAcrossThreadCounts(@TempDir Path d) {
        Generator.generate(spec(11, OutputFormat.CSV, 1), d.resolve("a"), ref);
        Generator.generate(spec(11, OutputFormat.CSV, 3), d.resolve("b"), ref);
        Map<String, byte[]> a = Files2.contents(d.resolve("a"));
        assertTrue(a.size() >= 13, "all tables, yearly files, V2 and manifest: " + a.keySet());
        assertSameFiles(a, Files2.contents(d.resolve("b")));
    }

    @Test
    void sameSeedSameBytesParquetAndSav(@TempDir Path d) {
        for (OutputFormat f : List.of(OutputFormat.PARQUET, OutputFormat.SAV)) {
            Generator.generate(spec(12, f, 1), d.resolve(f + "a"), ref);
            Generator.generate(spec(12, f, 2), d.resolve(f + "b"), ref);
            assertSameFiles(Files2.contents(d.resolve(f + "a")), Files2.contents(d.resolve(f + "b")));
        }
    }

    @Test
    void regeneratingIntoTheSameFolderReplacesTheOutput(@TempDir Path d) throws Exception {
        Generator.generate(spec(13, OutputFormat.CSV, 2).withYears(2015, 2022), d, ref);
        Generator.generate(spec(13, OutputFormat.CSV, 2), d.resolve("fresh"), ref);
        Generator.generate(spec(13, OutputFormat.CSV, 2), d, ref);
        Map<String, byte[]> again = Files2.contents(d);
        again.keySet().removeIf(k -> k.startsWith("fresh"));
        assertSameFiles(Files2.contents(d.resolve("fresh")), again);
        assertFalse(Files.exists(d.resolve("JGDHULPBUS/JGDHULP2022BUSV1.csv")), "stale yearly file removed");
    }

    @Test
    void differentSeedDifferentData(@TempDir Path d) throws Exception {
        Generator.generate(spec(21, OutputFormat.CSV, 2), d.resolve("a"), ref);
        Generator.generate(spec(22, OutputFormat.CSV, 2), d.resolve("b"), ref);
        List<String> a = Files.readAllLines(d.resolve("a/GBAPERSOONTAB.csv"));
        List<String> b = Files.readAllLines(d.resolve("b/GBAPERSOONTAB.csv"));
        assertEquals(4_501, a.size());
        assertEquals(4_501, b.size());
        // pseudonyms depend on the seed: almost no RINPERSOON in common (10^9 possible values)
        Set<String> keysA = new HashSet<>();
        a.stream().skip(1).forEach(l -> keysA.add(l.split(",")[1]));
        long common = b.stream().skip(1).filter(l -> keysA.contains(l.split(",")[1])).count();
        assertTrue(common < 5, "common keys " + common);
        assertEquals(4_500, keysA.size(), "RINPERSOON unique");
        assertFalse(Arrays.equals(Files.readAllBytes(d.resolve("a/JGDHULPBUS/JGDHULP2019BUSV1.csv")),
                Files.readAllBytes(d.resolve("b/JGDHULPBUS/JGDHULP2019BUSV1.csv"))));
    }

    @Test
    void pseudonymsAreUniqueNineDigitsAndNotSequential() {
        Pseudonyms p = new Pseudonyms(5, Seeds.PERSON_ID);
        Set<String> seen = new HashSet<>();
        int ascending = 0;
        String prev = "";
        for (int i = 0; i < 200_000; i++) {
            String s = p.nineDigits(i);
            assertEquals(9, s.length());
            assertTrue(seen.add(s), "unique");
            if (s.compareTo(prev) > 0) {
                ascending++;
            }
            prev = s;
        }
        // a random order rises about half the time; a sequential one always
        assertTrue(ascending > 95_000 && ascending < 105_000, "ascending steps " + ascending);
    }
}
