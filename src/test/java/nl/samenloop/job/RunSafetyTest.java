package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import nl.samenloop.job.ShippedJobsEndToEndTest.Captured;
import nl.samenloop.publish.OutputCheck;
import nl.samenloop.publish.PackageFolder;
import nl.samenloop.storage.FolderLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A careless or hostile command line is refused before any work starts — no ingest, no Spark, nothing
 * written to the output folder — with one line saying why: user files in the output folder, output and
 * work nested (also through --output/--work, also in {@code plan}), output in or as the input folder or a
 * system folder, another job's package without --replace, a folder locked by another run (exit 5), and a
 * job file too large to be one.
 */
class RunSafetyTest {
    static final String JOB = "jobs/referral-sources.yaml";

    @TempDir
    Path tmp;

    private static Captured cli(String... args) {
        return ShippedJobsEndToEndTest.capture(() -> Cli.execute(args));
    }

    private static List<String> errors(Captured c) {
        return c.err().lines().filter(l -> l.startsWith("samenloop")).toList();
    }

    /** Nothing was ingested: the working area holds at most the run log. */
    private static void nothingRan(Path work) throws Exception {
        if (Files.exists(work)) {
            try (Stream<Path> s = Files.list(work)) {
                assertEquals(List.of("logs"), s.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }
    }

    @Test
    void userFilesInTheOutputFolderAreRefusedAndKept() throws Exception {
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("audit"));
        Files.createDirectories(out.resolve("tables"));
        Files.writeString(out.resolve("audit/NOTES.txt"), "notes");
        Files.writeString(out.resolve("tables/mine.csv"), "a,b\n");
        Path work = tmp.resolve("work");
        for (String replace : List.of("--fresh", "--replace")) {
            Captured c = cli("run", JOB, "--output", out.toString(), "--work", work.toString(), replace);
            assertEquals(Cli.USAGE, c.code(), c.err());
            assertEquals(List.of("samenloop: output folder " + out + " is not empty and holds no Samenloop package (it holds"
                    + " audit/, audit/NOTES.txt, tables/, tables/mine.csv); Samenloop never deletes files it did not write:"
                    + " choose a new or empty folder"), errors(c));
        }
        assertEquals("notes", Files.readString(out.resolve("audit/NOTES.txt")));
        assertEquals("a,b\n", Files.readString(out.resolve("tables/mine.csv")));
        nothingRan(work);
    }

    @Test
    void workInsideOutputIsRefusedThroughTheCommandLineAndInPlan() throws Exception {
        Path out = tmp.resolve("out");
        for (String command : List.of("run", "plan")) {
            Captured c = cli(command, JOB, "--output", out.toString(), "--work", out.resolve("audit").toString());
            assertEquals(Cli.USAGE, c.code(), c.err());
            assertEquals(List.of("samenloop: work: the secure working area must not be inside the output folder (" + out
                    + "): everything under output may be published"), errors(c));
            Captured same = cli(command, JOB, "--output", out.toString(), "--work", out.toString());
            assertEquals(Cli.USAGE, same.code(), same.err());
            assertEquals(List.of("samenloop: output and work are the same folder; the publication package must be kept"
                    + " apart from the secure working area"), errors(same));
        }
        assertFalse(Files.exists(out), "nothing was created");
    }

    @Test
    void outputInASystemFolderOrInTheInputIsRefusedByPlan() throws Exception {
        Path job = tmp.resolve("job.yaml");
        Files.writeString(job, Files.readString(Path.of(JOB)).replaceFirst("(?m)^output:.*$", "")
                + "output: ../../../../../../../../../../etc\n");
        Captured c = cli("plan", job.toString());
        assertEquals(Cli.USAGE, c.code(), c.err());
        assertTrue(c.err().contains("output: /etc is a system folder"), c.err());

        Path input = Path.of("test-data/basic").toAbsolutePath();
        Captured same = cli("plan", JOB, "--output", input.toString());
        assertEquals(Cli.USAGE, same.code(), same.err());
        assertEquals(List.of("samenloop: output: the publication package folder is the input folder (" + input
                + "); publishing replaces the package folder, so it must be a folder of its own"), errors(same));
        Captured inside = cli("run", JOB, "--output", input.resolve("out").toString(), "--work", tmp.resolve("w").toString());
        assertEquals(Cli.USAGE, inside.code(), inside.err());
        assertTrue(inside.err().contains("must not be inside the input folder"), inside.err());
        assertFalse(Files.exists(input.resolve("out")));
    }

    @Test
    void anotherJobsPackageNeedsReplace() throws Exception {
        Path out = tmp.resolve("out");
        fakePackage(out, "another-job");
        Captured c = cli("run", JOB, "--output", out.toString(), "--work", tmp.resolve("work").toString());
        assertEquals(Cli.USAGE, c.code(), c.err());
        assertEquals(1, errors(c).size(), c.err());
        assertTrue(errors(c).get(0).contains("holds the package of another job (another-job, created 2030-01-01T00:00:00Z);"
                + " add --replace to replace it"), c.err());
        assertEquals(PackageFolder.Kind.PACKAGE, PackageFolder.inspect(out).kind());
        nothingRan(tmp.resolve("work"));
    }

    /** A package folder as Samenloop leaves one: a table, and an output check with its marker and checksum. */
    static void fakePackage(Path out, String job) throws Exception {
        Files.createDirectories(out.resolve("tables"));
        Files.writeString(out.resolve("tables/t.csv"), "indicator,value\nI1,5\n");
        String sum = OutputCheck.sha256(out.resolve("tables/t.csv"));
        Files.writeString(out.resolve(OutputCheck.FILE), "<!-- samenloop-package job=" + job
                + " created=2030-01-01T00:00:00Z -->\n# Output check\n\n## Checksums (SHA-256)\n\n```\n" + sum
                + "  tables/t.csv\n```\n", StandardCharsets.UTF_8);
    }

    @Test
    void aSecondRunOnALockedWorkAreaOrOutputFolderIsRefusedNamingTheHolder() throws Exception {
        Path work = tmp.resolve("work");
        Path out = tmp.resolve("out");
        long pid = ProcessHandle.current().pid();
        try (FolderLock held = FolderLock.workArea(work, "rijnmond-haaglanden-wijkteam", n -> { })) {
            Captured c = cli("run", JOB, "--output", out.toString(), "--work", work.toString());
            assertEquals(Cli.BUSY, c.code(), c.err());
            assertEquals(List.of("samenloop: working area " + work + " is in use by job rijnmond-haaglanden-wijkteam"
                    + " (process " + pid + " on host " + held.holder().host() + ", started " + held.holder().started()
                    + "); wait for it to finish (lock " + work.resolve(".samenloop.lock") + ")"), errors(c));
            assertFalse(Files.exists(work.resolve("staging")));
        }
        // Two runs of one job with different work areas still share the output folder.
        try (FolderLock held = PackageFolder.lock(out, "referral-sources", n -> { })) {
            Captured c = cli("run", JOB, "--output", out.toString(), "--work", tmp.resolve("work2").toString());
            assertEquals(Cli.BUSY, c.code(), c.err());
            assertTrue(errors(c).get(0).startsWith("samenloop: output folder " + out + " is in use by job referral-sources"
                    + " (process " + pid), c.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void aJobFileTooLargeToBeOneIsRefusedBeforeParsing() throws Exception {
        Path big = tmp.resolve("big.yaml");
        byte[] line = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(line, (byte) 'a');
        System.arraycopy("name: ".getBytes(StandardCharsets.UTF_8), 0, line, 0, 6);
        Files.write(big, line);
        long started = System.nanoTime();
        Captured c = cli("plan", big.toString());
        assertTrue(System.nanoTime() - started < 5_000_000_000L, "refused at once");
        assertEquals(Cli.USAGE, c.code(), c.err());
        assertEquals(List.of(big + ": job file is larger than 64 KiB; a job file is a few kilobytes of keys (name:, input:,"
                + " periods:, tables:, ...) — is " + big + " the right file?"), c.err().lines().toList());
        // A device without a size is bounded by what is read, not by what it claims.
        JobSpecException e = assertThrows(JobSpecException.class,
                () -> JobSpecParser.parse(Path.of("/dev/zero"), new RegistryCatalog()));
        assertTrue(e.errors().get(0).startsWith("job file is larger than 64 KiB"), e.errors().toString());
    }
}
