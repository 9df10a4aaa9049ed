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
 * test-data/faulty is exactly what the command in test-data/README.md makes, so the shipped data and the
 * generator cannot drift apart unnoticed (basic/ is too large to regenerate in every test run).
 */
class TestDataReproducibleTest {
    @Test
    void faultyFolderIsRegeneratedByteForByte(@TempDir Path d) throws Exception {
        String readme = Files.readString(Path.of("test-data/README.md"));
        String args = "--seed 20240202 --youth 4000 --years 2015-2020 --format csv --split --faults 0.02";
        assertTrue(readme.replaceAll("\\\\\\s*\\n\\s*", " ").contains(args), "README documents the command");
        GenerateCommand.run(("--out " + d + " " + args).split(" "));
        Map<String, byte[]> shipped = Files2.contents(Path.of("test-data/faulty"));
        Map<String, byte[]> fresh = Files2.contents(d);
        assertEquals(shipped.keySet(), fresh.keySet());
        for (String k : shipped.keySet()) {
            assertArrayEquals(shipped.get(k), fresh.get(k), k);
        }
    }
}
