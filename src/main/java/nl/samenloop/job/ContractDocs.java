package nl.samenloop.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import nl.samenloop.job.JobContract.Key;
import nl.samenloop.job.JobContract.Section;

/**
 * The generated parts of the job-file docs: the key tables of {@code docs/job-files.md} (from
 * {@link JobContract}), its indicator-option table (from the {@link IndicatorCatalog}) and
 * {@code docs/job-schema.json} (from {@link JobSchema}). In the Markdown each generated block stands between
 * {@code <!-- generated: ID -->} and {@code <!-- end generated -->}; the prose around it is written by hand.
 * {@code JobContractFilesTest} fails when a committed file differs from what this makes, and rewrites them
 * when run with {@code -Dsamenloop.regenerate=true}.
 */
public final class ContractDocs {
    static final String END = "<!-- end generated -->";
    private static final Pattern BLOCK = Pattern.compile("<!-- generated: ([a-z-]+) -->\\n(.*?)" + Pattern.quote(END),
            Pattern.DOTALL);

    private ContractDocs() {
    }

    /** Block id of a section: {@code top}, {@code periods}, {@code pools}, {@code tables}, ... */
    static String id(Section s) {
        return s.path().isEmpty() ? "top" : s.path().replace("[]", "");
    }

    /** The key table of one section. */
    static String table(Section s) {
        StringBuilder sb = new StringBuilder();
        sb.append("| key | type | default | allowed values |\n");
        sb.append("|-----|------|---------|----------------|\n");
        for (Key k : s.keys()) {
            sb.append("| `").append(k.name()).append("` | ").append(k.type()).append(" | ").append(k.defaultText())
                    .append(" | ").append(k.allowed()).append(" |\n");
        }
        return sb.toString();
    }

    /** One row per option (one per indicator without options): code, name, type, default, allowed, meaning. */
    static String indicatorTable(IndicatorCatalog catalog, Function<String, String> code) {
        StringBuilder sb = new StringBuilder();
        sb.append("| indicator | spec | option | type | default | allowed values | meaning |\n");
        sb.append("|-----------|------|--------|------|---------|----------------|---------|\n");
        for (String name : catalog.names()) {
            Map<String, OptionSpec> options = catalog.options(name);
            if (options.isEmpty()) {
                sb.append("| `").append(name).append("` | ").append(code.apply(name)).append(" | — | | | | no options |\n");
            }
            boolean first = true;
            for (Map.Entry<String, OptionSpec> e : options.entrySet()) {
                OptionSpec o = e.getValue();
                sb.append("| ").append(first ? "`" + name + "`" : "").append(" | ").append(first ? code.apply(name) : "")
                        .append(" | `").append(e.getKey()).append("` | ").append(typeText(o)).append(" | ")
                        .append(defaultText(o)).append(" | ").append(allowedText(o)).append(" | ")
                        .append(o.description()).append(" |\n");
                first = false;
            }
        }
        return sb.toString();
    }

    /** The checks beyond the schema, as a Markdown list. */
    static String crossChecks() {
        return JobContract.CROSS_CHECKS.stream().map(c -> "- " + c + "\n").collect(Collectors.joining());
    }

    static String typeText(OptionSpec o) {
        return switch (o.type()) {
            case CHOICE -> "word";
            case BOOLEAN -> "true/false";
            case INTEGER -> "whole number";
            case NUMBER -> "number";
            case CODES -> "list";
            case MAP -> "mapping of name: list of codes";
        };
    }

    static String defaultText(OptionSpec o) {
        Object d = o.defaultValue();
        if (d == null) {
            return "**required**";
        }
        if (o.type() == OptionSpec.Type.CODES && d.equals(o.allowed()) && o.allowed().size() > 4) {
            return "all";
        }
        return "`" + show(d) + "`";
    }

    static String allowedText(OptionSpec o) {
        return switch (o.type()) {
            case CHOICE, CODES -> o.allowed().isEmpty() ? o.allowedText()
                    : (o.type() == OptionSpec.Type.CODES ? "a list of " : "")
                            + o.allowed().stream().map(a -> "`" + a + "`").collect(Collectors.joining(", "));
            case BOOLEAN -> "`true`, `false`";
            default -> o.allowedText();
        };
    }

    /** A value as YAML flow style writes it: {@code [A, B]}, {@code {}}, {@code 1.0}. */
    static String show(Object v) {
        if (v instanceof List<?> l) {
            return "[" + l.stream().map(ContractDocs::show).collect(Collectors.joining(", ")) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            return "{" + m.entrySet().stream().map(e -> e.getKey() + ": " + show(e.getValue()))
                    .collect(Collectors.joining(", ")) + "}";
        }
        return String.valueOf(v);
    }

    /** What the block {@code id} holds now. */
    static String block(String id, IndicatorCatalog catalog, Function<String, String> code) {
        if (id.equals("indicators")) {
            return indicatorTable(catalog, code);
        }
        if (id.equals("cross-checks")) {
            return crossChecks();
        }
        for (Section s : JobContract.SECTIONS) {
            if (id(s).equals(id)) {
                return table(s);
            }
        }
        throw new IllegalArgumentException("docs/job-files.md: no generated block is called '" + id + "'");
    }

    /** {@code doc} with every generated block replaced by what the contract and the catalog say now. */
    static String update(String doc, IndicatorCatalog catalog, Function<String, String> code) {
        Matcher m = BLOCK.matcher(doc);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String id = m.group(1);
            m.appendReplacement(sb, Matcher.quoteReplacement("<!-- generated: " + id + " -->\n"
                    + block(id, catalog, code) + END));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The block ids a doc holds, in order. */
    static List<String> blockIds(String doc) {
        return BLOCK.matcher(doc).results().map(r -> r.group(1)).toList();
    }

    /** Rewrites {@code docs/job-files.md}'s generated blocks and {@code docs/job-schema.json} in {@code docs}. */
    static void write(Path docs, IndicatorCatalog catalog, Function<String, String> code) throws IOException {
        Path md = docs.resolve("job-files.md");
        Files.writeString(md, update(Files.readString(md, StandardCharsets.UTF_8), catalog, code), StandardCharsets.UTF_8);
        Files.writeString(docs.resolve("job-schema.json"), JobSchema.json(catalog), StandardCharsets.UTF_8);
    }
}
