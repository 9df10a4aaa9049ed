package nl.samenloop.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nl.samenloop.disclosure.AuditFiles;
import nl.samenloop.disclosure.Decision;
import nl.samenloop.disclosure.ProtectedTable;
import nl.samenloop.engine.Failures;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;

/**
 * The publish stage, in the order that keeps a half-made package from ever standing at the output path:
 * <ol>
 * <li>write the package's tables, charts and audit into a new hidden sibling of the output folder
 * ({@link PackageFolder}), and its output check into the working area;</li>
 * <li>scan both ({@link PackageScanner}); a finding withdraws the package: the sibling is removed, nothing is
 * published;</li>
 * <li>record the release (the caller's {@link Release} step: the release register);
 * if that fails, nothing is published;</li>
 * <li>put the output check into the package — only now does the folder look like a finished package — and
 * rename it into place in one step.</li>
 * </ol>
 * So no folder, at the output path or beside it, looks like a complete package unless it was scanned and
 * recorded. The caller holds
 * the output folder's lock. Whatever stops the run (an error, a full disk, a kill) leaves at most the hidden
 * sibling behind, which the next run removes ({@link PackageFolder#cleanLeftovers}).
 */
public final class Publication {
    /**
     * Records a release; runs after the scan passed and before the package is renamed into place. Gets the
     * package's output check (its manifest: every file's checksum), whose hash the register keeps.
     */
    @FunctionalInterface
    public interface Release {
        void record(String outputCheck);
    }

    /**
     * @param output  the package folder
     * @param work    the secure working area (internal audit copy, scan findings)
     * @param replace whether another job's package at {@code output} may be replaced
     */
    public record Request(Location output, Location work, PackageInfo info, List<ProtectedTable> tables,
                          List<ChartSpec> charts, boolean replace) {
        public Request(Path output, Path work, PackageInfo info, List<ProtectedTable> tables, List<ChartSpec> charts,
                       boolean replace) {
            this(Location.local(output), Location.local(work), info, tables, charts, replace);
        }
    }

    private Publication() {
    }

    public static void publish(Request r, Release release, Consumer<String> notes) {
        publish(r, release, notes, PackageFolder.Steps.NONE);
    }

    /** As {@link #publish(Request, Release, Consumer)}, telling {@code steps} each step it reaches. */
    public static void publish(Request r, Release release, Consumer<String> notes, PackageFolder.Steps steps) {
        Location out = r.output();
        Location temp = null;
        Location pending = null;
        // Where the writers, the audit and the scan work: the temporary sibling itself on the local disk; for an
        // output folder on HDFS or S3 a private folder on the driver, uploaded into the temporary sibling there
        // before the release is recorded (the same bytes: POI, JFreeChart and the CSV writers write local files).
        Path build = null;
        Path scanCheck = null;
        boolean published = false;
        try {
            steps.reached("start");
            temp = PackageFolder.newTemporary(out);
            build = temp.isLocal() ? temp.local() : Files.createTempDirectory("samenloop-package");
            steps.reached("write tables");
            PackageWriter.write(build, r.info(), r.tables(), r.charts());
            steps.reached("write audit");
            AuditFiles.write(build, r.tables());
            AuditFiles.writeInternal(r.work(), r.info().job(), r.tables());
            steps.reached("write output check");
            // The output check is what makes a folder look like a finished package, so it joins the package only
            // after the scan passed and the release was recorded; until then it waits, and is scanned, in the
            // working area.
            String check = OutputCheck.text(build, r.info(), r.tables());
            pending = r.work().resolve("publish").resolve(r.info().job());
            Storage.deleteTree(pending);
            Storage.createFolders(pending);
            if (pending.isLocal()) {
                Files.writeString(pending.local().resolve(OutputCheck.FILE), check, StandardCharsets.UTF_8);
                scanCheck = pending.local();
            } else {
                Storage.writeString(pending.resolve(OutputCheck.FILE), check);
                scanCheck = Files.createTempDirectory("samenloop-check");
                Files.writeString(scanCheck.resolve(OutputCheck.FILE), check, StandardCharsets.UTF_8);
            }
            steps.reached("scan");
            scan(List.of(build, scanCheck), r);
            notes.accept("package scan clean");
            steps.reached("scan clean");
            if (!temp.isLocal()) {
                upload(build, temp);
            }
            PackageFolder.checkReplaceable(out, r.info().job(), r.replace());
            steps.reached("record release");
            try {
                release.record(check);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot record the release (" + Failures.rootCause(e)
                        + "); nothing was published at " + out, e);
            }
            steps.reached("release recorded");
            Location part = temp.resolve("." + OutputCheck.FILE + ".part");
            if (part.isLocal()) {
                Files.writeString(part.local(), check, StandardCharsets.UTF_8);
            } else {
                Storage.writeString(part, check);
            }
            Storage.rename(part, temp.resolve(OutputCheck.FILE));
            steps.reached("package complete");
            PackageFolder.commit(temp, out, r.info().job(), r.replace(), steps, notes);
            published = true;
            steps.reached("published");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the package " + out + ": " + Failures.rootCause(e)
                    + "; nothing was published", e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot write the package " + out + ": " + Failures.rootCause(e)
                    + "; nothing was published", e.getCause());
        } finally {
            if (pending != null) {
                try {
                    Storage.deleteTree(pending);
                } catch (IOException | RuntimeException e) {
                    // The working area is not published; the next run replaces it.
                }
            }
            if (build != null && temp != null && !temp.isLocal()) {
                deleteQuietly(build);
            }
            if (scanCheck != null && pending != null && !pending.isLocal()) {
                deleteQuietly(scanCheck);
            }
            if (!published && temp != null) {
                try {
                    PackageFolder.discard(temp);
                } catch (IOException | RuntimeException e) {
                    notes.accept("could not remove the unfinished package " + temp + " (" + Failures.rootCause(e)
                            + "); the next run removes it");
                }
            }
        }
    }

    /**
     * Copies the package written on the driver into the temporary sibling on HDFS/S3 and reads every file back:
     * its SHA-256 there must be the one the output check lists, or nothing is published.
     */
    private static void upload(Path build, Location temp) throws IOException {
        Storage.upload(build, temp);
        for (java.util.Map.Entry<String, String> e : OutputCheck.checksums(build).entrySet()) {
            if (!e.getValue().equals(OutputCheck.sha256(temp.resolve(e.getKey())))) {
                throw new IOException(temp.resolve(e.getKey()) + " differs from the file written on the driver after the"
                        + " upload");
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            Storage.deleteTree(dir);
        } catch (IOException | RuntimeException e) {
            // A private temporary folder of aggregate tables; the system's temporary-file cleanup removes it.
        }
    }

    /**
     * The last look, over the package and its output check: withdraws the package (throws) when it finds anything
     * record-level or a suppressed count.
     */
    private static void scan(List<Path> dirs, Request r) throws IOException {
        List<PackageScanner.SuppressedCount> suppressed = new ArrayList<>();
        for (ProtectedTable t : r.tables()) {
            Map<CountRef, Count> counts = t.source().counts();
            for (Decision d : t.decisions().values()) {
                Count c = counts.get(d.ref());
                if (!d.status().shown() && c != null) {
                    suppressed.add(new PackageScanner.SuppressedCount(d.ref(), c.value(), t.source().name()));
                }
            }
        }
        List<PackageScanner.Finding> findings = new ArrayList<>();
        for (Path dir : dirs) {
            findings.addAll(PackageScanner.scan(dir, suppressed, r.tables()).findings());
        }
        if (!findings.isEmpty()) {
            // Findings name a file, a place in it, a kind and a count reference — never a value or a record.
            Location list = r.work().resolve("package-scan-findings.txt");
            Storage.createFolders(r.work());
            if (list.isLocal()) {
                Files.write(list.local(), findings.stream().map(Object::toString).toList());
            } else {
                StringBuilder text = new StringBuilder();
                findings.forEach(f -> text.append(f).append(System.lineSeparator()));
                Storage.writeString(list, text.toString());
            }
            throw new IllegalStateException("the package scan found " + findings.size()
                    + " finding(s) that look like record-level data or suppressed counts, e.g. "
                    + findings.get(0) + "; all listed in " + list + ". Package withdrawn: nothing was published at "
                    + r.output());
        }
    }
}
