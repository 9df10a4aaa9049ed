package nl.samenloop.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import nl.samenloop.disclosure.Canonical;
import nl.samenloop.disclosure.Profile;
import nl.samenloop.indicators.TableRequest;
import nl.samenloop.ingest.IngestReport;
import nl.samenloop.job.Plan.StageKind;
import nl.samenloop.link.LinkedDataFiles;
import nl.samenloop.storage.StageStore;

/**
 * The stage outputs of a job in its working area — where they are, what they must have been computed from,
 * and whether what is there now is current — in one place: {@link Plan} prints these names, {@link JobRunner}
 * writes and reads these folders, {@code plan} and {@code run --from} judge them here.
 *
 * <ul>
 * <li>ingest: {@code work:staging/<TABLE>} ({@link IngestCache}; shared by the jobs of one working area);</li>
 * <li>link: {@code work:linked/<job>/<dataset>} (Parquet, {@link LinkedDataFiles});</li>
 * <li>indicators: {@code work:cells/<job>/<table>} ({@link nl.samenloop.indicators.CellTableFiles});</li>
 * <li>disclosure: {@code work:protected/<job>} ({@link nl.samenloop.disclosure.ProtectionFiles}).</li>
 * </ul>
 *
 * <p>Each output folder carries a marker ({@link StageStore}) with its fingerprint and the parts it is made of:
 * the layout version, the build of samenloop, the fingerprint of the output it was computed from, and the parts
 * of the job and of {@code conf/} that change it. An output is current when every part equals what this job
 * would compute from now; the first part that differs says why it is stale. Fingerprints chain: the link's
 * includes the staged data's, the cell tables' the link's, the protection's the cell tables' (and their bytes).
 */
final class StageOutputs {
    /** Bump a layout version when what a stage writes changes, so old outputs are never read by new code. */
    static final String LINK_FORMAT = "linked-1";
    static final String CELLS_FORMAT = "cells-1";
    static final String PROTECTED_FORMAT = "protected-1";

    enum State {
        CURRENT("current"), STALE("stale"), MISSING("missing");

        final String word;

        State(String word) {
            this.word = word;
        }
    }

    /** Whether a stage's output can be reused; {@code why} explains a stale or missing one, or describes a current one. */
    record Status(StageKind kind, State state, String why, Map<String, String> marker) {
        boolean current() {
            return state == State.CURRENT;
        }

        String line() {
            return state.word + " — " + why;
        }
    }

    private final Plan plan;
    private final Location work;
    private final String job;
    private final String ingestFingerprint;
    private final Map<String, String> link;
    private final Map<String, String> cells;
    private final String rules;

    private StageOutputs(Plan plan, Path conf, Profile profile, List<TableRequest> requests) {
        this.plan = plan;
        this.work = plan.job().work();
        this.job = plan.job().name();
        this.ingestFingerprint = IngestCache.fingerprint(plan.job().input(), conf);
        String program = Build.digest();
        link = new LinkedHashMap<>();
        link.put("format", LINK_FORMAT);
        link.put("program", program);
        link.put("staging", String.valueOf(ingestFingerprint));
        link.put("settings", Canonical.sha256(linkSettings(plan.job())));
        link.put("reference", digestOrNone(Location.local(conf.resolve("reference"))));
        cells = new LinkedHashMap<>();
        cells.put("format", CELLS_FORMAT);
        cells.put("program", program);
        cells.put("link", fingerprint(link));
        cells.put("tables", String.join(",", requests.stream().map(TableRequest::name).toList()));
        for (TableRequest r : requests) {
            cells.put("table." + r.name(), Canonical.sha256(tableText(r)));
        }
        // The rules as they apply (the job's round_to included) and the audit's own settings.
        Profile effective = ProfileRules.effective(profile, plan.job());
        Map<String, String> audit = new TreeMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("samenloop.audit."))
                .forEach(k -> audit.put(k, System.getProperty(k)));
        rules = Canonical.sha256(effective + " " + audit);
    }

    static StageOutputs of(Plan plan, Path conf, Profile profile) {
        return new StageOutputs(plan, conf, profile, JobRunner.requests(plan, plan.job().periods().periods()));
    }

    private static boolean isFile(Location l) {
        try {
            return Storage.isFile(l);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    // ---- names and folders ------------------------------------------------------------------------------

    static Location linkedDir(Location work, String job) {
        return work.resolve("linked").resolve(job);
    }

    static Location cellsDir(Location work, String job) {
        return work.resolve("cells").resolve(job);
    }

    static Location protectedDir(Location work, String job) {
        return work.resolve("protected").resolve(job);
    }

    /** The link output as the plan names it: one Parquet folder per dataset under {@code work:linked/<job>/}. */
    static List<String> linkedNames(String job) {
        return List.of("work:linked/" + job + "/{" + String.join(",", LinkedDataFiles.DATASETS) + "}");
    }

    static String cellsName(String job, String table) {
        return "work:cells/" + job + "/" + table;
    }

    static String protectedName(String job) {
        return "work:protected/" + job;
    }

    Location linkedDir() {
        return linkedDir(work, job);
    }

    Location cellsDir() {
        return cellsDir(work, job);
    }

    Location protectedDir() {
        return protectedDir(work, job);
    }

    // ---- markers ----------------------------------------------------------------------------------------

    String ingestFingerprint() {
        return ingestFingerprint;
    }

    /** The marker the link output gets. */
    Map<String, String> linkMarker(String dataHorizon) {
        Map<String, String> m = head("link", link);
        m.put("data_horizon", dataHorizon);
        return m;
    }

    /** The marker the cell tables get: also the data horizon and the tables that failed, as the run saw them. */
    Map<String, String> cellsMarker(String dataHorizon, List<String> failed) {
        Map<String, String> m = head("indicators", cells);
        m.put("data_horizon", dataHorizon);
        for (int i = 0; i < failed.size(); i++) {
            m.put("failed." + i, failed.get(i));
        }
        return m;
    }

    /** The marker the protection gets, with the register history it was protected against. */
    Map<String, String> protectedMarker(String historyDigest, int releases, long version) {
        Map<String, String> m = head("disclosure", protectedParts());
        m.put("history", historyDigest);
        m.put("history_releases", String.valueOf(releases));
        m.put("history_version", String.valueOf(version));
        return m;
    }

    private Map<String, String> protectedParts() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("format", PROTECTED_FORMAT);
        p.put("program", link.get("program"));
        p.put("cells", fingerprint(cells));
        p.put("cells_content", digestOrNone(cellsDir()));
        p.put("rules", rules);
        return p;
    }

    private static Map<String, String> head(String stage, Map<String, String> parts) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("stage", stage);
        m.put("fingerprint", fingerprint(parts));
        m.put("computed", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        m.putAll(parts);
        return m;
    }

    static List<String> failed(Map<String, String> cellsMarker) {
        List<String> out = new ArrayList<>();
        for (int i = 0; cellsMarker.containsKey("failed." + i); i++) {
            out.add(cellsMarker.get("failed." + i));
        }
        return out;
    }

    // ---- status -----------------------------------------------------------------------------------------

    /** The staged data's report when it was staged from this same input, else null. */
    IngestReport ingestReport() {
        return IngestCache.load(work, ingestFingerprint);
    }

    Status ingest() {
        if (ingestReport() != null) {
            return new Status(StageKind.INGEST, State.CURRENT, "staged from this same input", Map.of());
        }
        if (!isFile(work.resolve("staging").resolve(IngestCache.FINGERPRINT))) {
            return new Status(StageKind.INGEST, State.MISSING, "nothing is staged in this working area (or the last ingest"
                    + " did not finish)", Map.of());
        }
        return new Status(StageKind.INGEST, State.STALE, "the input folder or conf/columns.yaml changed since it was staged",
                Map.of());
    }

    Status link() {
        return judge(StageKind.LINK, linkedDir(), link);
    }

    Status indicators() {
        return judge(StageKind.INDICATOR, cellsDir(), cells);
    }

    /**
     * The protection's status against this job as it is now; the register is not read here: a current protection
     * is used only if the register still holds what it was protected against (checked when publishing).
     */
    Status disclosure() {
        return judge(StageKind.DISCLOSURE, protectedDir(), protectedParts());
    }

    Status status(StageKind kind) {
        return switch (kind) {
            case INGEST -> ingest();
            case LINK -> link();
            case INDICATOR -> indicators();
            case DISCLOSURE -> disclosure();
            case PUBLISH -> new Status(StageKind.PUBLISH, State.MISSING, "always runs", Map.of());
        };
    }

    /** The outputs {@code run --from kind} reads: the staged data and the output of the stage before. */
    static List<StageKind> needs(StageKind from) {
        return switch (from) {
            case INGEST -> List.of();
            case LINK -> List.of(StageKind.INGEST);
            case INDICATOR -> List.of(StageKind.INGEST, StageKind.LINK);
            case DISCLOSURE -> List.of(StageKind.INGEST, StageKind.INDICATOR);
            case PUBLISH -> List.of(StageKind.INGEST, StageKind.INDICATOR, StageKind.DISCLOSURE);
        };
    }

    /** The first output {@code run --from kind} needs that is not current, or empty when it can resume. */
    Optional<Status> blocking(StageKind from) {
        for (StageKind k : needs(from)) {
            Status s = status(k);
            if (!s.current()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The latest stage a run can resume from now (INGEST: nothing to resume from). */
    StageKind latestResumable() {
        StageKind best = StageKind.INGEST;
        for (StageKind k : StageKind.values()) {
            if (blocking(k).isEmpty()) {
                best = k;
            }
        }
        return best;
    }

    private Status judge(StageKind kind, Location dir, Map<String, String> expected) {
        Optional<Map<String, String>> found = StageStore.marker(dir);
        if (found.isEmpty()) {
            if (kind == StageKind.LINK) {
                return new Status(kind, State.MISSING, "not kept in this working area: a run keeps the linked data only"
                        + " with --keep-linked (or it stopped while writing it)", Map.of());
            }
            return new Status(kind, State.MISSING, "not computed in this working area yet (or a run stopped while"
                    + " writing it)", Map.of());
        }
        Map<String, String> m = found.get();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            if (!e.getValue().equals(m.get(e.getKey()))) {
                return new Status(kind, State.STALE, why(e.getKey(), m.get(e.getKey()), e.getValue(), m), m);
            }
        }
        for (String k : m.keySet()) {
            if (k.startsWith("table.") && !expected.containsKey(k)) {
                return new Status(kind, State.STALE, "the job's tables changed", m);
            }
        }
        if (!fingerprint(expected).equals(m.get("fingerprint"))) {
            return new Status(kind, State.STALE, "its marker does not match its parts (damaged)", m);
        }
        if (m.containsKey("content") && !m.get("content").equals(digestOrNone(dir))) {
            return new Status(kind, State.STALE, "its files changed since they were written (damaged or edited)", m);
        }
        return new Status(kind, State.CURRENT, "computed " + m.getOrDefault("computed", "?"), m);
    }

    private static String why(String part, String was, String now, Map<String, String> marker) {
        if (part.startsWith("table.")) {
            String table = part.substring("table.".length());
            return was == null ? "table " + table + " was not in the job when the cell tables were computed"
                    : "the options of table " + table + " changed since";
        }
        return switch (part) {
            case "format" -> "written by a version of samenloop with another layout (" + was + ")";
            case "program" -> "computed by another build of samenloop";
            case "staging" -> "the staged data changed since (the input changed, or ingest ran again on other input)";
            case "settings" -> "the job's link settings changed since (classification year, periods, population, geography"
                    + " or merging)";
            case "reference" -> "the reference data in conf/reference changed since";
            case "link" -> "the linked data it was computed from changed since";
            case "tables" -> "the job's tables changed since (were: " + was + ")";
            case "cells" -> "the cell tables it protects were computed from other data or settings";
            case "cells_content" -> "the cell tables were written again since";
            case "rules" -> "the disclosure rules changed since (profile, round_to or samenloop.audit settings)";
            default -> "its " + part + " changed";
        };
    }

    // ---- fingerprints -----------------------------------------------------------------------------------

    /** What the link output depends on in the job: the LinkSpec and the geography, in canonical form. */
    static String linkSettings(JobSpec job) {
        return "classification_year=" + job.classificationYear() + "; periods=" + job.periods() + "; horizon="
                + job.dataHorizon() + "; population=" + job.population() + "; geography=" + job.geography()
                + "; trajectories=" + job.trajectories();
    }

    /**
     * What a table's cells depend on in the job, in a canonical order (a request's options are an immutable map
     * whose iteration order differs from one JVM to the next).
     */
    static String tableText(TableRequest r) {
        return "name=" + r.name() + "; indicator=" + r.indicator() + "; options=" + new TreeMap<>(r.options())
                + "; pools=" + r.pools();
    }

    static String fingerprint(Map<String, String> parts) {
        StringBuilder sb = new StringBuilder();
        parts.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return Canonical.sha256(sb.toString());
    }

    /**
     * The marker with the digest of the files in {@code temp} added: small outputs (cell tables, protection) are
     * checked file by file before they are reused; the linked data (Parquet, possibly large) is not.
     */
    static Map<String, String> withContent(Map<String, String> marker, Location temp) {
        Map<String, String> m = new LinkedHashMap<>(marker);
        m.put("content", digestOrNone(temp));
        return m;
    }

    private static String digestOrNone(Location dir) {
        try {
            return StageStore.contentDigest(dir).orElse("none");
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /** The build of samenloop that runs: any change to its classes or resources is another program. */
    static final class Build {
        private static String digest;

        private Build() {
        }

        static synchronized String digest() {
            if (digest == null) {
                digest = compute();
            }
            return digest;
        }

        private static String compute() {
            try {
                // Spark's jar name carries its version (spark-core_2.13-4.0.1.jar).
                String spark = String.valueOf(Path.of(org.apache.spark.SparkContext.class.getProtectionDomain()
                        .getCodeSource().getLocation().toURI()).getFileName());
                Path code = Path.of(JobRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                String own = Files.isDirectory(code) ? StageStore.contentDigest(Location.local(code)).orElse("none")
                        : StageStore.fileDigest(Location.local(code));
                return Canonical.sha256("spark " + spark + "; samenloop " + own);
            } catch (Exception e) {
                // Unknown build: never the same as another run's, so nothing is reused.
                return "unknown-" + System.nanoTime();
            }
        }
    }
}
