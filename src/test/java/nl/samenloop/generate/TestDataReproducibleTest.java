package nl.samenloop.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * test-data/faulty and test-data/rijnmond-haaglanden are exactly what the commands in test-data/README.md make, so
 * the shipped data and the generator cannot drift apart unnoticed (basic/ is too large to regenerate in every test
 * run).
 */
class TestDataReproducibleTest {
    @Test
    void faultyFolderIsRegeneratedByteForByte(@TempDir Path d) throws Exception {
        regenerates("test-data/faulty", "--seed 20240202 --youth 4000 --years 2015-2020 --format csv --split --faults 0.02", d);
    }

    @Test
    void rijnmondHaaglandenFolderIsRegeneratedByteForByte(@TempDir Path d) throws Exception {
        regenerates("test-data/rijnmond-haaglanden", "--seed 20240303 --youth 40000 --years 2015-2020 --format csv --split"
                + " --v2 2019 --random-low-share 0 --municipalities GM0489,GM0501,GM0502,GM0503,GM0518,GM0530,GM0542,"
                + "GM0556,GM0597,GM0599,GM0603,GM0606,GM0613,GM0614,GM0622,GM0626,GM0629,GM0637,GM1621,GM1783,GM1842,"
                + "GM1916,GM1924,GM1926,GM1930", d);
    }

    static void regenerates(String folder, String args, Path d) throws Exception {
        String readme = Files.readString(Path.of("test-data/README.md"));
        assertTrue(readme.replaceAll("\\s*\\\\\\s*\\n\\s*", " ").contains("--out " + folder + " " + args),
                "README documents the command for " + folder);
        GenerateCommand.run(("--out " + d + " " + args).split(" "));
        Map<String, byte[]> shipped = Files2.contents(Path.of(folder));
        Map<String, byte[]> fresh = Files2.contents(d);
        assertEquals(shipped.keySet(), fresh.keySet());
        for (String k : shipped.keySet()) {
            assertArrayEquals(shipped.get(k), fresh.get(k), k);
        }
    }
}
