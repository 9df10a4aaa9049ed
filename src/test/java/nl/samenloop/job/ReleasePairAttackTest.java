package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.samenloop.attack.PackageAttack;
import nl.samenloop.engine.SparkTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's release pair, run as users run it and attacked as an intruder would: the shipped concurrency
 * request (five municipalities, half-years 2016–2020, pool 2016–2020); the same request with the pool
 * 2016–2019 in the same working folder; and that request once more under another job name in another working
 * folder — all three against one release register. An LP over the three packages' published counts and
 * relations ({@link PackageAttack}, ojAlgo, nothing of Samenloop's solver) must leave every suppressed count of
 * every package at least T = 10 wide. Before the register, the first two packages alone gave two suppressed
 * counts away exactly and narrowed 32 more.
 */
class ReleasePairAttackTest {
    static Path root;

    @BeforeAll
    static void setUp() throws IOException {
        SparkTest.spark();
        root = Files.createTempDirectory("release-pair");
    }

    @Test
    void poolVariantsOfOneRequestStaySafeTogether() throws IOException {
        Path register = root.resolve("register");
        String shipped = Files.readString(Path.of("jobs/concurrency-custom-table.yaml"));
        assertTrue(shipped.contains("pools: [{from: 2016, to: 2020}]"));
        Path samePool2019 = root.resolve("pool-2019.yaml");
        Files.writeString(samePool2019, shipped.replace("pools: [{from: 2016, to: 2020}]", "pools: [{from: 2016, to: 2019}]"));
        Path renamed = root.resolve("renamed.yaml");
        Files.writeString(renamed, Files.readString(samePool2019).replace("name: concurrency-custom-table",
                "name: concurrency-other-name"));

        Path a = root.resolve("a");
        Path b = root.resolve("b");
        Path c = root.resolve("c");
        assertEquals(Cli.OK, Cli.execute("run", "jobs/concurrency-custom-table.yaml", "--output", a.toString(),
                "--work", root.resolve("work").toString(), "--register", register.toString()));
        assertEquals(Cli.OK, Cli.execute("run", samePool2019.toString(), "--output", b.toString(),
                "--work", root.resolve("work").toString(), "--register", register.toString()));
        assertEquals(Cli.OK, Cli.execute("run", renamed.toString(), "--output", c.toString(),
                "--work", root.resolve("other-work").toString(), "--register", register.toString()));
        assertTrue(Files.readString(c.resolve("output-check.md")).contains("earlier releases of the same data: 2"));

        // All three together: a reader of any two knows less, so every pair is covered too.
        List<PackageAttack.Finding> found = new PackageAttack(List.of(a, b, c)).attack();
        assertTrue(found.size() > 300, "suppressed counts attacked: " + found.size());
        for (PackageAttack.Finding f : found) {
            assertTrue(f.width() >= 10, f.toString());
        }
    }
}
