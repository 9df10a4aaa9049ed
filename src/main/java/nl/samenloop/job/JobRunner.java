package nl.samenloop.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.samenloop.disclosure.AuditFiles;
import nl.samenloop.disclosure.Decision;
import nl.samenloop.disclosure.Disclosure;
import nl.samenloop.disclosure.DisclosureSummary;
import nl.samenloop.disclosure.Ledger;
import nl.samenloop.disclosure.Profile;
import nl.samenloop.disclosure.ProtectedTable;
import nl.samenloop.engine.Engine;
import nl.samenloop.engine.Progress;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CellTableFiles;
import nl.samenloop.indicators.Count;
import nl.samenloop.indicators.CountRef;
import nl.samenloop.indicators.Indicator;
import nl.samenloop.indicators.Indicators;
import nl.samenloop.indicators.Pool;
import nl.samenloop.indicators.TableRequest;
import nl.samenloop.ingest.Ingest;
import nl.samenloop.ingest.IngestReport;
import nl.samenloop.ingest.Staging;
import nl.samenloop.link.Geography;
import nl.samenloop.link.LinkSpec;
import nl.samenloop.link.LinkedData;
import nl.samenloop.link.Linker;
import nl.samenloop.model.Period;
import nl.samenloop.model.Reference;
import nl.samenloop.publish.ChartSpec;
import nl.samenloop.publish.OutputCheck;
import nl.samenloop.publish.PackageInfo;
import nl.samenloop.publish.PackageScanner;
import nl.samenloop.publish.PackageWriter;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a compiled {@link Plan}: ingest → link → indicators → disclosure → publish. Only the last stage
 * writes into the publication folder, and only after the audit passed.
 */
public final class JobRunner {
    /** What a finished run leaves: the package and the disclosure summary; tables that failed are named. */
    public record Result(Path packageDir, DisclosureSummary summary, List<String> failedTables, IngestReport ingest) {
    }

    /** A table asks for an input column the data does not have: found before linking starts. */
    public static final class MissingInputColumn extends RuntimeException {
        public MissingInputColumn(String message) {
            super(message);
        }
    }

    private JobRunner() {
    }

    public static Result run(Plan plan, Path confDir, String master, Progress progress) {
        return run(plan, confDir, master, false, progress);
    }

    /** @param fresh ingest even when the working area holds staged data of the same, unchanged input */
    public static Result run(Plan plan, Path confDir, String master, boolean fresh, Progress progress) {
        JobSpec job = plan.job();
        Reference ref = Reference.load(confDir);
        Profile profile = Profile.load(confDir, job.disclosure().profile());
        if (job.disclosure().roundTo().isPresent()) {
            profile = profile.withRoundTo(job.disclosure().roundTo().getAsInt());
        }
        Geography geo = new Geography(ref, job.classificationYear(), new LinkedHashSet<>(job.geography().levels()),
                new LinkedHashSet<>(job.geography().regions()), new LinkedHashSet<>(job.geography().municipalities()));
        List<Period> periods = job.periods().periods();
        List<TableRequest> requests = requests(plan, periods);

        progress.stage("plan", plan.stages().size() + " stages, " + requests.size() + " tables");
        SparkSession spark = Engine.session(master, progress);
        String fingerprint = IngestCache.fingerprint(job.input(), confDir);
        IngestReport ingest = fresh ? null : IngestCache.load(job.work(), fingerprint);
        if (ingest != null) {
            progress.stage("ingest", "input unchanged since it was staged in " + job.work() + ": reusing it (run --fresh to ingest again)");
        } else {
            IngestCache.invalidate(job.work());
            ingest = Ingest.run(spark, job.input(), job.work(), confDir, progress);
            IngestCache.save(job.work(), fingerprint, ingest);
        }
        checkColumns(job, requests, ingest);

        LinkSpec spec = new LinkSpec(periods, job.classificationYear(), job.population().minAge(), job.population().maxAge(),
                job.population().ageReference() == JobSpec.AgeReference.PERIOD_START, job.trajectories().mergeOverlapping(),
                job.dataHorizon().orElse(null), job.geography().basis() == JobSpec.GeographyBasis.RESPONSIBLE);
        LinkedData data = Linker.link(spark, job.work(), spec, geo, presentColumns(ingest), ingest.latestYearlyFileYear(), progress);

        List<CellTable> tables = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (TableRequest r : requests) {
            progress.stage("indicator", r.name() + " (" + Indicators.get(r.indicator()).code() + ")");
            try {
                CellTable t = Indicators.get(r.indicator()).compute(data, r);
                // Stage output work:cells/<table> (plan): what disclosure reads; kept for inspection and benchmarks.
                CellTableFiles.write(job.work().resolve("cells").resolve(r.name()), t);
                tables.add(t);
            } catch (RuntimeException e) {
                // One failed table does not lose the others (STYLE habit 6). The message names the table;
                // indicator code never puts record values into exceptions.
                failed.add(r.name() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                progress.stage("indicator", "FAILED " + r.name() + ": " + e.getClass().getSimpleName());
            }
        }
        progress.stage("disclosure", "primary rules, ledger check, secondary suppression, audit");
        Ledger ledger = Ledger.load(job.work());
        String signature = spec.populationSignature();
        List<ProtectedTable> safe = Disclosure.protect(tables, profile, ledger, signature);
        DisclosureSummary summary = Disclosure.summarize(safe, profile);
        summary.lines().forEach(l -> progress.stage("disclosure", l));

        progress.stage("publish", "writing " + job.output());
        PackageInfo info = new PackageInfo(job.name(), job.title().orElse(job.name()), created(), dataVersion(ingest),
                job.classificationYear(), data.dataHorizon(), rules(profile), summary.verdict(), notes(failed));
        write(job, info, safe, charts(plan, requests), progress);
        ledger.record(safe, signature, job.name(), LocalDate.now());
        progress.stage("done", "package " + job.output() + (failed.isEmpty() ? "" : " (" + failed.size() + " table(s) failed)"));
        return new Result(job.output(), summary, failed, ingest);
    }

    private static void write(JobSpec job, PackageInfo info, List<ProtectedTable> safe, List<ChartSpec> charts, Progress progress) {
        try {
            PackageWriter.write(job.output(), info, safe, charts, true);
            AuditFiles.write(job.output(), safe);
            AuditFiles.writeInternal(job.work(), job.name(), safe);
            OutputCheck.write(job.output(), info, safe);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the package " + job.output(), e);
        }
        List<PackageScanner.SuppressedCount> suppressed = new ArrayList<>();
        for (ProtectedTable t : safe) {
            Map<CountRef, Count> counts = t.source().counts();
            for (Decision d : t.decisions().values()) {
                Count c = counts.get(d.ref());
                if (!d.status().shown() && c != null) {
                    suppressed.add(new PackageScanner.SuppressedCount(d.ref(), c.value(), t.source().name()));
                }
            }
        }
        try {
            PackageScanner.Report scan = PackageScanner.scan(job.output(), suppressed, safe);
            if (!scan.clean()) {
                // Findings name a file, a place in it, a kind and a count reference — never a value or a record.
                Path list = job.work().resolve("package-scan-findings.txt");
                Files.createDirectories(job.work());
                Files.write(list, scan.findings().stream().map(Object::toString).toList());
                throw new IllegalStateException("the package scan found " + scan.findings().size()
                        + " finding(s) that look like record-level data or suppressed counts, e.g. "
                        + scan.findings().get(0) + "; all listed in " + list + ". Package withdrawn: remove "
                        + job.output() + " before anything leaves");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.stage("publish", "package scan clean");
    }

    static List<TableRequest> requests(Plan plan, List<Period> periods) {
        List<Pool> pools = plan.job().pools().stream().map(p -> Pool.of(periods, p.from(), p.to())).toList();
        List<TableRequest> out = new ArrayList<>();
        for (Plan.ResolvedTable t : plan.tables()) {
            out.add(new TableRequest(t.table().name(), t.table().indicator(), t.options(), pools));
        }
        return out;
    }

    /** "A missing column is found when the plan is built, not twenty minutes into a run." */
    static void checkColumns(JobSpec job, List<TableRequest> requests, IngestReport ingest) {
        for (TableRequest r : requests) {
            Indicator ind = Indicators.get(r.indicator());
            for (String column : ind.requiredColumns(r)) {
                if (!ingest.hasOptional(Staging.JEUGDHULP, column)) {
                    throw new MissingInputColumn("table '" + r.name() + "' (" + ind.name() + ") needs column "
                            + sourceName(column) + " in " + Staging.JEUGDHULP + ", which " + job.input() + " does not have");
                }
            }
        }
        if (job.geography().basis() == JobSpec.GeographyBasis.RESPONSIBLE && !ingest.hasOptional(Staging.JEUGDHULP, "gemeente")) {
            throw new MissingInputColumn("geography.basis: responsible needs column JGDHGEMEENTE in " + Staging.JEUGDHULP
                    + ", which " + job.input() + " does not have");
        }
    }

    private static String sourceName(String canonical) {
        switch (canonical) {
            case "verwijzer": return "JGDHVERWIJZER";
            case "gemeente": return "JGDHGEMEENTE";
            case "aanbieder": return "JGDHAANBIEDER";
            default: return canonical;
        }
    }

    private static Set<String> presentColumns(IngestReport ingest) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : List.of("verwijzer", "perspectief", "reden", "aanbieder", "gemeente")) {
            if (ingest.hasOptional(Staging.JEUGDHULP, c)) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<ChartSpec> charts(Plan plan, List<TableRequest> requests) {
        List<ChartSpec> out = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            TableRequest r = requests.get(i);
            JobSpec.Chart choice = plan.tables().get(i).table().chart();
            Indicator ind = Indicators.get(r.indicator());
            String measure = ind.chartMeasure(r);
            if (choice == JobSpec.Chart.NONE || measure == null) {
                continue;
            }
            boolean bars = choice == JobSpec.Chart.BAR || (choice == JobSpec.Chart.AUTO && ind.chartAsBars());
            String title = ind.chartTitle(r);
            out.add(bars ? ChartSpec.bars(r.name(), r.name(), measure, title) : ChartSpec.lines(r.name(), r.name(), measure, title));
        }
        return out;
    }

    private static Map<String, String> rules(Profile p) {
        return ProfileRules.of(p);
    }

    private static String dataVersion(IngestReport ingest) {
        StringBuilder sb = new StringBuilder();
        ingest.tables().forEach((name, t) -> {
            if (t.present()) {
                sb.append(sb.length() == 0 ? "" : "; ").append(name).append(": ").append(String.join(", ", t.files().stream()
                        .map(f -> Path.of(f).getFileName().toString()).toList()));
            }
        });
        return sb.toString();
    }

    private static List<String> notes(List<String> failed) {
        List<String> out = new ArrayList<>();
        failed.forEach(f -> out.add("Tabel niet gemaakt: " + f));
        return out;
    }

    /** Reproducible packages: SOURCE_DATE_EPOCH (seconds) fixes the creation time when set. */
    private static Instant created() {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        return epoch != null && epoch.matches("\\d+") ? Instant.ofEpochSecond(Long.parseLong(epoch)) : Instant.ofEpochSecond(Instant.now().getEpochSecond());
    }
}
