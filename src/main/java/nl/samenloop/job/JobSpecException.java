package nl.samenloop.job;

import java.util.List;

/**
 * A job file that cannot run, with every problem found in it: one line per problem, naming the key path
 * and what is allowed, so the CLI can print them one by one and the user can fix them all in one go.
 */
public final class JobSpecException extends Exception {
    private final String source;
    private final List<String> errors;
    private final List<Integer> lines;

    public JobSpecException(String source, List<String> errors) {
        this(source, errors, java.util.Collections.nCopies(errors.size(), 0));
    }

    /** @param lines per error, the 1-based line of the job file it is about, or 0 when none */
    public JobSpecException(String source, List<String> errors, List<Integer> lines) {
        super(summary(source, located(errors, lines)));
        if (lines.size() != errors.size()) {
            throw new IllegalArgumentException("one line number per error");
        }
        this.source = source;
        this.errors = List.copyOf(errors);
        this.lines = List.copyOf(lines);
    }

    /** Where the job came from: the file path, or a label for text parsed directly. */
    public String source() {
        return source;
    }

    /** The problems, each one line, in the order they appear in the file. */
    public List<String> errors() {
        return errors;
    }

    /** Per error, the 1-based line of the job file it is about, or 0 when it is about no one line. */
    public List<Integer> lines() {
        return lines;
    }

    /** The errors as the CLI prints them: "line 7: periods.granularity: ..." where the line is known. */
    public List<String> located() {
        return located(errors, lines);
    }

    private static List<String> located(List<String> errors, List<Integer> lines) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            out.add(lines.get(i) > 0 ? "line " + lines.get(i) + ": " + errors.get(i) : errors.get(i));
        }
        return List.copyOf(out);
    }

    private static String summary(String source, List<String> errors) {
        StringBuilder sb = new StringBuilder("job file ").append(source).append(" has ").append(errors.size())
                .append(errors.size() == 1 ? " problem:" : " problems:");
        for (String e : errors) {
            sb.append(System.lineSeparator()).append("  ").append(e);
        }
        return sb.toString();
    }
}
