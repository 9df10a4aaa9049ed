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
    public record Request(Path output, Path work, PackageInfo info, List<ProtectedTable> tables, List<ChartSpec> charts,
                          boolean replace) {
    }

    private Publication() {
    }

    public static void publish(Request r, Release release, Consumer<String> notes) {
        publish(r, release, notes, PackageFolder.Steps.NONE);
    }

    /** As {@link #publish(Request, Release, Consumer)}, telling {@code steps} each step it reaches. */
    public static void publish(Request r, Release release, Consumer<String> notes, PackageFolder.Steps steps) {
        Path out = r.output();
        Path temp = null;
        Path pending = null;
        boolean published = false;
        try {
            steps.reached("start");
            temp = PackageFolder.newTemporary(out);
            steps.reached("write tables");
            PackageWriter.write(temp, r.info(), r.tables(), r.charts());
            steps.reached("write audit");
            AuditFiles.write(temp, r.tables());
            AuditFiles.writeInternal(r.work(), r.info().job(), r.tables());
            steps.reached("write output check");
            // The output check is what makes a folder look like a finished package, so it joins the package only
            // after the scan passed and the release was recorded; until then it waits, and is scanned, in the
            // working area.
            String check = OutputCheck.text(temp, r.info(), r.tables());
            pending = r.work().resolve("publish").resolve(r.info().job());
            Storage.deleteTree(pending);
            Storage.createFolders(pending);
            Files.writeString(pending.resolve(OutputCheck.FILE), check, StandardCharsets.UTF_8);
            steps.reached("scan");
            scan(List.of(temp, pending), r);
            notes.accept("package scan clean");
            steps.reached("scan clean");
            PackageFolder.checkReplaceable(out, r.info().job(), r.replace());
            steps.reached("record release");
            try {
                release.record(check);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot record the release (" + Failures.rootCause(e)
                        + "); nothing was published at " + out, e);
            }
            steps.reached("release recorded");
            Path part = temp.resolve("." + OutputCheck.FILE + ".part");
            Files.writeString(part, check, StandardCharsets.UTF_8);
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
            Path list = r.work().resolve("package-scan-findings.txt");
            Files.createDirectories(r.work());
            Files.write(list, findings.stream().map(Object::toString).toList());
            throw new IllegalStateException("the package scan found " + findings.size()
                    + " finding(s) that look like record-level data or suppressed counts, e.g. "
                    + findings.get(0) + "; all listed in " + list + ". Package withdrawn: nothing was published at "
                    + r.output());
        }
    }
}
