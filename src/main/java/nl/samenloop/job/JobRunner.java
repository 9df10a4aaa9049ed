package nl.samenloop.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import nl.samenloop.disclosure.Disclosure;
import nl.samenloop.disclosure.DisclosureSummary;
import nl.samenloop.disclosure.DisclosureRefused;
import nl.samenloop.disclosure.History;
import nl.samenloop.disclosure.ProtectionFiles;
import nl.samenloop.disclosure.Profile;
import nl.samenloop.disclosure.ProtectedTable;
import nl.samenloop.engine.Engine;
import nl.samenloop.engine.Progress;
import nl.samenloop.indicators.CellTable;
import nl.samenloop.indicators.CellTableFiles;
import nl.samenloop.indicators.Indicator;
import nl.samenloop.indicators.Indicators;
import nl.samenloop.indicators.LocalTables;
import nl.samenloop.indicators.Pool;
import nl.samenloop.indicators.TableRequest;
import nl.samenloop.ingest.Ingest;
import nl.samenloop.ingest.IngestReport;
import nl.samenloop.ingest.Staging;
import nl.samenloop.link.Geography;
import nl.samenloop.link.LinkSpec;
import nl.samenloop.link.LinkedData;
import nl.samenloop.link.LinkedDataFiles;
import nl.samenloop.link.Linker;
import nl.samenloop.link.LocalLink;
import nl.samenloop.link.LocalLinked;
import nl.samenloop.model.Period;
import nl.samenloop.model.Reference;
import nl.samenloop.publish.ChartSpec;
import nl.samenloop.publish.PackageFolder;
import nl.samenloop.publish.PackageInfo;
import nl.samenloop.publish.Publication;
import nl.samenloop.register.Publisher;
import nl.samenloop.register.RegisterLocation;
import nl.samenloop.register.ReleaseRegister;
import nl.samenloop.storage.FolderLock;
import nl.samenloop.storage.FolderRules;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.StageStore;
import nl.samenloop.job.Plan.StageKind;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a compiled {@link Plan}: ingest → link → indicators → disclosure → publish. Only the last stage
 * writes into the publication folder, and only after the audit passed.
 *
 * <p>Before any work starts, the folders are checked ({@link FolderRules}; the output folder must be new,
 * empty, or hold this job's package — another job's only with {@code replace}) and locked: the working area
 * and the output folder each admit one run at a time ({@link FolderLock}). Publishing writes the package
 * beside the output folder and renames it into place only after the package scan passed and the release
 * was recorded ({@link Publication}, {@link #recordRelease}).
 */
public final class JobRunner {
    /** What a finished run leaves: the package and the disclosure summary; tables that failed are named. */
    public record Result(Location packageDir, DisclosureSummary summary, List<String> failedTables, IngestReport ingest) {
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

    public static Result run(Plan plan, Path confDir, String master, boolean fresh, Progress progress) {
        return run(plan, confDir, master, fresh, false, null, progress);
    }

    public static Result run(Plan plan, Path confDir, String master, boolean fresh, boolean replace, String register,
                             Progress progress) {
        return run(plan, confDir, master, fresh, null, replace, false, register, progress);
    }

    /** {@code run --from STAGE} cannot resume: an output it needs is stale or missing. One line, exit code 2. */
    public static final class CannotResume extends IllegalArgumentException {
        CannotResume(String message) {
            super(message);
        }
    }

    /**
     * @param fresh    ingest even when the working area holds staged data of the same, unchanged input
     * @param from     null: a whole run (the staged data reused when current); else resume from this stage: the
     *                 outputs of the stages before it are reused, and must be current ({@link CannotResume})
     * @param replace  the output folder may hold another job's package, which the new one replaces
     * @param keepLinked keep the linked data in the working area ({@code work:linked/<job>}), so that a later
     *                 {@code run --from indicators} can start from it. Off by default: writing it costs about as
     *                 much as linking (every linked dataset is computed and encoded, also those no table of this job
     *                 reads; issue 18 note), and the cell tables and protection that {@code --from disclosure|publish}
     *                 need are kept either way
     * @param register the release register (a folder, an .db file or a jdbc:postgresql: URL); null: as
     *                 {@link RegisterLocation#resolve} finds it from the environment and {@code conf/}
     */
    public static Result run(Plan plan, Path confDir, String master, boolean fresh, StageKind from, boolean replace,
                             boolean keepLinked, String register, Progress progress) {
        JobSpec job = plan.job();
        if (fresh && from != null && from != StageKind.INGEST) {
            throw new IllegalArgumentException("--fresh ingests again; it cannot be combined with --from " + from.key);
        }
        List<String> folders = FolderRules.problems(job.input(), job.output(), job.work());
        if (!folders.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", folders));
        }
        Consumer<String> notes = n -> progress.stage("lock", n);
        try (FolderLock work = FolderLock.workArea(job.work(), job.name(), notes);
             FolderLock out = PackageFolder.lock(job.output(), job.name(), notes)) {
            PackageFolder.cleanLeftovers(job.output(), n -> progress.stage("publish", n));
            PackageFolder.checkReplaceable(job.output(), job.name(), replace);
            return runLocked(plan, confDir, master, fresh || from == StageKind.INGEST, from, replace, keepLinked, register,
                    progress);
        }
    }

    private static Result runLocked(Plan plan, Path confDir, String master, boolean fresh, StageKind from, boolean replace,
                                    boolean keepLinked, String register, Progress progress) {
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
        StageOutputs outputs = StageOutputs.of(plan, confDir, profile);
        boolean resuming = from != null && from != StageKind.INGEST;
        if (resuming) {
            Optional<StageOutputs.Status> blocked = outputs.blocking(from);
            if (blocked.isPresent()) {
                throw cannotResume(from, blocked.get(), outputs.latestResumable());
            }
            progress.stage("plan", "resuming from " + from.key + ": reusing the output of " + String.join(", ",
                    StageOutputs.needs(from).stream().map(k -> k.key).toList()) + " in " + job.work());
        }

        progress.stage("plan", plan.stages().size() + " stages, " + requests.size() + " tables");
        // Disclosure and publish need no Spark: a run resumed from there starts none.
        boolean spark = from == null || from.compareTo(StageKind.INDICATOR) <= 0;
        // Started when a stage first needs it: a local run of CSV input and I1–I5 or I7 tables never does.
        Engine.Lazy session = spark ? new Engine.Lazy(master, progress) : null;
        if (spark && Engine.running()) {
            // Datasets an earlier run in this JVM persisted match this run's plans when the folders are the same
            // (same staging paths): Spark would answer from the other run's data. Every run starts uncached.
            session.get().catalog().clearCache();
        }
        IngestReport ingest = fresh ? null : outputs.ingestReport();
        if (ingest != null) {
            progress.stage("ingest", "input unchanged since it was staged in " + job.work() + ": reusing it"
                    + (resuming ? "" : " (run --fresh to ingest again)"));
        } else {
            IngestCache.invalidate(job.work());
            ingest = Ingest.run(session, job.input(), job.work(), confDir, progress);
            IngestCache.save(job.work(), outputs.ingestFingerprint(), ingest);
        }
        checkColumns(job, requests, ingest);

        LinkSpec spec = new LinkSpec(periods, job.classificationYear(), job.population().minAge(), job.population().maxAge(),
                job.population().ageReference() == JobSpec.AgeReference.PERIOD_START, job.trajectories().mergeOverlapping(),
                job.dataHorizon().orElse(null), job.geography().basis() == JobSpec.GeographyBasis.RESPONSIBLE);
        List<CellTable> tables;
        List<String> failed;
        LocalDate horizon;
        if (spark) {
            LinkedData data;
            if (from == StageKind.INDICATOR) {
                Map<String, String> marker = outputs.link().marker();
                horizon = LocalDate.parse(marker.get("data_horizon"));
                progress.stage("link", "reusing the linked data of " + marker.get("computed") + " in " + outputs.linkedDir());
                data = LinkedDataFiles.read(session.get(), outputs.linkedDir().toString(), spec, geo, horizon,
                        presentColumns(ingest), job.work());
            } else if (localEngine(session.master(), job.work(), spec, requests, keepLinked)
                    && fitsInHeap(ingest, spec, progress)) {
                tables = new ArrayList<>();
                failed = new ArrayList<>();
                horizon = linkAndComputeLocally(job, spec, geo, ingest, requests, outputs, Math.max(1, session.parallelism()),
                        tables, failed, progress);
                return disclosureAndPublish(plan, outputs, tables, failed, horizon, ingest, spec, profile, from, replace,
                        register, confDir, requests, progress);
            } else {
                data = Linker.link(session.get(), job.work(), spec, geo, presentColumns(ingest), ingest.latestYearlyFileYear(), progress);
                horizon = data.dataHorizon();
                if (keepLinked) {
                    writeLinked(outputs, data, progress);
                }
            }
            tables = new ArrayList<>();
            failed = new ArrayList<>();
            LinkedData linked = data;
            computeTables(outputs, horizon.toString(), requests, r -> Indicators.get(r.indicator()).compute(linked, r), tables,
                    failed, progress);
        } else {
            Map<String, String> marker = outputs.indicators().marker();
            horizon = LocalDate.parse(marker.get("data_horizon"));
            failed = StageOutputs.failed(marker);
            tables = new ArrayList<>();
            for (TableRequest r : requests) {
                Location dir = outputs.cellsDir().resolve(r.name());
                if (isFolder(dir)) {
                    tables.add(CellTableFiles.read(dir));
                }
            }
            progress.stage("indicator", "reusing " + tables.size() + " cell table(s) of " + marker.get("computed") + " in "
                    + outputs.cellsDir() + (failed.isEmpty() ? "" : "; " + failed.size() + " table(s) failed then"));
        }
        return disclosureAndPublish(plan, outputs, tables, failed, horizon, ingest, spec, profile, from, replace, register,
                confDir, requests, progress);
    }

    private static CannotResume cannotResume(StageKind from, StageOutputs.Status blocked, StageKind latest) {
        String advice = latest == StageKind.INGEST ? "run the job without --from"
                : latest.compareTo(from) < 0 ? "resume from an earlier stage: --from " + latest.key
                : "--from " + latest.key + " can resume (what it reads is current), or run --from link";
        return new CannotResume("cannot resume from " + from.key + ": the " + blocked.kind().key + " output is "
                + blocked.state().word + " (" + blocked.why() + "); " + advice);
    }

    private static boolean isFolder(Location l) {
        try {
            return nl.samenloop.storage.Storage.isFolder(l);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The system property that chooses the engine of link and indicators: {@code auto} (default) links and computes
     * without Spark ({@link LocalLink}, {@link LocalTables}) when Spark runs in local mode on a local working area and
     * the local engine has every indicator the job asks for (and the job's geography is residence, not the responsible
     * municipality), and the linked data is not to be kept; {@code spark}
     * always uses Spark; {@code local} uses the local engine whenever it has the job's indicators.
     */
    static final String ENGINE = "samenloop.link";

    static boolean localEngine(String master, Location work, LinkSpec spec, List<TableRequest> requests, boolean keepLinked) {
        String choice = System.getProperty(ENGINE, "auto");
        if (keepLinked || choice.equals("spark") || !work.isLocal() || spec.responsibleBasis()
                || !LocalTables.supports(requests)) {
            return false;
        }
        return choice.equals("local") || master.startsWith("local");
    }

    /**
     * Whether the local engine's estimate of its heap ({@link LocalLink#heapEstimate}) leaves room in this JVM: it
     * holds the linked data in memory, so with {@code auto} a delivery too big for the heap is linked by Spark, which
     * spills to disk. {@code -Dsamenloop.link=local} skips the check.
     */
    private static boolean fitsInHeap(IngestReport ingest, LinkSpec spec, Progress progress) {
        long spells = staged(ingest, Staging.JEUGDHULP) + staged(ingest, Staging.BESCHERMING) + staged(ingest, Staging.RECLASSERING);
        long need = LocalLink.heapEstimate(staged(ingest, Staging.ADDRESSES), spells, staged(ingest, Staging.PERSONS),
                spec.periods().size());
        long room = nl.samenloop.engine.LocalWork.heapRoom();
        if (need <= room || System.getProperty(ENGINE, "auto").equals("local")) {
            return true;
        }
        progress.stage("link", String.format("the local engine would need about %,d MB of heap, more than the %,d MB it may"
                + " use here: Spark links (a larger heap, e.g. SAMENLOOP_HEAP for ./samenloop, links without it)", need >> 20, room >> 20));
        return false;
    }

    private static long staged(IngestReport ingest, String table) {
        nl.samenloop.ingest.TableReport t = ingest.table(table);
        return t == null ? 0 : t.accepted();
    }

    /**
     * Link and indicators on the local engine: the linked data lives only in this method, so it is garbage before
     * disclosure starts. All tables come from one pass; if that pass fails, every table fails with its reason.
     *
     * @return the data horizon
     */
    private static LocalDate linkAndComputeLocally(JobSpec job, LinkSpec spec, Geography geo, IngestReport ingest,
                                                   List<TableRequest> requests, StageOutputs outputs, int threads,
                                                   List<CellTable> tables, List<String> failed, Progress progress) {
        LocalLinked local = LocalLink.link(job.work().local(), spec, geo, ingest.latestYearlyFileYear(), progress, threads);
        Map<String, CellTable> computed = new LinkedHashMap<>();
        RuntimeException failure = null;
        try {
            progress.stage("indicator", requests.size() + " table(s) in one pass over the persons (local engine)");
            computed.putAll(LocalTables.compute(local, requests, threads, progress, job.work()));
        } catch (RuntimeException e) {
            failure = e;
        }
        RuntimeException passFailure = failure;
        computeTables(outputs, local.dataHorizon.toString(), requests, r -> {
            if (passFailure != null) {
                throw passFailure;
            }
            return computed.get(r.name());
        }, tables, failed, progress);
        return local.dataHorizon;
    }

    /** Link's output, work:linked/<job>: written beside its place and renamed in when whole. */
    private static void writeLinked(StageOutputs outputs, LinkedData data, Progress progress) {
        Location target = outputs.linkedDir();
        Location temp = null;
        try {
            temp = StageStore.begin(target);
            progress.stage("link", "writing the linked data to " + target);
            LinkedDataFiles.write(data, temp.toString());
            StageStore.commit(temp, target, outputs.linkMarker(data.dataHorizon().toString()));
        } catch (IOException e) {
            StageStore.discard(temp);
            throw new UncheckedIOException("cannot write the link stage's output " + target + ": " + e.getMessage(), e);
        }
    }

    /** The indicators stage: every table, its cell table written to work:cells/<job>/<table> as one output. */
    private static void computeTables(StageOutputs outputs, String dataHorizon, List<TableRequest> requests,
                                      java.util.function.Function<TableRequest, CellTable> compute, List<CellTable> tables,
                                      List<String> failed, Progress progress) {
        Location target = outputs.cellsDir();
        Location temp = null;
        try {
            temp = StageStore.begin(target);
            for (TableRequest r : requests) {
                progress.stage("indicator", r.name() + " (" + Indicators.get(r.indicator()).code() + ")");
                try {
                    CellTable t = compute.apply(r);
                    CellTableFiles.write(temp.resolve(r.name()), t);
                    tables.add(t);
                } catch (RuntimeException e) {
                    // One failed table does not lose the others (STYLE habit 6). The message names the table;
                    // indicator code never puts record values into exceptions.
                    failed.add(r.name() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    progress.stage("indicator", "FAILED " + r.name() + ": " + e.getClass().getSimpleName());
                }
            }
            StageStore.commit(temp, target, StageOutputs.withContent(outputs.cellsMarker(dataHorizon, failed), temp));
        } catch (IOException e) {
            StageStore.discard(temp);
            throw new UncheckedIOException("cannot write the cell tables " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Disclosure, against the release register, and publish. The protection is written to work:protected/<job>
     * before the package is; a run resumed from publish takes it up only when the register still holds exactly
     * the history it was protected against (same {@link History#digest()}), and else protects again — as
     * {@link Publisher} does when another release lands while a package is being written.
     */
    private static Result disclosureAndPublish(Plan plan, StageOutputs outputs, List<CellTable> tables, List<String> failed,
                                               LocalDate horizon, IngestReport ingest, LinkSpec spec, Profile profile,
                                               StageKind from, boolean replace, String register, Path confDir,
                                               List<TableRequest> requests, Progress progress) {
        JobSpec job = plan.job();
        RegisterLocation where = RegisterLocation.resolve(register, confDir);
        ReleaseRegister.Universe universe = ReleaseRegister.Universe.of(universe(ingest, spec));
        Profile rules = profile;
        String dataVersion = dataVersion(ingest);
        DisclosureSummary[] summary = new DisclosureSummary[1];
        boolean[] storedTried = {from != StageKind.PUBLISH};
        Publisher.Protector protector = history -> {
            if (!storedTried[0]) {
                storedTried[0] = true;
                Map<String, String> marker = outputs.disclosure().marker();
                if (history.digest().equals(marker.get("history"))) {
                    progress.stage("disclosure", "reusing the protection of " + marker.get("computed") + " in "
                            + outputs.protectedDir() + ": the register holds what it was protected against ("
                            + history.releases() + " earlier release(s) of the same data)");
                    return Disclosure.reassemble(tables, history, ProtectionFiles.read(outputs.protectedDir()));
                }
                progress.stage("disclosure", "the release register changed since the stored protection was made ("
                        + marker.get("history_releases") + " earlier release(s) then, " + history.releases()
                        + " now): protecting again");
            }
            Disclosure.Release release = Disclosure.protectRelease(tables, rules, history);
            writeProtected(outputs, release, history, progress);
            return release;
        };
        try (ReleaseRegister reg = ReleaseRegister.open(where)) {
            Publisher.Result published = Publisher.publish(tables, protector, reg, universe, new Publisher.Writer() {
                @Override
                public void write(Disclosure.Release release, Publisher.Recorder record) {
                    List<ProtectedTable> safe = release.tables();
                    summary[0] = Disclosure.summarize(safe, rules);
                    summary[0].lines().forEach(l -> progress.stage("disclosure", l));
                    if (!release.earlierTargets().isEmpty()) {
                        progress.stage("disclosure", "- " + release.earlierTargets().size() + " count(s) suppressed by"
                                + " earlier releases re-checked: still at least " + rules.threshold() + " wide");
                    }
                    progress.stage("publish", "writing " + job.output());
                    PackageInfo info = new PackageInfo(job.name(), job.title().orElse(job.name()), created(),
                            dataVersion, job.classificationYear(), horizon, rules(rules),
                            summary[0].verdict(), notes(failed), acrossReleases(where, release));
                    // The register records the release after the package scan passed and before the package is
                    // renamed into place (Publication); if another release landed first, Publication withdraws
                    // this package and Publisher protects again.
                    Publication.publish(new Publication.Request(job.output(), job.work(), info, safe,
                                    charts(plan, requests), replace),
                            outputCheck -> record.record(releaseInfo(job, rules, info, outputCheck)),
                            n -> progress.stage("publish", n));
                }
            }, line -> progress.stage("disclosure", line));
            progress.stage("publish", "recorded as release " + published.id() + " in " + where.display());
        }
        progress.stage("done", "package " + job.output() + (failed.isEmpty() ? "" : " (" + failed.size() + " table(s) failed)"));
        return new Result(job.output(), summary[0], failed, ingest);
    }

    /** Disclosure's output, work:protected/<job>, with the history it was protected against in its marker. */
    private static void writeProtected(StageOutputs outputs, Disclosure.Release release, History history, Progress progress) {
        Location target = outputs.protectedDir();
        Location temp = null;
        try {
            temp = StageStore.begin(target);
            ProtectionFiles.write(temp, release);
            StageStore.commit(temp, target, StageOutputs.withContent(outputs.protectedMarker(history.digest(),
                    history.releases(), history.version()), temp));
        } catch (IOException e) {
            StageStore.discard(temp);
            throw new UncheckedIOException("cannot write the disclosure stage's output " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * What makes two runs "the same data counted the same way": the files of the delivery with their record
     * counts, and the population definition. Counts with one key in one universe are one number.
     */
    static String universe(IngestReport ingest, LinkSpec spec) {
        StringBuilder sb = new StringBuilder("data:");
        ingest.tables().forEach((name, t) -> {
            if (t.present()) {
                sb.append(' ').append(name).append('=').append(String.join("+", t.files().stream()
                        .map(f -> Path.of(f).getFileName().toString()).sorted().toList()))
                        .append('/').append(t.read()).append('/').append(t.accepted());
            }
        });
        return sb.append("; population: ").append(spec.populationSignature()).toString();
    }

    private static Map<String, String> acrossReleases(RegisterLocation where, Disclosure.Release release) {
        History history = release.history();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("release register", where.display());
        m.put("earlier releases of the same data", String.valueOf(history.releases()));
        m.put("counts they suppressed that this package could narrow, re-checked", String.valueOf(release.earlierTargets().size()));
        m.put("counts they published, known to every reader", String.valueOf(history.published().size()));
        return m;
    }

    private static ReleaseRegister.ReleaseInfo releaseInfo(JobSpec job, Profile profile, PackageInfo info, String outputCheck) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown";
        }
        // The manifest (output-check.md, with the checksum of every file) binds the package to its release.
        String manifest = nl.samenloop.disclosure.Canonical.sha256(outputCheck);
        return new ReleaseRegister.ReleaseInfo(job.name(), info.title(), System.getProperty("user.name"), host,
                Instant.now(), profile.name() + " (T = " + profile.threshold() + ")", job.output().toString(), manifest);
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
        // The system property is for tests that run two jobs in one JVM and compare their packages byte for byte.
        String epoch = System.getenv("SOURCE_DATE_EPOCH") != null ? System.getenv("SOURCE_DATE_EPOCH")
                : System.getProperty("samenloop.sourceDateEpoch");
        return epoch != null && epoch.matches("\\d+") ? Instant.ofEpochSecond(Long.parseLong(epoch)) : Instant.ofEpochSecond(Instant.now().getEpochSecond());
    }
}
