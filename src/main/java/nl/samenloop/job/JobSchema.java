package nl.samenloop.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema of a job file (draft-07, which YAML editors such as VS Code's understand), derived from
 * {@link JobContract} and the {@link IndicatorCatalog}: the same keys, allowed values, ranges and name forms
 * the parser checks, and each indicator's options under {@code tables[].options}. It is committed as
 * {@code docs/job-schema.json} (a test fails when that file is stale) and printed by
 * {@code samenloop indicators --schema}. A job file points an editor at it with a first line
 * {@code # yaml-language-server: $schema=../docs/job-schema.json}.
 *
 * <p>What it cannot say — one value against another — only the parser checks: {@link JobContract#CROSS_CHECKS}.
 */
public final class JobSchema {
    public static final String DIALECT = "http://json-schema.org/draft-07/schema#";

    private JobSchema() {
    }

    public static String json(IndicatorCatalog catalog) {
        return Json.write(schema(catalog));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> schema(IndicatorCatalog catalog) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", DIALECT);
        root.put("title", "Samenloop job file");
        root.put("description", "Which tables to make from which microdata, for which periods and areas, under which"
                + " disclosure profile. Documented key by key in docs/job-files.md; `samenloop plan JOB` shows what"
                + " it will run.");
        root.putAll((Map<String, Object>) copy(JobContract.TOP.schema()));

        Map<String, Object> properties = (Map<String, Object>) root.get("properties");
        Map<String, Object> tables = (Map<String, Object>) properties.get("tables");
        Map<String, Object> table = (Map<String, Object>) tables.get("items");
        Map<String, Object> tableProperties = (Map<String, Object>) table.get("properties");
        Map<String, Object> indicator = (Map<String, Object>) tableProperties.get("indicator");
        indicator.put("enum", new ArrayList<>(catalog.names()));
        indicator.put("description", "The indicator this table computes: " + String.join(", ", catalog.names()) + ".");
        List<Object> byIndicator = new ArrayList<>();
        for (String name : catalog.names()) {
            Map<String, OptionSpec> options = catalog.options(name);
            Map<String, Object> then = new LinkedHashMap<>();
            then.put("properties", JobContract.map("options", options(name, options)));
            if (options.values().stream().anyMatch(OptionSpec::required)) {
                then.put("required", List.of("options"));
            }
            byIndicator.add(JobContract.map(
                    "if", JobContract.map("properties", JobContract.map("indicator", JobContract.map("const", name)),
                            "required", List.of("indicator")),
                    "then", then));
        }
        table.put("allOf", byIndicator);
        return root;
    }

    /** The {@code options:} mapping of one indicator: its options and nothing else. */
    static Map<String, Object> options(String indicator, Map<String, OptionSpec> options) {
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        options.forEach((key, spec) -> {
            properties.put(key, option(spec));
            if (spec.required()) {
                required.add(key);
            }
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("description", options.isEmpty() ? indicator + " has no options"
                : "Options of " + indicator + ": " + String.join(", ", options.keySet()) + ".");
        out.put("type", "object");
        out.put("properties", properties);
        if (!required.isEmpty()) {
            out.put("required", required);
        }
        out.put("additionalProperties", false);
        return out;
    }

    /** One option as {@link OptionSpec#check} accepts it. */
    static Map<String, Object> option(OptionSpec spec) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (!spec.description().isEmpty()) {
            s.put("description", spec.description());
        }
        switch (spec.type()) {
            case CHOICE -> {
                s.put("type", "string");
                if (!spec.allowed().isEmpty()) {
                    s.put("enum", spec.allowed());
                }
            }
            case BOOLEAN -> s.put("type", "boolean");
            case INTEGER -> {
                s.put("type", "integer");
                bounds(s, spec, true);
            }
            case NUMBER -> {
                s.put("type", "number");
                bounds(s, spec, false);
            }
            case CODES -> {
                s.put("type", "array");
                s.put("items", code(spec.allowed()));
            }
            case MAP -> {
                s.put("type", "object");
                s.put("additionalProperties", JobContract.map("type", "array", "items", code(spec.allowed())));
            }
            default -> throw new IllegalStateException(spec.type().name());
        }
        if (spec.defaultValue() != null) {
            s.put("default", spec.defaultValue());
        }
        return s;
    }

    private static void bounds(Map<String, Object> s, OptionSpec spec, boolean whole) {
        if (bounded(spec.min())) {
            s.put("minimum", whole ? (Object) spec.min().longValue() : spec.min());
        }
        if (bounded(spec.max())) {
            s.put("maximum", whole ? (Object) spec.max().longValue() : spec.max());
        }
    }

    /** As {@link OptionSpec}: a bound this far out means "no bound". */
    private static boolean bounded(Double bound) {
        return bound != null && !bound.isInfinite() && Math.abs(bound) < 1e15;
    }

    /**
     * One code of a list option. YAML reads an unquoted {@code 01} as the number 1, which the parser matches to
     * the code {@code 01}; so each all-digit code is also allowed as the number it reads as. Without a list of
     * codes: any non-blank text or non-negative whole number.
     */
    static Map<String, Object> code(List<String> allowed) {
        if (allowed.isEmpty()) {
            return JobContract.map("anyOf", List.of(JobContract.map("type", "string", "pattern", "\\S"),
                    JobContract.map("type", "integer", "minimum", 0)));
        }
        List<Object> values = new ArrayList<>(allowed);
        for (String a : allowed) {
            if (a.matches("\\d{1,18}")) {
                long n = Long.parseLong(a);
                String plain = String.valueOf(n);
                if (plain.equals(a) || plain.length() == 1 && ("0" + plain).equals(a)) {
                    values.add(n);
                }
            }
        }
        return JobContract.map("enum", values);
    }

    /** A deep copy of plain maps and lists, so the contract's shared pieces are never changed. */
    private static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), copy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(copy(x)));
            return out;
        }
        return v;
    }
}
