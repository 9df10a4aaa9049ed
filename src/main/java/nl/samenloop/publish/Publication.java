package nl.samenloop.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * The publish stage, in the order that keeps a half-made package from ever standing at the output path:
 * <ol>
 * <li>write the whole package — tables, charts, audit, output check — into a new hidden sibling of the
 * output folder ({@link PackageFolder});</li>
 * <li>scan it ({@link PackageScanner}); a finding withdraws it: the sibling is removed, nothing is
 * published;</li>
 * <li>record the release (the caller's {@link Release} step: the ledger today, a release register later);
 * if that fails, nothing is published;</li>
 * <li>rename it into place in one step.</li>
 * </ol>
 * So a complete-looking package at the output path was always scanned and recorded first. The caller holds
 * the output folder's lock. Whatever stops the run (an error, a full disk, a kill) leaves at most the hidden
 * sibling behind, which the next run removes ({@link PackageFolder#cleanLeftovers}).
 */
public final class Publication {
    /** Records a release; runs after the scan passed and before the package is renamed into place. */
    @FunctionalInterface
    public interface Release {
        void record();
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
            OutputCheck.write(temp, r.info(), r.tables());
            steps.reached("scan");
            scan(temp, r);
            notes.accept("package scan clean");
            steps.reached("scan clean");
            PackageFolder.checkReplaceable(out, r.info().job(), r.replace());
            steps.reached("record release");
            try {
                release.record();
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot record the release (" + Failures.rootCause(e)
                        + "); nothing was published at " + out, e);
            }
            steps.reached("release recorded");
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

    /** The last look: withdraws the package (throws) when it finds anything record-level or a suppressed count. */
    private static void scan(Path dir, Request r) throws IOException {
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
        PackageScanner.Report scan = PackageScanner.scan(dir, suppressed, r.tables());
        if (!scan.clean()) {
            // Findings name a file, a place in it, a kind and a count reference — never a value or a record.
            Path list = r.work().resolve("package-scan-findings.txt");
            Files.createDirectories(r.work());
            Files.write(list, scan.findings().stream().map(Object::toString).toList());
            throw new IllegalStateException("the package scan found " + scan.findings().size()
                    + " finding(s) that look like record-level data or suppressed counts, e.g. "
                    + scan.findings().get(0) + "; all listed in " + list + ". Package withdrawn: nothing was published at "
                    + r.output());
        }
    }
}
