package nl.samenloop.indicators;

import java.util.List;

/**
 * One indicator option a job may set (spec indicators.md, *option*): its allowed values (empty = any of
 * its type), default and, for numbers, the range it must lie in (null: no bound on that side). The job
 * layer validates job files against these and derives the job-file schema and docs from them.
 */
public record Option(String name, Type type, List<String> allowed, Object defaultValue, String description,
        Double min, Double max) {
    public enum Type { CHOICE, BOOLEAN, INTEGER, NUMBER, LIST, MAP }

    public Option {
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    /** An option without bounds. */
    public Option(String name, Type type, List<String> allowed, Object defaultValue, String description) {
        this(name, type, allowed, defaultValue, description, null, null);
    }

    public static Option choice(String name, List<String> allowed, String dflt, String description) {
        return new Option(name, Type.CHOICE, allowed, dflt, description);
    }

    public static Option bool(String name, boolean dflt, String description) {
        return new Option(name, Type.BOOLEAN, List.of(), dflt, description);
    }

    public static Option number(String name, double dflt, String description) {
        return new Option(name, Type.NUMBER, List.of(), dflt, description);
    }

    public static Option integer(String name, long dflt, String description) {
        return new Option(name, Type.INTEGER, List.of(), dflt, description);
    }

    /** Named lists of codes (I6 groups of municipalities); an empty default means "not given". */
    public static Option map(String name, java.util.Map<String, List<String>> dflt, String description) {
        return new Option(name, Type.MAP, List.of(), dflt, description);
    }

    public static Option list(String name, List<String> allowed, List<String> dflt, String description) {
        return new Option(name, Type.LIST, allowed, dflt, description);
    }

    /** The same number option, allowed only from {@code min} to {@code max} inclusive. */
    public Option within(double min, double max) {
        return new Option(name, type, allowed, defaultValue, description, min, max);
    }

    /** The same number option, allowed only from {@code min} up. */
    public Option atLeast(double min) {
        return new Option(name, type, allowed, defaultValue, description, min, null);
    }
}
