package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.samenloop.engine.Progress;
import nl.samenloop.publish.OutputCheck;
import nl.samenloop.publish.PackageFolder;
import nl.samenloop.storage.FolderLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code samenloop run A.yaml B.yaml …}: several job files in one process, one after another. Each job is its own
 * release (the later ones are protected against the earlier ones, as with separate runs), jobs sharing an input and
 * working area ingest once, a job that fails at run time does not stop the ones after it (the exit code is the first
 * failure's), and a job file that cannot run, or an option that names one job's folder, stops the batch before
 * anything runs.
 */
class BatchRunTest {
    @TempDir
    Path tmp;

    private static CliRun cli(String... args) {
        return CliRun.run(args);
    }

    /** A copy of the shipped referral-sources job with its own name, output and working area. */
    private Path job(String name, Path work) throws Exception {
        String text = Files.readString(Path.of("jobs/referral-sources.yaml"))
                .replace("name: referral-sources", "name: " + name)
                .replace("input: test-data/basic", "input: " + Path.of("test-data/basic").toAbsolutePath())
                .replace("output: out/referral-sources", "output: " + tmp.resolve("out-" + name) + "\nwork: " + work);
        Path f = tmp.resolve(name + ".yaml");
        Files.writeString(f, text);
        return f;
    }

    private static long lines(String text, String fragment) {
        return text.lines().filter(l -> l.contains(fragment)).count();
    }

    @Test
    void severalJobsRunInOrderAsSeparateReleasesIngestOnceAndAFailureDoesNotStopTheOthers() throws Exception {
        Path work = tmp.resolve("work");
        Path a = job("batch-a", work);
        Path b = job("batch-b", work);
        Path c3 = job("batch-c", work);
        Path register = tmp.resolve("register.db");
        CliRun c;
        // Job b fails at run time: another run holds its output folder.
        // Progress lines are read below; tests that start Spark first (SparkTest) silence them for the whole JVM.
        boolean quiet = Boolean.getBoolean("samenloop.quiet");
        Progress.setQuiet(false);
        try (FolderLock held = PackageFolder.lock(tmp.resolve("out-batch-b"), "someone-else", n -> { })) {
            c = cli("--register", register.toString(), "run", a.toString(), b.toString(), c3.toString());
        } finally {
            Progress.setQuiet(quiet);
        }
        assertEquals(Cli.BUSY, c.code(), c.err());
        assertEquals(List.of("package: " + tmp.resolve("out-batch-a"), "audit: PASS",
                "package: " + tmp.resolve("out-batch-c"), "audit: PASS"), c.out().lines().toList());
        for (String name : List.of("batch-a", "batch-c")) {
            assertEquals(PackageFolder.Kind.PACKAGE, PackageFolder.inspect(tmp.resolve("out-" + name)).kind());
            assertTrue(Files.isRegularFile(tmp.resolve("out-" + name).resolve(OutputCheck.FILE)));
        }
        assertFalse(Files.exists(tmp.resolve("out-batch-b").resolve(OutputCheck.FILE)));
        assertTrue(c.err().contains("samenloop: output folder " + tmp.resolve("out-batch-b") + " is in use by job someone-else"),
                c.err());
        assertTrue(c.err().contains("samenloop: 3 jobs run: 2 done, 1 failed: " + b + " (exit 5)"), c.err());
        // One working area, one input: job c reuses what job a staged.
        assertEquals(0, jobLines(c.err(), "batch-c", "reading, checking and staging"), c.err());
        assertEquals(1, jobLines(c.err(), "batch-c", "reusing it"), c.err());
        // Job c is protected against job a's release, as a separate run would be; b released nothing.
        assertEquals(1, jobLines(c.err(), "batch-c", "against 1 earlier release(s)"), c.err());
        CliRun releases = cli("--register", register.toString(), "releases");
        assertEquals(Cli.OK, releases.code(), releases.err());
        assertEquals(1, lines(releases.out(), "batch-a"), releases.out());
        assertEquals(0, lines(releases.out(), "batch-b"), releases.out());
        assertEquals(1, lines(releases.out(), "batch-c"), releases.out());
    }

    private static long jobLines(String err, String job, String fragment) {
        return err.lines().filter(l -> l.startsWith("[" + job + " ") && l.contains(fragment)).count();
    }

    @Test
    void aJobFileThatCannotRunStopsTheBatchBeforeAnythingRuns() throws Exception {
        Path a = job("batch-a", tmp.resolve("work-a"));
        Path missing = tmp.resolve("no-such-job.yaml");
        CliRun c = cli("run", a.toString(), missing.toString());
        assertEquals(Cli.USAGE, c.code(), c.err());
        assertTrue(c.err().contains("samenloop: job file not found: " + missing), c.err());
        assertTrue(c.err().contains("samenloop: nothing was run: 2 job files given, not all of them can run"), c.err());
        assertFalse(Files.exists(tmp.resolve("work-a")));
        assertFalse(Files.exists(tmp.resolve("out-batch-a")));
    }

    @Test
    void optionsNamingOneJobsFoldersAreRefusedWithSeveralJobs() throws Exception {
        Path a = job("batch-a", tmp.resolve("work-a"));
        Path b = job("batch-b", tmp.resolve("work-b"));
        for (String option : List.of("--output", "--work", "--input", "--from")) {
            String value = option.equals("--from") ? "link" : tmp.resolve("x").toString();
            CliRun c = cli("run", a.toString(), b.toString(), option, value);
            assertEquals(Cli.USAGE, c.code(), option + ": " + c.err());
            assertEquals(List.of("samenloop: " + option + " applies to one job; it cannot be given with 2 job files"
                    + " (set it in each job file instead)"), c.err().lines().filter(l -> l.startsWith("samenloop")).toList());
        }
        assertFalse(Files.exists(tmp.resolve("work-a")));
        assertFalse(Files.exists(tmp.resolve("x")));
    }
}
