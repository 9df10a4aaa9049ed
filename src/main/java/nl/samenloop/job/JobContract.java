package nl.samenloop.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The job-file contract in one place (STYLE, "one contract, many views"): every key of a job file with its
 * type, default, allowed values and a one-line description. Everything else is derived from it:
 * <ul>
 * <li>{@link JobSpecParser} takes its key lists, allowed words, ranges and name patterns from here;</li>
 * <li>{@link JobSchema} writes the JSON Schema editors validate and complete job files with
 * ({@code docs/job-schema.json}), adding the indicator options from the {@link IndicatorCatalog};</li>
 * <li>{@link ContractDocs} writes the key tables of {@code docs/job-files.md}.</li>
 * </ul>
 * What a schema cannot say — one value compared with another — the parser alone checks: {@link #CROSS_CHECKS}.
 */
public final class JobContract {
    private JobContract() {
    }

    public static final List<String> GRANULARITIES = List.of("year", "halfyear", "quarter");
    public static final List<String> AGE_REFERENCES = List.of("peildatum", "period_start");
    public static final List<String> BASES = List.of("residence", "responsible");
    public static final List<String> LEVELS = List.of("municipality", "region", "country");
    public static final List<String> CHARTS = List.of("auto", "none", "line", "bar");

    /** Classification years covered by conf/reference. */
    public static final int FIRST_CLASSIFICATION_YEAR = 2015;
    public static final int LAST_CLASSIFICATION_YEAR = 2025;
    /** Period years: the Jeugdwet statistics start in 2015. */
    public static final int FIRST_PERIOD_YEAR = 2015;
    public static final int LAST_PERIOD_YEAR = 2099;
    public static final int MAX_AGE = 120;
    public static final int DEFAULT_MIN_AGE = 0;
    public static final int DEFAULT_MAX_AGE = 22;
    public static final int MIN_ROUND_TO = 1;
    public static final int MAX_ROUND_TO = 1000;
    public static final String DEFAULT_PROFILE = "cbs-microdata";

    public static final Pattern JOB_NAME = Pattern.compile("[a-z0-9-]+");
    public static final Pattern TABLE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    public static final Pattern PROFILE = Pattern.compile("[a-z0-9-]+");
    public static final Pattern REGION = Pattern.compile("JZ\\d{2}");
    public static final Pattern MUNICIPALITY = Pattern.compile("GM\\d{4}");
    public static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** The checks that compare one value with another: the parser makes them, a JSON Schema cannot. */
    public static final List<String> CROSS_CHECKS = List.of(
            "`periods.from` is not after `periods.to`, and each pool's `from` not after its `to`",
            "each pool lies within `periods.from`..`periods.to`",
            "`data_horizon` is not before 1 January of `periods.from`",
            "`population.age_range`: the youngest age is not above the oldest",
            "`output` and `work` are different folders and neither lies inside the other",
            "table names (given or defaulted to the indicator name) are unique within the job");

    /**
     * One key of a job file.
     *
     * @param type        how the docs name its type ("whole number", "list of mappings")
     * @param defaultText the docs' default column: {@code **required**}, a value in backticks, or words
     * @param allowed     the docs' allowed-values column (Markdown)
     * @param description one plain sentence for editors (the schema's {@code description})
     * @param schema      its JSON Schema, without the description; for mapping keys the section's schema
     * @param section     the nested section of a mapping key, or null
     */
    public record Key(String name, boolean required, String type, String defaultText, String allowed,
            String description, Map<String, Object> schema, Section section) {
    }

    /**
     * A mapping of a job file: the top level ({@code ""}), {@code periods}, {@code tables[]}, ...
     *
     * @param heading the docs' section heading under which its table stands
     */
    public record Section(String path, String heading, List<Key> keys) {
        public Section {
            keys = List.copyOf(keys);
        }

        /** The key names, in the order the docs and messages list them. */
        public List<String> names() {
            return keys.stream().map(Key::name).toList();
        }

        public Optional<Key> key(String name) {
            return keys.stream().filter(k -> k.name().equals(name)).findFirst();
        }

        /** The section as a JSON Schema object: its keys, which are required, and nothing else. */
        public Map<String, Object> schema() {
            Map<String, Object> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (Key k : keys) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("description", k.description());
                s.putAll(k.schema());
                properties.put(k.name(), s);
                if (k.required()) {
                    required.add(k.name());
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("type", "object");
            out.put("properties", properties);
            if (!required.isEmpty()) {
                out.put("required", required);
            }
            out.put("additionalProperties", false);
            return out;
        }
    }

    // ---- schema pieces ------------------------------------------------------------------------------------

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * Any one-line text. YAML reads {@code title: 2020} as a number; the parser takes a whole number as its
     * text, so the schema allows integers too. Blank text is an error.
     */
    static Map<String, Object> text() {
        return map("type", List.of("string", "integer"), "pattern", "\\S");
    }

    /**
     * Text of a given form. A whole number is its decimal text, so an integer passes when that text can match
     * the form: any integer where a leading '-' may, non-negative ones where only digits may.
     */
    static Map<String, Object> text(Pattern form) {
        Map<String, Object> m = map("pattern", "^" + form.pattern() + "$");
        if (form.matcher("-5").matches()) {
            m.put("type", List.of("string", "integer"));
        } else if (form.matcher("5").matches()) {
            m.put("type", List.of("string", "integer"));
            m.put("minimum", 0);
        } else {
            m.put("type", "string");
        }
        return m;
    }

    static Map<String, Object> whole(int min, int max) {
        return map("type", "integer", "minimum", min, "maximum", max);
    }

    static Map<String, Object> word(List<String> allowed, String dflt) {
        Map<String, Object> m = map("type", "string", "enum", allowed);
        if (dflt != null) {
            m.put("default", dflt);
        }
        return m;
    }

    static Map<String, Object> codes(Pattern form) {
        return map("type", "array", "items", map("type", "string", "pattern", "^" + form.pattern() + "$"),
                "uniqueItems", true);
    }

    // ---- the sections, innermost first ---------------------------------------------------------------------

    public static final Section PERIODS = new Section("periods", "periods", List.of(
            new Key("from", true, "whole number", "**required**",
                    "a year, `" + FIRST_PERIOD_YEAR + "` to `" + LAST_PERIOD_YEAR + "`",
                    "First year of the reporting periods.", whole(FIRST_PERIOD_YEAR, LAST_PERIOD_YEAR), null),
            new Key("to", true, "whole number", "**required**",
                    "a year, `" + FIRST_PERIOD_YEAR + "` to `" + LAST_PERIOD_YEAR + "`, not before `from`",
                    "Last year of the reporting periods (inclusive).", whole(FIRST_PERIOD_YEAR, LAST_PERIOD_YEAR),
                    null),
            new Key("granularity", false, "word", "`year`",
                    "`year` (`2019JJ00`), `halfyear` (`2019HJ01`, `2019HJ02`), `quarter` (`2019KW01`..`04`)",
                    "Length of one period: year, half-year or quarter.", word(GRANULARITIES, "year"), null)));

    public static final Section POOL = new Section("pools[]", "pools", List.of(
            new Key("from", true, "whole number", "**required**", "a year within `periods`",
                    "First year pooled.", whole(FIRST_PERIOD_YEAR, LAST_PERIOD_YEAR), null),
            new Key("to", true, "whole number", "**required**", "a year within `periods`, not before `from`",
                    "Last year pooled (inclusive).", whole(FIRST_PERIOD_YEAR, LAST_PERIOD_YEAR), null)));

    public static final Section POPULATION = new Section("population", "population", List.of(
            new Key("age_range", false, "list of two whole numbers `[youngest, oldest]`",
                    "`[" + DEFAULT_MIN_AGE + ", " + DEFAULT_MAX_AGE + "]`",
                    "ages `0` to `" + MAX_AGE + "`, youngest not above oldest; a common alternative is `[0, 17]`",
                    "Youngest and oldest age (whole years on the reference date) of the youth population.",
                    map("type", "array", "items", whole(0, MAX_AGE), "minItems", 2, "maxItems", 2,
                            "default", List.of(DEFAULT_MIN_AGE, DEFAULT_MAX_AGE)), null),
            new Key("age_reference", false, "word", "`peildatum`",
                    "`peildatum` (age on the last day of the period) or `period_start` (age on its first day)",
                    "The day on which age is taken.", word(AGE_REFERENCES, "peildatum"), null)));

    public static final Section GEOGRAPHY = new Section("geography", "geography", List.of(
            new Key("basis", false, "word", "`residence`",
                    "`residence` (municipality of residence on the peildatum) or `responsible` (`JGDHGEMEENTE` of"
                            + " the last active trajectory)",
                    "Which municipality a person counts in.", word(BASES, "residence"), null),
            new Key("levels", false, "list of words", "`[municipality, region, country]`",
                    "`municipality`, `region` (jeugdregio), `country` (Netherlands), each at most once, at least one",
                    "Geography levels computed and published, in this order.",
                    map("type", "array", "items", map("type", "string", "enum", LEVELS), "minItems", 1,
                            "uniqueItems", true, "default", LEVELS), null),
            new Key("regions", false, "list of codes", "all",
                    "jeugdregio codes: `JZ` followed by 2 digits, e.g. `JZ29`",
                    "Jeugdregio's to publish (all when left out); a filter on what is published only.",
                    codes(REGION), null),
            new Key("municipalities", false, "list of codes", "all",
                    "municipality codes: `GM` followed by 4 digits, e.g. `GM0599`",
                    "Municipalities to publish (all when left out); a filter on what is published only.",
                    codes(MUNICIPALITY), null)));

    public static final Section TRAJECTORIES = new Section("trajectories", "trajectories", List.of(
            new Key("merge_overlapping", false, "true/false", "`true`",
                    "merge a person's trajectories with the same hulpvorm (and provider, when present) that overlap"
                            + " by at least one day",
                    "Merge overlapping trajectories of one person with the same hulpvorm.",
                    map("type", "boolean", "default", true), null)));

    /** A table entry; its {@code options} depend on the indicator and are added by {@link JobSchema}. */
    public static final Section TABLE = new Section("tables[]", "tables", List.of(
            new Key("indicator", true, "word", "**required**", "an indicator name from the catalog (below)",
                    "The indicator this table computes.", map("type", "string"), null),
            new Key("name", false, "word", "the indicator name",
                    "lowercase letters, digits, `_` and `-`, starting with a letter or digit; unique within the job"
                            + " (it names the files `tables/<name>.csv`, `.xlsx`, `charts/<name>.png`)",
                    "Table name, used for the file names; unique within the job.", text(TABLE_NAME), null),
            new Key("chart", false, "word", "`auto`",
                    "`auto` (a chart where it helps), `none`, `line`, `bar`",
                    "Whether and how to draw the table.", word(CHARTS, "auto"), null),
            new Key("options", false, "mapping", "every option at its default",
                    "the indicator's options (below); an unknown option is an error",
                    "The indicator's options; see the catalog.", map("type", "object"), null)));

    public static final Section DISCLOSURE = new Section("disclosure", "disclosure", List.of(
            new Key("profile", false, "word", "`" + DEFAULT_PROFILE + "`",
                    "a profile name (lowercase letters, digits, `-`) from `conf/`; it holds the rules and thresholds"
                            + " (spec disclosure.md)",
                    "Disclosure-control profile: conf/disclosure/<profile>.yaml.",
                    withDefault(text(PROFILE), DEFAULT_PROFILE), null),
            new Key("round_to", false, "whole number", "as the profile says",
                    "`" + MIN_ROUND_TO + "` to `" + MAX_ROUND_TO + "`: published counts are rounded to a multiple of"
                            + " this, after suppression",
                    "Round published counts to a multiple of this (after suppression); overrides the profile.",
                    whole(MIN_ROUND_TO, MAX_ROUND_TO), null)));

    public static final Section TOP = new Section("", "Top-level keys", List.of(
            new Key("name", true, "text", "**required**",
                    "lowercase letters `a-z`, digits `0-9` and `-`, e.g. `rijnmond-wijkteam`",
                    "Job name; names the default output and work folders.", text(JOB_NAME), null),
            new Key("title", false, "text", "none", "any one-line text; shown in the plan and the package",
                    "A title for the plan and the package.", text(), null),
            new Key("input", true, "folder path", "**required**",
                    "folder with the microdata files (see spec data-layout.md); input, output and work may also be"
                            + " `hdfs://`, `s3a://` or `file:` URIs (see Paths)",
                    "Folder with the microdata files.", text(), null),
            new Key("output", false, "folder path", "`out/<name>`", "publication package folder",
                    "Publication package folder (default out/<name>).", text(), null),
            new Key("work", false, "folder path", "`work/<name>`",
                    "secure working area: staging, rejects, quality report, stage outputs (linked data, cell tables, protection), internal audit, locks and logs",
                    "Secure working area with record-level data (default work/<name>); never published.", text(),
                    null),
            new Key("classification_year", true, "whole number", "**required**",
                    "`" + FIRST_CLASSIFICATION_YEAR + "` to `" + LAST_CLASSIFICATION_YEAR + "` (the years covered by"
                            + " `conf/reference`); municipalities and jeugdregio's are reported in this year's"
                            + " classification",
                    "Year whose municipal classification the tables use.",
                    whole(FIRST_CLASSIFICATION_YEAR, LAST_CLASSIFICATION_YEAR), null),
            new Key("periods", true, "mapping", "**required**", "see [periods](#periods)",
                    "Reporting periods: every period of the granularity in the years from..to.", PERIODS.schema(),
                    PERIODS),
            new Key("pools", false, "list of mappings", "none", "see [pools](#pools)",
                    "Multi-period averages: spans of years whose counts are summed before dividing.",
                    map("type", "array", "items", POOL.schema()), POOL),
            new Key("data_horizon", false, "date `YYYY-MM-DD`", "derived from the data",
                    "not before 1 January of `periods.from`",
                    "Last day that counts as observed (derived from the data when left out).",
                    map("type", "string", "pattern", "^" + DATE.pattern() + "$", "format", "date"), null),
            new Key("population", false, "mapping",
                    "`{age_range: [" + DEFAULT_MIN_AGE + ", " + DEFAULT_MAX_AGE + "], age_reference: peildatum}`",
                    "see [population](#population)", "Who is in the youth population.", POPULATION.schema(),
                    POPULATION),
            new Key("geography", false, "mapping (or a single word)",
                    "`{basis: residence, levels: [municipality, region, country]}`", "see [geography](#geography)",
                    "Geography basis, levels and what is published; a single word sets only the basis.",
                    map("anyOf", List.of(word(BASES, null), GEOGRAPHY.schema())), GEOGRAPHY),
            new Key("trajectories", false, "mapping", "`{merge_overlapping: true}`",
                    "see [trajectories](#trajectories)", "How trajectories are prepared.", TRAJECTORIES.schema(),
                    TRAJECTORIES),
            new Key("tables", true, "list of mappings", "**required**, at least one", "see [tables](#tables)",
                    "The output tables, at least one.", map("type", "array", "minItems", 1, "items", TABLE.schema()),
                    TABLE),
            new Key("disclosure", false, "mapping", "`{profile: " + DEFAULT_PROFILE + "}`",
                    "see [disclosure](#disclosure)", "Disclosure-control profile and rounding.", DISCLOSURE.schema(),
                    DISCLOSURE)));

    /** Every section, top level first, in the order of docs/job-files.md. */
    public static final List<Section> SECTIONS = List.of(TOP, PERIODS, POOL, POPULATION, GEOGRAPHY, TRAJECTORIES,
            TABLE, DISCLOSURE);

    private static Map<String, Object> withDefault(Map<String, Object> schema, Object dflt) {
        Map<String, Object> m = new LinkedHashMap<>(schema);
        m.put("default", dflt);
        return m;
    }
}
