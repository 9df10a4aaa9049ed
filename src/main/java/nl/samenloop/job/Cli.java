package nl.samenloop.job;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import nl.samenloop.disclosure.DisclosureRefused;
import nl.samenloop.disclosure.PackageRecheck;
import nl.samenloop.disclosure.Profile;
import nl.samenloop.engine.Engine;
import nl.samenloop.engine.Failures;
import nl.samenloop.engine.Progress;
import nl.samenloop.engine.RunLog;
import nl.samenloop.generate.GenerateOptions;
import nl.samenloop.generate.GenerationResult;
import nl.samenloop.generate.Generator;
import nl.samenloop.ingest.Ingest;
import nl.samenloop.ingest.IngestException;
import nl.samenloop.ingest.IngestReport;
import nl.samenloop.model.Reference;
import nl.samenloop.publish.PackageFolder;
import nl.samenloop.storage.FolderLock;
import nl.samenloop.storage.FolderRules;
import nl.samenloop.storage.Location;
import nl.samenloop.storage.Storage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code samenloop} command. Exit codes scripts can rely on:
 * 0 done; 1 unexpected failure; 2 bad command line or job file (including folders that may not be used:
 * see {@link FolderRules}, {@link PackageFolder}); 3 bad input data (missing file or column, unreadable
 * file, reconciliation failure); 4 disclosure control refused the package; 5 the working area or output
 * folder is in use by another run (its lock names the holder).
 *
 * <p>While {@code run} and {@code ingest} work, Spark's and Hadoop's own logging goes to
 * {@code <work>/logs/samenloop.log} ({@link RunLog}): stderr shows progress and one line per problem.
 */
@Command(name = "samenloop", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "samenloop 0.1",
        description = "Links pseudonymised youth-care microdata and publishes statistics that pass disclosure control.",
        subcommands = {Cli.Run.class, Cli.PlanCommand.class, Cli.IngestCommand.class, Cli.Generate.class, Cli.Audit.class,
                Cli.Releases.class, IndicatorsCommand.class})
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int BAD_INPUT = 3;
    public static final int REFUSED = 4;
    public static final int BUSY = 5;

    @Option(names = "--conf", description = "folder with rules, column mappings and reference data (default: ./conf)", scope = CommandLine.ScopeType.INHERIT)
    Path conf;

    @Option(names = "--register", paramLabel = "WHERE", scope = CommandLine.ScopeType.INHERIT,
            description = "release register: a folder, an .db file or a jdbc:postgresql:// URL (default: conf/environment.yaml)")
    String register;

    public static void main(String[] args) {
        int code = execute(args);
        Engine.stop();
        System.exit(code);
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int execute(String... args) {
        RunLog.forgetLast();
        CommandLine cl = new CommandLine(new Cli());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, cmd.getErr()));
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("samenloop: " + e.getMessage());
            e.getCommandLine().getErr().println("try: samenloop " + e.getCommandLine().getCommandName() + " --help");
            return USAGE;
        });
        return cl.execute(args);
    }

    /** One clear line per problem, and an exit code by kind. Never a stack trace with record data. */
    static int handle(Exception e, PrintWriter err) {
        if (e instanceof FolderLock.Held) {
            err.println("samenloop: " + e.getMessage());
            return BUSY;
        }
        if (e instanceof JobSpecException j) {
            j.located().forEach(m -> err.println(j.source() + ": " + m));
            return USAGE;
        }
        if (e instanceof IngestException || e instanceof JobRunner.MissingInputColumn) {
            err.println("samenloop: " + e.getMessage());
            return BAD_INPUT;
        }
        if (e instanceof DisclosureRefused) {
            err.println("samenloop: disclosure control refused the package: " + e.getMessage());
            return REFUSED;
        }
        if (e instanceof IllegalArgumentException) {
            err.println("samenloop: " + e.getMessage());
            return USAGE;
        }
        err.println("samenloop: failed: " + failure(e));
        return FAILED;
    }

    /**
     * One line for an unexpected failure. Our own messages are printed as they are; an exception from Spark,
     * Hadoop or a library is reduced to the file it was reading and its root cause (masked by {@link Failures}:
     * its message could quote a record), with the full trace in the run log.
     */
    static String failure(Exception e) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        String cls = e.getClass().getName();
        boolean foreign = e instanceof org.apache.spark.SparkThrowable
                || !(cls.startsWith("java.") || cls.startsWith("nl.samenloop.")) || msg.contains("\n");
        StringBuilder line = new StringBuilder();
        if (foreign) {
            String file = Failures.fileBeingRead(e);
            line.append(file == null ? "" : file + ": ").append(Failures.rootCause(e));
        } else {
            line.append(msg);
            String root = Failures.rootCause(e);
            if (Failures.root(e) != e && !msg.contains(root)) {
                line.append(" (").append(root).append(')');
            }
        }
        String log = RunLog.lastName();
        if (log != null) {
            line.append(" — full trace in ").append(log);
        }
        return line.toString();
    }

    Path confDir() {
        if (conf != null) {
            return conf;
        }
        String env = System.getenv("SAMENLOOP_CONF");
        return env != null ? Path.of(env) : Path.of("conf");
    }

    /**
     * A folder given on the command line: a local path (relative to the working directory) or a URI
     * ({@code hdfs://…}, {@code s3a://…}, {@code file:…}); null when not given.
     */
    static Location location(String option, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Location.parse(text, Path.of(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    /** Whether the folder exists; a file system that cannot be reached is one clear line. */
    static boolean isFolder(Location l, String what) {
        try {
            return Storage.isFolder(l);
        } catch (java.io.IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot reach the " + what + " " + l + " ("
                    + Failures.rootCause(e) + ")");
        }
    }

    static Plan plan(Path jobFile, String input, String output, String work, Path confDir) throws JobSpecException {
        return plan(jobFile, location("--input", input), location("--output", output), location("--work", work), confDir);
    }

    static Plan plan(Path jobFile, Location input, Location output, Location work, Path confDir) throws JobSpecException {
        if (!Files.isRegularFile(jobFile)) {
            throw new IllegalArgumentException("job file not found: " + jobFile);
        }
        JobSpec job = JobSpecParser.parse(jobFile, new RegistryCatalog());
        if (input != null || output != null || work != null) {
            job = new JobSpec(job.name(), job.title(), input != null ? input : job.input(),
                    output != null ? output : job.output(), work != null ? work : job.work(), job.classificationYear(), job.periods(),
                    job.pools(), job.dataHorizon(), job.population(), job.geography(), job.trajectories(), job.tables(), job.disclosure());
        }
        List<String> problems = ReferenceCheck.problems(job, Reference.load(confDir));
        if (!problems.isEmpty()) {
            throw new JobSpecException(jobFile.toString(), problems);
        }
        if (!isFolder(job.input(), "input folder")) {
            throw new IllegalArgumentException("input folder not found: " + job.input() + " (key 'input' in " + jobFile + ")");
        }
        // Again after the command line had its say: --output and --work must keep the same rules as the file.
        List<String> folders = FolderRules.problems(job.input(), job.output(), job.work());
        if (!folders.isEmpty()) {
            throw new JobSpecException("samenloop", folders);
        }
        // The profile is read now, so a missing one stops the run before Spark starts and the plan shows its rules.
        return Plan.compile(job, new RegistryCatalog(), Profile.load(confDir, job.disclosure().profile()));
    }

    @Command(name = "run", description = {"Run a job file and write its publication package.",
            "Several job files run one after another in one process, in the order given: Spark starts once and stays"
                    + " warm, and jobs on the same input and working area reuse its staged data. Every job is still its"
                    + " own release, protected against the ones before it. A job that fails does not stop the ones after"
                    + " it; the exit code is that of the first job that failed."})
    static final class Run implements Callable<Integer> {
        @CommandLine.ParentCommand
        Cli parent;
        @CommandLine.Spec
        CommandLine.Model.CommandSpec command;
        @Parameters(arity = "1..*", paramLabel = "JOB", description = "job file(s) (YAML)")
        List<Path> jobs;
        @Option(names = "--input", description = "input folder (overrides the job's 'input'); a path or hdfs://, s3a://, file: URI")
        String input;
        @Option(names = "--output", description = "package folder (overrides the job's 'output'); a path or URI")
        String output;
        @Option(names = "--work", description = "secure working area (overrides the job's 'work'); a path or URI")
        String work;
        @Option(names = "--master", description = "Spark master URL (default local[*]; e.g. spark://host:7077)")
        String master;
        @Option(names = "--fresh", description = "ingest again even when the working area holds the same input, staged")
        boolean fresh;
        @Option(names = "--from", paramLabel = "STAGE", description = "resume from STAGE (ingest, link, indicators,"
                + " disclosure, publish): reuse what the stages before it wrote to the working area, which must be"
                + " current (samenloop plan shows it)")
        String from;
        @Option(names = "--replace", description = "the output folder may hold another job's package: replace it"
                + " (a folder holding files Samenloop did not write is never replaced)")
        boolean replace;
        @Option(names = "--keep-linked", description = "keep the linked data (record-level Parquet) in the working area,"
                + " so that a later run --from indicators can start from it; costs about as much time as linking")
        boolean keepLinked;

        @Override
        public Integer call() throws Exception {
            Plan.StageKind start = null;
            if (from != null) {
                start = Plan.StageKind.of(from).orElseThrow(() -> new IllegalArgumentException("--from " + from
                        + ": not a stage; one of " + Plan.StageKind.keys().replace("|", ", ")));
            }
            if (jobs.size() == 1) {
                return runOne(plan(jobs.get(0), input, output, work, parent.confDir()), jobs.get(0), start);
            }
            for (String[] o : new String[][] {{"--input", input}, {"--output", output}, {"--work", work}, {"--from", from}}) {
                if (o[1] != null) {
                    throw new IllegalArgumentException(o[0] + " applies to one job; it cannot be given with "
                            + jobs.size() + " job files (set it in each job file instead)");
                }
            }
            // Every job file is checked before the first one runs: a mistake in the last one is found now, not after
            // the others have run.
            PrintWriter err = command.commandLine().getErr();
            List<Plan> plans = new java.util.ArrayList<>();
            int bad = OK;
            for (Path j : jobs) {
                try {
                    plans.add(plan(j, (String) null, null, null, parent.confDir()));
                } catch (JobSpecException | IllegalArgumentException e) {
                    bad = handle(e, err);
                }
            }
            if (bad != OK) {
                err.println("samenloop: nothing was run: " + jobs.size() + " job files given, not all of them can run");
                return bad;
            }
            int first = OK;
            List<String> failed = new java.util.ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                int code;
                try {
                    RunLog.forgetLast();
                    code = runOne(plans.get(i), jobs.get(i), start);
                } catch (Exception e) {
                    code = handle(e, err);
                }
                if (code != OK) {
                    failed.add(jobs.get(i) + " (exit " + code + ")");
                    first = first == OK ? code : first;
                }
            }
            err.println("samenloop: " + jobs.size() + " jobs run: " + (jobs.size() - failed.size()) + " done"
                    + (failed.isEmpty() ? "" : ", " + failed.size() + " failed: " + String.join(", ", failed)));
            return first;
        }

        private int runOne(Plan plan, Path job, Plan.StageKind start) throws Exception {
            try (RunLog log = RunLog.to(plan.job().work())) {
                try {
                    JobRunner.Result r;
                    try (Progress progress = new Progress(plan.job().name()).heartbeat()) {
                        r = JobRunner.run(plan, parent.confDir(), master, fresh, start, replace, keepLinked, parent.register,
                                progress);
                    }
                    System.out.println("package: " + r.packageDir());
                    System.out.println("audit: " + r.summary().verdict());
                    r.failedTables().forEach(f -> System.out.println("failed table: " + f));
                    return r.failedTables().isEmpty() ? OK : FAILED;
                } catch (Exception e) {
                    RunLog.failure("run " + job + " failed", e);
                    throw e;
                }
            }
        }
    }

    @Command(name = "plan", description = "Show the stages a job file will run, with every option resolved; runs nothing.")
    static final class PlanCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        Cli parent;
        @Parameters(index = "0", paramLabel = "JOB")
        Path job;
        @Option(names = "--input", description = "input folder (overrides the job's 'input'); a path or hdfs://, s3a://, file: URI")
        String input;
        @Option(names = "--output", description = "package folder (overrides the job's 'output'); a path or URI")
        String output;
        @Option(names = "--work", description = "secure working area (overrides the job's 'work'); a path or URI")
        String work;

        @Override
        public Integer call() throws Exception {
            Plan p = plan(job, input, output, work, parent.confDir());
            ResumeView view = ResumeView.of(p, parent.confDir());
            System.out.print(p.describe(view.status()));
            System.out.print(view.summary());
            System.out.println("release register: " + nl.samenloop.register.RegisterLocation.resolve(parent.register,
                    parent.confDir()).display() + " (docs/releases.md)");
            return OK;
        }
    }

    @Command(name = "ingest", description = "Read, validate and stage a folder of microdata; writes the data-quality report.")
    static final class IngestCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        Cli parent;
        @Option(names = "--input", required = true, description = "folder of microdata files (a path or hdfs://, s3a://, file: URI)")
        String input;
        @Option(names = "--work", required = true, description = "secure working area (staging, rejects, quality report)")
        String work;
        @Option(names = "--master", description = "Spark master URL (default local[*])")
        String master;

        @Override
        public Integer call() throws Exception {
            Location input = location("--input", this.input);
            Location work = location("--work", this.work);
            if (!isFolder(input, "input folder")) {
                throw new IllegalArgumentException("input folder not found: " + input);
            }
            List<String> folders = FolderRules.problems(input, null, work);
            if (!folders.isEmpty()) {
                throw new JobSpecException("samenloop", folders);
            }
            try (Progress progress = new Progress("ingest").heartbeat();
                 RunLog log = RunLog.to(work);
                 FolderLock lock = FolderLock.workArea(work, "ingest", n -> progress.stage("lock", n))) {
                try {
                    IngestReport r = Ingest.run(new Engine.Lazy(master, progress), input, work, parent.confDir(), progress);
                    System.out.println("quality report: " + work.resolve("quality"));
                    return r.passed() ? OK : BAD_INPUT;
                } catch (Exception e) {
                    RunLog.failure("ingest failed", e);
                    throw e;
                }
            }
        }
    }

    @Command(name = "generate", description = "Write synthetic microdata in the CBS layout (deterministic from the seed).")
    static final class Generate implements Callable<Integer> {
        @CommandLine.ParentCommand
        Cli parent;
        @CommandLine.Mixin
        GenerateOptions options;

        @Override
        public Integer call() {
            GenerationResult r = Generator.generate(options.spec(), options.out(), Reference.load(parent.confDir()));
            System.out.printf("generated: %s (%,d persons, %,d rows)%n", options.out(), r.persons(), r.totalRows());
            return OK;
        }
    }

    @Command(name = "audit", description = {"An output checker's verdict on a publication package: checksums, every table"
            + " (csv and xlsx) against audit/cells.csv, the relations the tables imply against audit/relations.csv, and"
            + " the interval audit re-solved by an independent LP solver (ojAlgo) with the rules the package states.",
            "With --register: whether this exact package (its output-check.md) was released. Exit code 4 on FAIL."})
    static final class Audit implements Callable<Integer> {
        @CommandLine.ParentCommand
        Cli parent;
        @Parameters(index = "0", paramLabel = "PACKAGE")
        Path pkg;
        @Option(names = "--export-tau", paramLabel = "DIR",
                description = "also write the tables and suppression pattern as tau-ARGUS batch input into DIR")
        Path tau;

        @Override
        public Integer call() {
            if (!Files.isDirectory(pkg)) {
                throw new IllegalArgumentException("package folder not found: " + pkg);
            }
            nl.samenloop.register.RegisterLocation where = parent.register == null ? null
                    : nl.samenloop.register.RegisterLocation.resolve(parent.register, parent.confDir());
            nl.samenloop.check.PackageCheck.Result r;
            // The LP re-audit of a national package takes minutes: the heartbeat says how far it is.
            try (Progress progress = new Progress("audit").reporting(nl.samenloop.disclosure.IndependentAudit::soFar)
                    .heartbeat()) {
                progress.stage("audit", "checking " + pkg + ": tables, relations, checksums, and every suppressed count"
                        + " re-solved with ojAlgo");
                r = nl.samenloop.check.PackageCheck.check(pkg, where);
            }
            System.out.println("audit: " + r.verdict() + " (" + r.suppressedChecked() + " suppressed counts re-audited with"
                    + " ojAlgo; rules from the package: " + r.profile() + "; " + r.findings().size() + " finding(s))");
            if (r.release() != null) {
                System.out.println("released: " + r.release());
            }
            r.findings().forEach(System.out::println);
            r.notes().forEach(n -> System.out.println("note: " + n));
            if (tau != null) {
                try {
                    List<Path> written = nl.samenloop.check.TauArgusExport.write(pkg, tau);
                    System.out.println("tau-ARGUS batch input: " + written.size() + " file(s) in " + tau);
                } catch (RuntimeException e) {
                    // A package whose audit files contradict themselves has no consistent table to export.
                    System.out.println("tau-ARGUS batch input not written: " + e.getMessage());
                    return REFUSED;
                }
            }
            return r.passed() ? OK : REFUSED;
        }
    }

    @Command(name = "releases", description = {"List the releases in the release register, or show one.",
            "The register is what protects a release against the earlier ones: every job of the environment must use the same one."})
    static final class Releases implements Callable<Integer> {
        @CommandLine.ParentCommand
        Cli parent;
        @Parameters(index = "0", arity = "0..1", paramLabel = "N", description = "show release N (default: list all)")
        Long id;

        @Override
        public Integer call() {
            nl.samenloop.register.RegisterLocation where = nl.samenloop.register.RegisterLocation.resolve(parent.register, parent.confDir());
            try (nl.samenloop.register.ReleaseRegister reg = nl.samenloop.register.ReleaseRegister.open(where)) {
                if (id == null) {
                    List<nl.samenloop.register.ReleaseRegister.Summary> all = reg.releases();
                    System.out.println("release register: " + where.display() + " (" + all.size() + " release(s))");
                    if (!all.isEmpty()) {
                        System.out.printf("%5s  %-20s  %-32s  %-10s  %8s  %8s  %9s  %s%n", "N", "created", "job", "user",
                                "shown", "primary", "secondary", "earlier releases checked");
                    }
                    for (var r : all) {
                        System.out.printf("%5d  %-20s  %-32s  %-10s  %8d  %8d  %9d  %d%n", r.id(), r.created().substring(0,
                                Math.min(19, r.created().length())), r.job(), r.user(), r.shown(), r.primary(), r.secondary(),
                                r.earlierReleases());
                    }
                    return OK;
                }
                var r = reg.release(id).orElseThrow(() -> new IllegalArgumentException("no release " + id + " in " + where.display()));
                System.out.println("release " + r.id() + " in " + where.display());
                System.out.println("  job:        " + r.job() + (r.title() == null ? "" : " — " + r.title()));
                System.out.println("  created:    " + r.created() + " by " + r.user() + " on " + r.host());
                System.out.println("  package:    " + r.packagePath());
                System.out.println("  manifest:   output-check.md SHA-256 " + r.manifestSha256());
                System.out.println("  profile:    " + r.profile());
                System.out.println("  data:       universe " + r.universe());
                System.out.println("  checked against " + r.earlierReleases() + " earlier release(s) of the same data; "
                        + r.earlierChecked() + " of their suppressed counts re-checked");
                System.out.println("  counts:     shown " + r.shown() + ", primary " + r.primary() + ", secondary "
                        + r.secondary() + ", other " + r.other());
                reg.countsByStatus(id).forEach((table, byStatus) -> System.out.println("  table " + table + ": " + byStatus));
                return OK;
            }
        }
    }
}
