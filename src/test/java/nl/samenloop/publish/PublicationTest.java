package nl.samenloop.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish flow: the package appears at the output path only whole, scanned and recorded; a package
 * another job made is replaced only when asked; a file Samenloop did not write is never removed; a scan
 * finding, a failed recording or a full disk publish nothing and leave the previous package as it was.
 */
class PublicationTest {
    @TempDir
    Path tmp;

    static PackageInfo info(String job, Instant created) {
        PackageInfo f = Fixture.info();
        return new PackageInfo(job, f.title(), created, f.dataVersion(), f.classificationYear(), f.dataHorizon(), f.rules(),
                f.auditVerdict(), f.notes());
    }

    static Publication.Request request(Path out, Path work, PackageInfo info, boolean replace) {
        return new Publication.Request(out, work, info, List.of(Fixture.table()), PackageWriterTest.CHARTS, replace);
    }

    static void publish(Path out, Path work, String job, Instant created, boolean replace) {
        Publication.publish(request(out, work, info(job, created), replace), check -> { }, n -> { });
    }

    /** Every name in the folder that holds the output folder (locks, temporary and aside folders included). */
    static List<String> beside(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out.getParent())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void thePackageAppearsOnlyAfterItWasScannedAndRecorded() throws Exception {
        Path out = tmp.resolve("out/job");
        Path work = tmp.resolve("work");
        List<String> seen = new ArrayList<>();
        Publication.publish(request(out, work, Fixture.info(), false), check -> {
            // At the moment of recording: scanned, nothing at the output path, and the package beside it does not
            // look finished yet — its output check waits in the working area.
            seen.add("record");
            assertFalse(Files.exists(out), "nothing at the output path before the release is recorded");
            assertTrue(Files.isRegularFile(PackageFolder.temporary(out).resolve("tables/i2_wijkteam.csv")));
            assertFalse(Files.exists(PackageFolder.temporary(out).resolve(OutputCheck.FILE)));
            assertTrue(Files.isRegularFile(work.resolve("publish/wijkteam-rijnmond").resolve(OutputCheck.FILE)));
        }, seen::add, step -> seen.add("step " + step));
        assertEquals(List.of("step start", "step write tables", "step write audit", "step write output check", "step scan",
                "package scan clean", "step scan clean", "step record release", "record", "step release recorded",
                "step package complete", "step rename into place", "step published"), seen);
        PackageFolder.Contents c = PackageFolder.inspect(out);
        assertEquals(PackageFolder.Kind.PACKAGE, c.kind());
        assertEquals("wijkteam-rijnmond", c.job());
        assertEquals(List.of(), c.foreign());
        assertEquals(List.of("job"), beside(out), "nothing left beside the package");
        assertTrue(Files.isRegularFile(work.resolve("audit/wijkteam-rijnmond/cells-internal.csv")));
        assertFalse(Files.exists(work.resolve("publish/wijkteam-rijnmond")), "the waiting output check is gone");
    }

    @Test
    void ownPackageIsReplacedAnotherJobsOnlyWhenAsked() throws Exception {
        Path out = tmp.resolve("out");
        Path work = tmp.resolve("work");
        publish(out, work, "job-a", Instant.parse("2026-01-01T00:00:00Z"), false);
        publish(out, work, "job-a", Instant.parse("2026-01-02T00:00:00Z"), false);
        assertEquals("2026-01-02T00:00:00Z", PackageFolder.inspect(out).created());

        PackageFolder.Refused e = assertThrows(PackageFolder.Refused.class,
                () -> publish(out, work, "job-b", Instant.parse("2026-01-03T00:00:00Z"), false));
        assertTrue(e.getMessage().contains("holds the package of another job (job-a, created 2026-01-02T00:00:00Z); add"
                + " --replace"), e.getMessage());
        assertEquals("2026-01-02T00:00:00Z", PackageFolder.inspect(out).created(), "left as it was");
        publish(out, work, "job-b", Instant.parse("2026-01-03T00:00:00Z"), true);
        assertEquals("job-b", PackageFolder.inspect(out).job());
        assertEquals(List.of("out", "work"), beside(out));
    }

    @Test
    void filesSamenloopDidNotWriteAreNeverRemovedWithOrWithoutReplace() throws Exception {
        Path work = tmp.resolve("work");
        // The case: an output folder holding the user's own audit notes and table, no package.
        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine.resolve("audit"));
        Files.createDirectories(mine.resolve("tables"));
        Files.writeString(mine.resolve("audit/NOTES.txt"), "my notes");
        Files.writeString(mine.resolve("tables/mine.csv"), "a,b\n1,2\n");
        for (boolean replace : List.of(false, true)) {
            PackageFolder.Refused e = assertThrows(PackageFolder.Refused.class,
                    () -> publish(mine, work, "job-a", Fixture.CREATED, replace));
            assertTrue(e.getMessage().contains("holds no Samenloop package (it holds audit/, audit/NOTES.txt, tables/,"
                    + " tables/mine.csv)"), e.getMessage());
        }
        assertEquals("my notes", Files.readString(mine.resolve("audit/NOTES.txt")));
        assertEquals("a,b\n1,2\n", Files.readString(mine.resolve("tables/mine.csv")));

        // A package with a file added to it, and one with a file changed after it was written.
        Path out = tmp.resolve("out");
        publish(out, work, "job-a", Fixture.CREATED, false);
        Files.writeString(out.resolve("tables/extra.csv"), "x\n");
        PackageFolder.Refused added = assertThrows(PackageFolder.Refused.class,
                () -> publish(out, work, "job-a", Fixture.CREATED.plusSeconds(1), true));
        assertTrue(added.getMessage().contains("also files Samenloop did not write (tables/extra.csv)"), added.getMessage());
        Files.delete(out.resolve("tables/extra.csv"));
        Files.writeString(out.resolve("tables/i2_wijkteam.csv"), "edited\n");
        PackageFolder.Refused changed = assertThrows(PackageFolder.Refused.class,
                () -> publish(out, work, "job-a", Fixture.CREATED.plusSeconds(1), false));
        assertTrue(changed.getMessage().contains("tables/i2_wijkteam.csv (changed after it was written)"), changed.getMessage());
        assertEquals("edited\n", Files.readString(out.resolve("tables/i2_wijkteam.csv")));
    }

    @Test
    void aScanFindingWithdrawsThePackageAndLeavesThePreviousOne() throws Exception {
        Path out = tmp.resolve("out");
        Path work = tmp.resolve("work");
        publish(out, work, "job-a", Instant.parse("2026-01-01T00:00:00Z"), false);
        Map<String, String> before = OutputCheck.checksums(out);
        PackageInfo leaky = info("job-a", Instant.parse("2026-01-02T00:00:00Z"));
        leaky = new PackageInfo(leaky.job(), "Per RINPERSOON", leaky.created(), leaky.dataVersion(), leaky.classificationYear(),
                leaky.dataHorizon(), leaky.rules(), leaky.auditVerdict(), leaky.notes());
        List<String> recorded = new ArrayList<>();
        PackageInfo finalLeaky = leaky;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Publication.publish(
                request(out, work, finalLeaky, false), check -> recorded.add("recorded"), n -> { }));
        assertTrue(e.getMessage().contains("Package withdrawn: nothing was published at " + out), e.getMessage());
        assertTrue(e.getMessage().contains("RECORD_COLUMN"), e.getMessage());
        assertEquals(List.of(), recorded, "a withdrawn package is not recorded as released");
        assertEquals("2026-01-01T00:00:00Z", PackageFolder.inspect(out).created());
        assertEquals(before, OutputCheck.checksums(out));
        assertEquals(List.of("out", "work"), beside(out), "the withdrawn package does not remain anywhere");
        assertTrue(Files.readString(work.resolve("package-scan-findings.txt")).contains("output-check.md"));
    }

    @Test
    void aReleaseThatCannotBeRecordedPublishesNothing() throws Exception {
        Path out = tmp.resolve("out");
        Path work = tmp.resolve("work");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Publication.publish(
                request(out, work, Fixture.info(), false), check -> {
                    throw new IllegalStateException("register unavailable");
                }, n -> { }));
        assertTrue(e.getMessage().startsWith("cannot record the release (IllegalStateException: register unavailable);"
                + " nothing was published at " + out), e.getMessage());
        assertFalse(Files.exists(out));
        assertEquals(List.of("work"), beside(out));
    }

    @Test
    void aFullDiskWhileRecordingIsNamedAndPublishesNothing() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")), "needs /dev/full (Linux)");
        Path out = tmp.resolve("out");
        Path work = tmp.resolve("work");
        // Every write to /dev/full fails with ENOSPC, as a full disk under the release store does.
        Files.createDirectories(work.resolve("releases"));
        Files.createSymbolicLink(work.resolve("releases/log"), Path.of("/dev/full"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Publication.publish(
                request(out, work, Fixture.info(), false), check -> {
                    try {
                        Files.writeString(work.resolve("releases/log"), check);
                    } catch (IOException x) {
                        throw new UncheckedIOException(x);
                    }
                }, n -> { }));
        assertTrue(e.getMessage().startsWith("cannot record the release (no space left on device); nothing was published"),
                e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFullDiskWhileWritingThePackageIsNamedAndKeepsThePreviousPackage() throws Exception {
        Path out = tmp.resolve("out");
        Path work = tmp.resolve("work");
        publish(out, work, "job-a", Instant.parse("2026-01-01T00:00:00Z"), false);
        Map<String, String> before = OutputCheck.checksums(out);
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Publication.publish(
                request(out, work, info("job-a", Instant.parse("2026-01-02T00:00:00Z")), false), check -> { }, n -> { },
                step -> {
                    if (step.equals("write output check")) {
                        // What the file system says when the disk fills up while audit/cells.csv is written.
                        throw new java.nio.file.FileSystemException(out + "/audit/cells.csv: No space left on device");
                    }
                }));
        assertTrue(e.getMessage().equals("cannot write the package " + out + ": no space left on device; nothing was"
                + " published"), e.getMessage());
        assertEquals(before, OutputCheck.checksums(out));
        assertEquals(List.of("out", "work"), beside(out));
    }
}
