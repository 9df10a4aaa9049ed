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
import nl.samenloop.engine.Progress;
import nl.samenloop.generate.GenerateOptions;
import nl.samenloop.generate.GenerationResult;
import nl.samenloop.generate.Generator;
import nl.samenloop.ingest.Ingest;
import nl.samenloop.ingest.IngestException;
import nl.samenloop.ingest.IngestReport;
import nl.samenloop.model.Reference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code samenloop} command. Exit codes scripts can rely on:
 * 0 done; 1 unexpected failure; 2 bad command line or job file; 3 bad input data (missing file or column,
 * unreadable file, reconciliation failure); 4 disclosure control refused the package.
 */
@Command(name = "samenloop", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "samenloop 0.1",
        description = "Links pseudonymised youth-care microdata and publishes statistics that pass disclosure control.",
        subcommands = {Cli.Run.class, Cli.PlanCommand.class, Cli.IngestCommand.class, Cli.Generate.class, Cli.Audit.class,
                IndicatorsCommand.class})
public final class Cli {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int BAD_INPUT = 3;
    public static final int REFUSED = 4;

    @Option(names = "--conf", description = "folder with rules, column mappings and reference data (default: ./conf)", scope = CommandLine.ScopeType.INHERIT)
    Path conf;

    public static void main(String[] args) {
        int code = execute(args);
        Engine.stop();
        System.exit(code);
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int execute(String... args) {
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
        err.println("samenloop: failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        return FAILED;
    }

    Path confDir() {
        if (conf != null) {
            return conf;
        }
        String env = System.getenv("SAMENLOOP_CONF");
        return env != null ? Path.of(env) : Path.of("conf");
    }

    static Plan plan(Path jobFile, Path input, Path output, Path work, Path confDir) throws JobSpecException {
        if (!Files.isRegularFile(jobFile)) {
            throw new IllegalArgumentException("job file not found: " + jobFile);
        }
        JobSpec job = JobSpecParser.parse(jobFile, new RegistryCatalog());
        if (input != null || output != null || work != null) {
            job = new JobSpec(job.name(), job.title(), input != null ? input.toAbsolutePath() : job.input(),
                    output != null ? output.toAbsolutePath() : job.output(), work != null ? work.toAbsolutePath() : job.work(), job.classificationYear(), job.periods(),
                    job.pools(), job.dataHorizon(), job.population(), job.geography(), job.trajectories(), job.tables(), job.disclosure());
        }
        List<String> problems = ReferenceCheck.problems(job, Reference.load(confDir));
        if (!problems.isEmpty()) {
            throw new JobSpecException(jobFile.toString(), problems);
        }
        if (!Files.isDirectory(job.input())) {
            throw new IllegalArgumentException("input folder not found: " + job.input() + " (key 'input' in " + jobFile + ")");
        }
        // The profile is read now, so a missing one stops the run before Spark starts and the plan shows its rules.
        return Plan.compile(job, new RegistryCatalog(), Profile.load(confDir, job.disclosure().profile()));
    }

    @Command(name = "run", description = "Run a job file and write its publication package.")
    static final class Run implements Callable<Integer> {
        @CommandLine.ParentCommand
        Cli parent;
        @Parameters(index = "0", paramLabel = "JOB", description = "job file (YAML)")
        Path job;
        @Option(names = "--input", description = "input folder (overrides the job's 'input')")
        Path input;
        @Option(names = "--output", description = "package folder (overrides the job's 'output')")
        Path output;
        @Option(names = "--work", description = "secure working area (overrides the job's 'work')")
        Path work;
        @Option(names = "--master", description = "Spark master URL (default local[*]; e.g. spark://host:7077)")
        String master;
        @Option(names = "--fresh", description = "ingest again even when the working area holds the same input, staged")
        boolean fresh;

        @Override
        public Integer call() throws Exception {
            Plan plan = plan(job, input, output, work, parent.confDir());
            JobRunner.Result r;
            try (Progress progress = new Progress(plan.job().name()).heartbeat()) {
                r = JobRunner.run(plan, parent.confDir(), master, fresh, progress);
            }
            System.out.println("package: " + r.packageDir());
            System.out.println("audit: " + r.summary().verdict());
            r.failedTables().forEach(f -> System.out.println("failed table: " + f));
            return r.failedTables().isEmpty() ? OK : FAILED;
        }
    }

    @Command(name = "plan", description = "Show the stages a job file will run, with every option resolved; runs nothing.")
    static final class PlanCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        Cli parent;
        @Parameters(index = "0", paramLabel = "JOB")
        Path job;

        @Override
        public Integer call() throws Exception {
            System.out.print(plan(job, null, null, null, parent.confDir()).describe());
            return OK;
        }
    }

    @Command(name = "ingest", description = "Read, validate and stage a folder of microdata; writes the data-quality report.")
    static final class IngestCommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        Cli parent;
        @Option(names = "--input", required = true, description = "folder of microdata files")
        Path input;
        @Option(names = "--work", required = true, description = "secure working area (staging, rejects, quality report)")
        Path work;
        @Option(names = "--master", description = "Spark master URL (default local[*])")
        String master;

        @Override
        public Integer call() {
            if (!Files.isDirectory(input)) {
                throw new IllegalArgumentException("input folder not found: " + input);
            }
            IngestReport r;
            try (Progress progress = new Progress("ingest").heartbeat()) {
                r = Ingest.run(Engine.session(master, progress), input, work, parent.confDir(), progress);
            }
            System.out.println("quality report: " + work.resolve("quality"));
            return r.passed() ? OK : BAD_INPUT;
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

    @Command(name = "audit", description = "Re-check a publication package: re-run the interval audit from its public files.")
    static final class Audit implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "PACKAGE")
        Path pkg;

        @Override
        public Integer call() {
            if (!Files.isDirectory(pkg)) {
                throw new IllegalArgumentException("package folder not found: " + pkg);
            }
            PackageRecheck.Result r = PackageRecheck.recheck(pkg);
            System.out.println("audit: " + r.verdict() + " (" + r.checked() + " suppressed counts checked)");
            List<String> f = r.failures();
            f.forEach(System.out::println);
            return r.passed() ? OK : REFUSED;
        }
    }
}
