package nl.samenloop.generate;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import nl.samenloop.model.Reference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The generator on its own, for benchmarks and scripts without the rest of the CLI:
 * {@code java -cp ... nl.samenloop.generate.GenerateCommand --out DIR [options]}, the same options as
 * {@code samenloop generate} ({@link GenerateOptions}; {@code --help} lists them). Exit codes as the CLI's:
 * 0 done, 2 bad command line.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write synthetic microdata in the CBS layout (deterministic from the seed).")
public final class GenerateCommand implements Callable<Integer> {
    @Mixin
    GenerateOptions options;

    @Option(names = "--conf", paramLabel = "DIR", defaultValue = "conf",
            description = "folder holding reference/ (default: ${DEFAULT-VALUE})")
    Path conf;

    private GenerationResult result;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code; bad options give one line on stderr and 2. */
    static int execute(String... args) {
        CommandLine cl = new CommandLine(new GenerateCommand());
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("generate: " + e.getMessage());
            e.getCommandLine().getErr().println("try: generate --help");
            return 2;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("generate: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl.execute(args);
    }

    /** Parses {@code args} as the command line does, generates, and returns the result (manifest counts). */
    public static GenerationResult run(String... args) {
        GenerateCommand c = new GenerateCommand();
        try {
            new CommandLine(c).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        c.call();
        return c.result;
    }

    @Override
    public Integer call() {
        result = Generator.generate(options.spec(), options.out(), Reference.load(conf));
        return 0;
    }
}
