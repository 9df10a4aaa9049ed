package nl.samenloop.job;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;

import nl.samenloop.job.JobSpec.AgeReference;
import nl.samenloop.job.JobSpec.Chart;
import nl.samenloop.job.JobSpec.DisclosureSpec;
import nl.samenloop.job.JobSpec.GeographyBasis;
import nl.samenloop.job.JobSpec.GeographySpec;
import nl.samenloop.job.JobSpec.PeriodsSpec;
import nl.samenloop.job.JobSpec.PoolSpec;
import nl.samenloop.job.JobSpec.PopulationSpec;
import nl.samenloop.job.JobSpec.TableSpec;
import nl.samenloop.job.JobSpec.TrajectoriesSpec;
import nl.samenloop.model.GeoLevel;
import nl.samenloop.model.Granularity;
import nl.samenloop.storage.FolderRules;
import nl.samenloop.storage.Location;

/**
 * Reads a job file (YAML) into a {@link JobSpec}, checking everything that can be checked without data:
 * keys, types, allowed values, ranges, indicator names and options (against an {@link IndicatorCatalog}).
 * All problems are collected and thrown together as one {@link JobSpecException}, one line each, naming
 * the key path and what is allowed. The format is documented key by key in docs/job-files.md.
 *
 * <p>Relative paths ({@code input}, {@code output}, {@code work}) are resolved against the directory the
 * command runs in (normally the project root), not against the job file's folder: job files live in
 * {@code jobs/} and name {@code test-data/...}, {@code out/...} from the root.
 */
public final class JobSpecParser {

    // Keys, allowed words, ranges and name forms come from the one contract that the JSON Schema and the docs'
    // tables are made from too (JobContract); only the checks that compare values are this parser's alone.
    public static final List<String> TOP_KEYS = JobContract.TOP.names();
    static final List<String> PERIOD_KEYS = JobContract.PERIODS.names();
    static final List<String> POOL_KEYS = JobContract.POOL.names();
    static final List<String> POPULATION_KEYS = JobContract.POPULATION.names();
    static final List<String> GEOGRAPHY_KEYS = JobContract.GEOGRAPHY.names();
    static final List<String> TRAJECTORY_KEYS = JobContract.TRAJECTORIES.names();
    static final List<String> TABLE_KEYS = JobContract.TABLE.names();
    static final List<String> DISCLOSURE_KEYS = JobContract.DISCLOSURE.names();

    static final List<String> GRANULARITIES = JobContract.GRANULARITIES;
    static final List<String> AGE_REFERENCES = JobContract.AGE_REFERENCES;
    static final List<String> BASES = JobContract.BASES;
    static final List<String> LEVELS = JobContract.LEVELS;
    static final List<String> CHARTS = JobContract.CHARTS;

    /** Classification years covered by conf/reference. */
    public static final int FIRST_CLASSIFICATION_YEAR = JobContract.FIRST_CLASSIFICATION_YEAR;
    public static final int LAST_CLASSIFICATION_YEAR = JobContract.LAST_CLASSIFICATION_YEAR;
    /** Period years: the Jeugdwet statistics start in 2015. */
    public static final int FIRST_PERIOD_YEAR = JobContract.FIRST_PERIOD_YEAR;
    public static final int LAST_PERIOD_YEAR = JobContract.LAST_PERIOD_YEAR;
    public static final int MAX_AGE = JobContract.MAX_AGE;
    public static final int DEFAULT_MIN_AGE = JobContract.DEFAULT_MIN_AGE;
    public static final int DEFAULT_MAX_AGE = JobContract.DEFAULT_MAX_AGE;
    public static final String DEFAULT_PROFILE = JobContract.DEFAULT_PROFILE;

    private static final Pattern JOB_NAME = JobContract.JOB_NAME;
    private static final Pattern TABLE_NAME = JobContract.TABLE_NAME;
    private static final Pattern PROFILE = JobContract.PROFILE;
    private static final Pattern REGION = JobContract.REGION;
    private static final Pattern MUNICIPALITY = JobContract.MUNICIPALITY;
    private static final Pattern DATE = JobContract.DATE;

    private JobSpecParser() {
    }

    /**
     * Job files are a few kilobytes; anything over this is refused before it is parsed (a YAML parser given
     * megabytes on one line takes minutes, a gigabyte exhausts memory).
     */
    public static final int MAX_JOB_FILE_BYTES = 64 * 1024;

    /** Parses a job file; relative paths in it are resolved against the current working directory. */
    public static JobSpec parse(Path file, IndicatorCatalog catalog) throws JobSpecException {
        byte[] bytes;
        // Read at most one byte past the limit: the size is judged from what is read, so a device or pipe
        // (no size of its own) is bounded too.
        try (java.io.InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_JOB_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new JobSpecException(file.toString(), List.of("cannot read job file " + file + ": no such file"));
        } catch (IOException e) {
            throw new JobSpecException(file.toString(), List.of("cannot read job file " + file + ": " + e.getMessage()));
        }
        if (bytes.length > MAX_JOB_FILE_BYTES) {
            throw new JobSpecException(file.toString(), List.of(tooLarge(file.toString())));
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString(), catalog, workingDirectory());
    }

    private static String tooLarge(String what) {
        return "job file is larger than " + MAX_JOB_FILE_BYTES / 1024 + " KiB; a job file is a few kilobytes of keys"
                + " (name:, input:, periods:, tables:, ...) — is " + what + " the right file?";
    }

    /** Parses job-file text; relative paths are resolved against the current working directory. */
    public static JobSpec parse(String yaml, IndicatorCatalog catalog) throws JobSpecException {
        return parse(yaml, "(text)", catalog, workingDirectory());
    }

    /**
     * Parses job-file text named {@code source} in messages, resolving relative paths against {@code baseDir}.
     */
    public static JobSpec parse(String yaml, String source, IndicatorCatalog catalog, Path baseDir)
            throws JobSpecException {
        if (yaml.length() > MAX_JOB_FILE_BYTES) {
            throw new JobSpecException(source, List.of(tooLarge(source)));
        }
        List<String> errors = new ArrayList<>();
        Object doc = load(yaml, errors);
        if (!errors.isEmpty()) {
            throw new JobSpecException(source, errors);
        }
        if (!(doc instanceof Map<?, ?> top)) {
            throw new JobSpecException(source, List.of(doc == null
                    ? "job file is empty; expected keys such as name:, input:, periods:, tables:"
                    : "job file must be a mapping of keys (name:, input:, periods:, tables:, ...), got "
                            + Values.describe(doc)));
        }
        JobSpec spec = new Reader(errors, catalog, baseDir.toAbsolutePath().normalize()).job(top);
        if (!errors.isEmpty()) {
            KeyLines keyLines = new KeyLines(new Yaml(new TextDates(new LoaderOptions())).compose(new StringReader(yaml)));
            // File order, so the user can work down the file; problems on no one line (a missing top-level
            // key) last. The sort is stable: problems on one line keep the order they were found in.
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < errors.size(); i++) {
                order.add(i);
            }
            List<Integer> lines = errors.stream().map(keyLines::lineOf).toList();
            order.sort(java.util.Comparator.comparingInt(i -> lines.get(i) == 0 ? Integer.MAX_VALUE : lines.get(i)));
            throw new JobSpecException(source, order.stream().map(errors::get).toList(),
                    order.stream().map(lines::get).toList());
        }
        return spec;
    }

    private static Path workingDirectory() {
        return Path.of("").toAbsolutePath();
    }

    /**
     * YAML to plain maps, lists and scalars. Dates stay text (we parse them ourselves, no time zones);
     * duplicate keys are an error rather than "last one wins".
     */
    private static Object load(String yaml, List<String> errors) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setCodePointLimit(MAX_JOB_FILE_BYTES);
        try {
            return new Yaml(new TextDates(options)).load(yaml);
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark();
            String where = m == null ? "" : "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1) + ": ";
            String problem = e.getProblem() == null ? "" : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            errors.add("job file is not valid YAML: " + where + Values.oneLine(problem + context));
        } catch (YAMLException e) {
            errors.add("job file is not valid YAML: " + Values.oneLine(String.valueOf(e.getMessage())));
        }
        return null;
    }

    private static final class TextDates extends SafeConstructor {
        TextDates(LoaderOptions options) {
            super(options);
            this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }
    }

    /** One pass over the document; every method adds to {@code errors} and returns null when it cannot. */
    private static final class Reader {
        private final List<String> errors;
        private final IndicatorCatalog catalog;
        private final Path base;

        Reader(List<String> errors, IndicatorCatalog catalog, Path base) {
            this.errors = errors;
            this.catalog = catalog;
            this.base = base;
        }

        JobSpec job(Map<?, ?> raw) {
            YamlSection top = new YamlSection("", raw, TOP_KEYS, errors);

            String name = top.text("name", true, "a job name of lowercase letters a-z, digits 0-9 and '-'");
            if (name != null && !JOB_NAME.matcher(name).matches()) {
                errors.add("name: " + Values.show(name) + " is not allowed; allowed: lowercase letters a-z, digits 0-9"
                        + " and '-', e.g. rijnmond-wijkteam");
                name = null;
            }
            String title = top.text("title", false, "text");
            Location input = path(top, "input", true, null);
            Location output = path(top, "output", false, name == null ? null : "out/" + name);
            Location work = path(top, "work", false, name == null ? null : "work/" + name);
            errors.addAll(FolderRules.problems(input, output, work));

            Long classificationYear = top.whole("classification_year", true, "a year such as 2020",
                    FIRST_CLASSIFICATION_YEAR, LAST_CLASSIFICATION_YEAR);
            PeriodsSpec periods = periods(top);
            List<PoolSpec> pools = pools(top, periods);
            LocalDate horizon = dataHorizon(top, periods);
            PopulationSpec population = population(top);
            GeographySpec geography = geography(top);
            TrajectoriesSpec trajectories = trajectories(top);
            List<TableSpec> tables = tables(top);
            DisclosureSpec disclosure = disclosure(top);

            if (!errors.isEmpty()) {
                return null;
            }
            return new JobSpec(name, Optional.ofNullable(title), input, output, work, classificationYear.intValue(),
                    periods, pools, Optional.ofNullable(horizon), population, geography, trajectories, tables,
                    disclosure);
        }

        /** A local folder (relative: against {@code base}) or a Hadoop URI: hdfs://, s3a://, file: (Location). */
        private Location path(YamlSection s, String key, boolean required, String fallback) {
            String text = s.text(key, required, "a folder path");
            if (text == null) {
                return s.has(key) || fallback == null ? null : Location.local(base.resolve(fallback).normalize());
            }
            try {
                return Location.parse(text, base);
            } catch (IllegalArgumentException e) {
                errors.add(s.at(key) + ": " + Values.show(text) + " is not a usable folder path or URI"
                        + (text.contains(":") ? " (" + e.getMessage() + ")" : ""));
                return null;
            }
        }

        private PeriodsSpec periods(YamlSection top) {
            YamlSection s = top.section("periods", true, PERIOD_KEYS);
            if (s == null) {
                return null;
            }
            String expected = "a year such as 2015";
            Long from = s.whole("from", true, expected, FIRST_PERIOD_YEAR, LAST_PERIOD_YEAR);
            Long to = s.whole("to", true, expected, FIRST_PERIOD_YEAR, LAST_PERIOD_YEAR);
            String g = s.choice("granularity", GRANULARITIES);
            if (from != null && to != null && from > to) {
                errors.add("periods: from (" + from + ") is after to (" + to + ")");
                return null;
            }
            if (from == null || to == null || s.has("granularity") && g == null) {
                return null;
            }
            return new PeriodsSpec(from.intValue(), to.intValue(), g == null ? Granularity.YEAR : Granularity.parse(g));
        }

        private List<PoolSpec> pools(YamlSection top, PeriodsSpec periods) {
            List<?> raw = top.list("pools", false, "a list of spans such as [{from: 2016, to: 2020}]");
            List<PoolSpec> out = new ArrayList<>();
            if (raw == null) {
                return out;
            }
            for (int i = 0; i < raw.size(); i++) {
                String path = "pools[" + i + "]";
                if (!(raw.get(i) instanceof Map<?, ?> m)) {
                    errors.add(path + ": expected a span such as {from: 2016, to: 2020}, got " + Values.describe(raw.get(i)));
                    continue;
                }
                YamlSection s = new YamlSection(path, m, POOL_KEYS, errors);
                Long from = s.whole("from", true, "a year such as 2016", FIRST_PERIOD_YEAR, LAST_PERIOD_YEAR);
                Long to = s.whole("to", true, "a year such as 2020", FIRST_PERIOD_YEAR, LAST_PERIOD_YEAR);
                if (from == null || to == null) {
                    continue;
                }
                if (from > to) {
                    errors.add(path + ": from (" + from + ") is after to (" + to + ")");
                } else if (periods != null && (from < periods.from() || to > periods.to())) {
                    errors.add(path + ": " + from + " to " + to + " is outside periods " + periods.from() + " to "
                            + periods.to() + "; a pool can only combine periods the job computes");
                } else {
                    out.add(new PoolSpec(from.intValue(), to.intValue()));
                }
            }
            return out;
        }

        private LocalDate dataHorizon(YamlSection top, PeriodsSpec periods) {
            String expected = "a date YYYY-MM-DD such as 2020-12-31";
            Object v = top.value("data_horizon", false, expected);
            if (v == null) {
                return null;
            }
            LocalDate d = null;
            if (v instanceof String s && DATE.matcher(s.trim()).matches()) {
                try {
                    d = LocalDate.parse(s.trim());
                } catch (DateTimeParseException e) {
                    d = null;
                }
            }
            if (d == null) {
                errors.add("data_horizon: expected " + expected + ", got " + Values.describe(v));
                return null;
            }
            if (periods != null && d.isBefore(LocalDate.of(periods.from(), 1, 1))) {
                errors.add("data_horizon: " + d + " is before the first period starts (" + periods.from()
                        + "-01-01); nothing would be observed");
                return null;
            }
            return d;
        }

        private PopulationSpec population(YamlSection top) {
            YamlSection s = top.section("population", false, POPULATION_KEYS);
            int min = DEFAULT_MIN_AGE;
            int max = DEFAULT_MAX_AGE;
            AgeReference ref = AgeReference.PEILDATUM;
            if (s == null) {
                return new PopulationSpec(min, max, ref);
            }
            String expected = "a list of two ages [youngest, oldest] such as [0, 22]";
            List<?> range = s.list("age_range", false, expected);
            if (range != null) {
                if (range.size() != 2) {
                    errors.add("population.age_range: expected " + expected + ", got a list of " + range.size()
                            + (range.size() == 1 ? " value" : " values"));
                } else {
                    Long lo = s.wholeValue("population.age_range[0]", range.get(0), "an age in whole years", 0, MAX_AGE);
                    Long hi = s.wholeValue("population.age_range[1]", range.get(1), "an age in whole years", 0, MAX_AGE);
                    if (lo != null && hi != null && lo > hi) {
                        errors.add("population.age_range: youngest age (" + lo + ") is above oldest age (" + hi + ")");
                    } else if (lo != null && hi != null) {
                        min = lo.intValue();
                        max = hi.intValue();
                    }
                }
            }
            String r = s.choice("age_reference", AGE_REFERENCES);
            if (r != null) {
                ref = r.equals("period_start") ? AgeReference.PERIOD_START : AgeReference.PEILDATUM;
            }
            return new PopulationSpec(min, max, ref);
        }

        private GeographySpec geography(YamlSection top) {
            GeographyBasis basis = GeographyBasis.RESIDENCE;
            List<GeoLevel> levels = List.of(GeoLevel.MUNICIPALITY, GeoLevel.REGION, GeoLevel.COUNTRY);
            List<String> regions = List.of();
            List<String> municipalities = List.of();
            // Shorthand of spec indicators.md: "geography: responsible" sets only the basis.
            if (top.map.get("geography") instanceof String shorthand) {
                String b = top.choiceValue("geography", shorthand, BASES);
                return new GeographySpec(b == null ? basis : basis(b), levels, regions, municipalities);
            }
            YamlSection s = top.section("geography", false, GEOGRAPHY_KEYS);
            if (s == null) {
                return new GeographySpec(basis, levels, regions, municipalities);
            }
            String b = s.choice("basis", BASES);
            if (b != null) {
                basis = basis(b);
            }
            List<?> rawLevels = s.list("levels", false, "a list of " + String.join(", ", LEVELS));
            if (rawLevels != null) {
                List<GeoLevel> given = new ArrayList<>();
                for (int i = 0; i < rawLevels.size(); i++) {
                    String l = s.choiceValue("geography.levels[" + i + "]", rawLevels.get(i), LEVELS);
                    if (l != null && given.contains(GeoLevel.parse(l))) {
                        errors.add("geography.levels[" + i + "]: '" + l + "' is listed twice");
                    } else if (l != null) {
                        given.add(GeoLevel.parse(l));
                    }
                }
                if (rawLevels.isEmpty()) {
                    errors.add("geography.levels: the list is empty; allowed: " + String.join(", ", LEVELS));
                }
                levels = given;
            }
            regions = codes(s, "regions", REGION, "a region code", "JZ followed by 2 digits, e.g. JZ29");
            municipalities = codes(s, "municipalities", MUNICIPALITY, "a municipality code",
                    "GM followed by 4 digits, e.g. GM0599");
            return new GeographySpec(basis, levels, regions, municipalities);
        }

        private static GeographyBasis basis(String b) {
            return b.equals("responsible") ? GeographyBasis.RESPONSIBLE : GeographyBasis.RESIDENCE;
        }

        private List<String> codes(YamlSection s, String key, Pattern pattern, String what, String form) {
            List<?> raw = s.list(key, false, "a list of codes, each " + form);
            List<String> out = new ArrayList<>();
            if (raw == null) {
                return out;
            }
            for (int i = 0; i < raw.size(); i++) {
                String path = s.at(key) + "[" + i + "]";
                Object v = raw.get(i);
                String code = v instanceof String str ? str.trim() : null;
                if (code == null || !pattern.matcher(code).matches()) {
                    errors.add(path + ": " + Values.show(v) + " is not " + what + "; expected " + form);
                } else if (out.contains(code)) {
                    errors.add(path + ": '" + code + "' is listed twice");
                } else {
                    out.add(code);
                }
            }
            return out;
        }

        private TrajectoriesSpec trajectories(YamlSection top) {
            YamlSection s = top.section("trajectories", false, TRAJECTORY_KEYS);
            Boolean merge = s == null ? null : s.bool("merge_overlapping");
            return new TrajectoriesSpec(merge == null || merge);
        }

        private List<TableSpec> tables(YamlSection top) {
            List<?> raw = top.list("tables", true, "a list of tables, each with at least indicator:");
            List<TableSpec> out = new ArrayList<>();
            if (raw == null) {
                return out;
            }
            if (raw.isEmpty()) {
                errors.add("tables: the list is empty; a job needs at least one table; indicators: "
                        + String.join(", ", catalog.names()));
            }
            Map<String, String> firstUse = new LinkedHashMap<>();
            for (int i = 0; i < raw.size(); i++) {
                String path = "tables[" + i + "]";
                if (!(raw.get(i) instanceof Map<?, ?> m)) {
                    errors.add(path + ": expected a table such as {indicator: " + first(catalog) + "}, got "
                            + Values.describe(raw.get(i)));
                    continue;
                }
                TableSpec t = table(new YamlSection(path, m, TABLE_KEYS, errors));
                if (t == null) {
                    continue;
                }
                String earlier = firstUse.putIfAbsent(t.name(), path);
                if (earlier != null) {
                    errors.add(path + ".name: '" + t.name() + "' is already used by " + earlier
                            + "; table names must be unique (set name: to tell them apart)");
                    continue;
                }
                out.add(t);
            }
            return out;
        }

        private static String first(IndicatorCatalog catalog) {
            return catalog.names().isEmpty() ? "..." : catalog.names().iterator().next();
        }

        private TableSpec table(YamlSection s) {
            String indicator = s.text("indicator", true, "an indicator name: " + String.join(", ", catalog.names()));
            if (indicator != null && !catalog.names().contains(indicator)) {
                errors.add(s.at("indicator") + ": unknown indicator '" + Values.oneLine(indicator) + "'; allowed: "
                        + String.join(", ", catalog.names()) + Suggest.hint(indicator, catalog.names()));
                indicator = null;
            }
            String name = s.text("name", false, "a table name of lowercase letters, digits, '_' and '-'");
            if (name != null && !TABLE_NAME.matcher(name).matches()) {
                errors.add(s.at("name") + ": " + Values.show(name) + " is not allowed; allowed: lowercase letters a-z,"
                        + " digits 0-9, '_' and '-', starting with a letter or digit");
                name = null;
            } else if (name == null && !s.has("name")) {
                name = indicator;
            }
            String chart = s.choice("chart", CHARTS);
            boolean chartOk = chart != null || !s.has("chart");
            Map<String, Object> options = indicator == null ? null : options(s, indicator);
            if (indicator == null || name == null || !chartOk || options == null) {
                return null;
            }
            return new TableSpec(indicator, name, chart == null ? Chart.AUTO : Chart.valueOf(chart.toUpperCase()),
                    options);
        }

        /** Checks the options a table sets against the catalog; defaults are left to the plan. */
        private Map<String, Object> options(YamlSection table, String indicator) {
            Map<String, OptionSpec> known = catalog.options(indicator);
            Map<String, Object> out = new LinkedHashMap<>();
            String path = table.at("options");
            Object raw = table.map.get("options");
            int before = errors.size();
            if (table.has("options") && raw != null && !(raw instanceof Map<?, ?>)) {
                errors.add(path + ": expected a mapping of option: value, got " + Values.describe(raw));
                return null;
            }
            Map<?, ?> given = raw instanceof Map<?, ?> m ? m : Map.of();
            if (table.has("options") && raw == null) {
                errors.add(path + ": no value given; expected a mapping of option: value (remove the key for defaults)");
            }
            List<String> names = new ArrayList<>(known.keySet());
            for (Map.Entry<?, ?> e : given.entrySet()) {
                String key = String.valueOf(e.getKey());
                OptionSpec spec = known.get(key);
                if (spec == null) {
                    errors.add("unknown option '" + Values.oneLine(key) + "' for indicator '" + indicator + "' in "
                            + path + "; allowed: " + (names.isEmpty() ? "none (this indicator has no options)"
                                    : String.join(", ", names)) + Suggest.hint(key, names));
                    continue;
                }
                Object value = spec.check(path + "." + key, e.getValue(), errors);
                if (value != null) {
                    out.put(key, value);
                }
            }
            known.forEach((key, spec) -> {
                if (spec.required() && !given.containsKey(key)) {
                    errors.add("missing required option '" + key + "' for indicator '" + indicator + "' in " + path
                            + "; allowed: " + spec.allowedText());
                }
            });
            return errors.size() == before ? out : null;
        }

        private DisclosureSpec disclosure(YamlSection top) {
            YamlSection s = top.section("disclosure", false, DISCLOSURE_KEYS);
            if (s == null) {
                return new DisclosureSpec(DEFAULT_PROFILE, OptionalInt.empty());
            }
            String profile = s.text("profile", false, "a profile name such as " + DEFAULT_PROFILE);
            if (profile != null && !PROFILE.matcher(profile).matches()) {
                errors.add("disclosure.profile: " + Values.show(profile) + " is not allowed; allowed: a profile name of"
                        + " lowercase letters a-z, digits 0-9 and '-', e.g. " + DEFAULT_PROFILE);
            }
            Long round = s.whole("round_to", false, "a whole number such as 5", JobContract.MIN_ROUND_TO,
                    JobContract.MAX_ROUND_TO);
            return new DisclosureSpec(profile == null ? DEFAULT_PROFILE : profile,
                    round == null ? OptionalInt.empty() : OptionalInt.of(round.intValue()));
        }
    }
}
