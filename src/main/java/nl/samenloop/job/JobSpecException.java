package nl.samenloop.job;

import java.util.List;

/**
 * A job file that cannot run, with every problem found in it: one line per problem, naming the key path
 * and what is allowed, so the CLI can print them one by one and the user can fix them all in one go.
 */
public final class JobSpecException extends Exception {
    private final String source;
    private final List<String> errors;

    public JobSpecException(String source, List<String> errors) {
        super(summary(source, errors));
        this.source = source;
        this.errors = List.copyOf(errors);
    }

    /** Where the job came from: the file path, or a label for text parsed directly. */
    public String source() {
        return source;
    }

    /** The problems, each one line, in the order they appear in the file. */
    public List<String> errors() {
        return errors;
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
