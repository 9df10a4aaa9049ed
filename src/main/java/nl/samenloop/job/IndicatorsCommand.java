package nl.samenloop.job;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import nl.samenloop.indicators.Indicator;
import nl.samenloop.indicators.Indicators;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code samenloop indicators [NAME] [--schema]}: the catalog a job file chooses from — every registered
 * indicator with its spec code, title and options (type, default, allowed values, meaning) — or the JSON
 * Schema of job files. Read from the same registry the parser checks against, so it cannot go stale.
 */
@Command(name = "indicators", description = {"List the indicators a job's tables can use, with their options.",
        "With --schema: print the JSON Schema of job files (docs/job-schema.json) for editors."})
public final class IndicatorsCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "show only this indicator")
    String name;

    @Option(names = "--schema", description = "print the JSON Schema of job files instead")
    boolean schema;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        IndicatorCatalog catalog = new RegistryCatalog();
        if (schema) {
            out.print(JobSchema.json(catalog));
            out.flush();
            return Cli.OK;
        }
        List<String> names = new ArrayList<>(catalog.names());
        if (name != null) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown indicator '" + Values.oneLine(name) + "'; allowed: "
                        + String.join(", ", names) + Suggest.hint(name, names));
            }
            names = List.of(name);
        }
        out.print(describe(catalog, names));
        out.flush();
        return Cli.OK;
    }

    /** The listing: per indicator a header line, then each option with its allowed values, default and meaning. */
    static String describe(IndicatorCatalog catalog, List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String n : names) {
            Indicator ind = Indicators.get(n);
            sb.append(ind.code()).append("  ").append(n).append(" — ").append(ind.title()).append('\n');
            Map<String, OptionSpec> options = catalog.options(n);
            if (options.isEmpty()) {
                sb.append("    no options\n");
            }
            int width = options.keySet().stream().mapToInt(String::length).max().orElse(0);
            options.forEach((key, o) -> {
                String pad = " ".repeat(width - key.length());
                sb.append("    ").append(key).append(pad).append("  ").append(plain(ContractDocs.allowedText(o)))
                        .append('\n');
                sb.append("    ").append(" ".repeat(width)).append("  default ")
                        .append(o.required() ? "none (required)" : plain(ContractDocs.defaultText(o)))
                        .append(o.description().isEmpty() ? "" : "; " + o.description()).append('\n');
            });
            sb.append('\n');
        }
        sb.append("Set options per table in a job file: tables: [{indicator: NAME, options: {OPTION: VALUE}}].\n");
        sb.append("Every key of a job file: docs/job-files.md; for editors: samenloop indicators --schema.\n");
        return sb.toString();
    }

    /** Markdown's backticks are for the docs; a terminal shows the words. */
    private static String plain(String markdown) {
        return markdown.replace("`", "");
    }
}
