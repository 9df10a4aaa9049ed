package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionConfig;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * docs/job-schema.json, checked by a maintained JSON-Schema validator (networknt) on job files read as the parser
 * reads them: it accepts every shipped job and the docs' examples, rejects a misspelt key naming it, and agrees with
 * the job-file parser — an independent, hand-written check — on thousands of one-key changes to a job that sets
 * every key. Where they disagree the only allowed case is a parser check that compares two values
 * ({@link JobContract#CROSS_CHECKS}), which no schema can make.
 */
class JobSchemaTest {
    static final Path SCHEMA_FILE = Path.of("docs/job-schema.json");
    static final IndicatorCatalog CATALOG = new RegistryCatalog();
    static final Schema SCHEMA = load();

    /** The parser's messages for the checks of {@link JobContract#CROSS_CHECKS}, one marker each. */
    static final List<String> CROSS_CHECK_MESSAGES = List.of(" is after to (", " is outside periods ",
            " is before the first period starts", "youngest age (", "output and work are the same folder",
            "must not be inside", " is already used by ");

    static Schema load() {
        try {
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
            return registry.getSchema(Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8), InputFormat.JSON);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * What the validator says about a job file's text, format assertions on (as for {@code date}). The YAML is read
     * as the parser reads it (dates stay text) and handed over as JSON.
     */
    static List<String> schemaErrors(String yaml) {
        Object doc = new Yaml(new TextDates()).load(yaml);
        List<Error> errors = SCHEMA.validate(Json.write(doc), InputFormat.JSON, ctx ->
                ctx.setExecutionConfig(ExecutionConfig.builder().formatAssertionsEnabled(true).build()));
        return errors.stream().map(e -> e.getInstanceLocation() + " " + e.getMessage()).toList();
    }

    /** What the parser says: no errors when it builds a spec. */
    static List<String> parserErrors(String yaml) {
        try {
            JobSpecParser.parse(yaml, "(probe)", CATALOG, Path.of("/project"));
            return List.of();
        } catch (JobSpecException e) {
            return e.errors();
        }
    }

    /** SnakeYAML as the parser sets it up: a date such as 2020-12-31 stays text. */
    static final class TextDates extends SafeConstructor {
        TextDates() {
            super(new LoaderOptions());
            this.yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
        }
    }

    static List<Path> shippedJobs() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("jobs"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void theSchemaIsAValidDraft7Schema() {
        Schema meta = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"));
        List<Error> errors = meta.validate(SCHEMA_FILE.toFile().exists() ? read(SCHEMA_FILE) : "", InputFormat.JSON);
        assertEquals(List.of(), errors.stream().map(Error::getMessage).toList());
    }

    @Test
    void everyShippedJobAndEveryDocExampleValidates() throws Exception {
        List<Path> jobs = shippedJobs();
        assertFalse(jobs.isEmpty());
        for (Path job : jobs) {
            assertEquals(List.of(), schemaErrors(read(job)), job.toString());
        }
        for (String example : JobFilesDocTest.yamlBlocks()) {
            assertEquals(List.of(), schemaErrors(example), example);
        }
    }

    @Test
    void aMisspeltKeyIsRejectedWhereverItIs() throws Exception {
        String main = read(Path.of("jobs/rijnmond-haaglanden-wijkteam.yaml"));
        List<String> top = schemaErrors(main.replace("tables:", "tabels:"));
        assertTrue(top.stream().anyMatch(e -> e.contains("tabels")), top.toString());
        assertTrue(top.stream().anyMatch(e -> e.contains("tables")), "the required key is missed too: " + top);

        List<String> nested = schemaErrors(main.replace("granularity: year", "granularty: year"));
        assertTrue(nested.stream().anyMatch(e -> e.startsWith("/periods") && e.contains("granularty")), nested.toString());

        List<String> option = schemaErrors(main.replace("- indicator: wijkteam_share",
                "- indicator: concurrency\n    options: {concurency: overlap}"));
        assertTrue(option.stream().anyMatch(e -> e.contains("concurency")), option.toString());
        assertEquals(List.of(), schemaErrors(main.replace("- indicator: wijkteam_share",
                "- indicator: concurrency\n    options: {concurrency: overlap}")), "the right spelling passes");
    }

    // ---- the schema and the parser agree ------------------------------------------------------------------

    /** A job that sets every key of the contract, valid for both. */
    static Map<String, Object> fullJob() {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("name", "full-example");
        job.put("title", "Alle sleutels");
        job.put("input", "test-data/basic");
        job.put("output", "out/full-example");
        job.put("work", "work/full-example");
        job.put("classification_year", 2020);
        job.put("periods", map("from", 2015, "to", 2020, "granularity", "year"));
        job.put("pools", new ArrayList<>(List.of(map("from", 2016, "to", 2020))));
        job.put("data_horizon", "2020-12-31");
        job.put("population", map("age_range", List.of(0, 22), "age_reference", "peildatum"));
        job.put("geography", map("basis", "residence", "levels", List.of("municipality", "region", "country"),
                "regions", List.of("JZ29"), "municipalities", List.of("GM0599")));
        job.put("trajectories", map("merge_overlapping", true));
        job.put("tables", new ArrayList<>(List.of(map("indicator", "concurrency", "name", "samenloop", "chart", "auto",
                "options", map("concurrency", "overlap")))));
        job.put("disclosure", map("profile", "cbs-microdata", "round_to", 5));
        return job;
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /**
     * Values of every shape: blanks, text, codes, dates, numbers at and past each range's ends, lists, maps, and
     * every word the contract allows somewhere (a key's own words are probed against the other keys too).
     */
    static List<Object> probes() {
        List<Object> p = new ArrayList<>(Arrays.asList(null, "", " ", "x", "JZ29", "-a", "month", "2020-12-31",
                "2020-02-30", "20201231", 0, 1, -1, 22, 121, 1000, 1001, 2014, 2015, 2025, 2026, 2099, 2100, 3.5, true,
                List.of(), List.of("x"), List.of(0, 22), List.of(22, 0), List.of(0, 22, 5), List.of(-1, 22),
                List.of(0, 121), List.of("municipality", "municipality"), List.of("JZ29"), List.of("JZ29", "JZ29"),
                List.of("JZ2"), List.of("GM0599"), List.of("GM599"), Map.of(), Map.of("x", 1),
                map("from", 2016, "to", 2018), List.of(map("from", 2016, "to", 2018)),
                List.of(map("from", 2014, "to", 2018)), List.of(map("indicator", "wijkteam_share"))));
        for (List<String> words : List.of(JobContract.GRANULARITIES, JobContract.AGE_REFERENCES, JobContract.BASES,
                JobContract.LEVELS, JobContract.CHARTS, List.copyOf(CATALOG.names()))) {
            p.addAll(words);
        }
        return p.stream().distinct().toList();
    }

    /** For options: every shape an option type takes or refuses, and the option's own words (see the callers). */
    static List<Object> optionProbes() {
        return Arrays.asList(null, "", "x", "period", 0, 1, -1, 2, 3, 100, 101, 3.5, -0.5, true, List.of(),
                List.of("x"), List.of(1), List.of("MET_VERBLIJF"), List.of("WIJKTEAM"), Map.of(), Map.of("x", 1),
                Map.of("rijnmond", List.of("GM0599")), Map.of("a", List.of(1)), Map.of("a", List.of(-1)),
                Map.of("a", List.of("")));
    }

    /** Where each section's keys sit in {@link #fullJob()}: a path of map keys and list positions. */
    static final Map<JobContract.Section, List<Object>> WHERE = Map.of(
            JobContract.TOP, List.of(), JobContract.PERIODS, List.of("periods"), JobContract.POOL, List.of("pools", 0),
            JobContract.POPULATION, List.of("population"), JobContract.GEOGRAPHY, List.of("geography"),
            JobContract.TRAJECTORIES, List.of("trajectories"), JobContract.TABLE, List.of("tables", 0),
            JobContract.DISCLOSURE, List.of("disclosure"));

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> job, List<Object> path) {
        Object here = job;
        for (Object step : path) {
            here = step instanceof Integer i ? ((List<Object>) here).get(i) : ((Map<String, Object>) here).get(step);
        }
        return (Map<String, Object>) here;
    }

    static final Object REMOVE = new Object();

    /** The full job with {@code key} of the mapping at {@code path} set to {@code value} (or removed), as YAML. */
    static String change(List<Object> path, String key, Object value) {
        Map<String, Object> job = deepCopy(fullJob());
        Map<String, Object> section = at(job, path);
        if (value == REMOVE) {
            section.remove(key);
        } else {
            section.put(key, value);
        }
        return yaml(job);
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, deepCopy(x)));
            return (T) out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(deepCopy(x)));
            return (T) out;
        }
        return v;
    }

    /** A document as job-file text: JSON, which is YAML too (and fast to write), texts always quoted. */
    static String yaml(Object doc) {
        return Json.write(doc);
    }

    /** Agreement on one job text; a disagreement is described, agreement gives null. */
    static String disagreement(String what, String yaml) {
        return disagreement(what, parserErrors(yaml), schemaErrors(yaml));
    }

    static String disagreement(String what, List<String> parser, List<String> schema) {
        if (parser.isEmpty() == schema.isEmpty()) {
            return null;
        }
        boolean crossOnly = !parser.isEmpty()
                && parser.stream().allMatch(e -> CROSS_CHECK_MESSAGES.stream().anyMatch(e::contains));
        if (crossOnly) {
            return null;
        }
        return what + ": parser " + (parser.isEmpty() ? "accepts" : "rejects " + parser) + ", schema "
                + (schema.isEmpty() ? "accepts" : "rejects " + schema);
    }

    @Test
    void theFullJobIsValidForBoth() {
        String yaml = yaml(fullJob());
        assertEquals(List.of(), parserErrors(yaml));
        assertEquals(List.of(), schemaErrors(yaml));
    }

    @Test
    void schemaAndParserAgreeOnEveryOneKeyChange() {
        List<String> problems = new ArrayList<>();
        int cases = 0;
        int rejected = 0;
        List<Object> probes = probes();
        for (JobContract.Section section : JobContract.SECTIONS) {
            List<Object> path = WHERE.get(section);
            String where = section.path().isEmpty() ? "" : section.path() + ".";
            for (JobContract.Key key : section.keys()) {
                List<Object> values = new ArrayList<>(probes);
                values.add(REMOVE);
                for (Object v : values) {
                    String yaml = change(path, key.name(), v);
                    List<String> parser = parserErrors(yaml);
                    String d = disagreement(where + key.name() + " = " + (v == REMOVE ? "(removed)" : v), parser,
                            schemaErrors(yaml));
                    cases++;
                    rejected += parser.isEmpty() ? 0 : 1;
                    if (d != null) {
                        problems.add(d);
                    }
                }
            }
            // A misspelt key next to the real ones.
            String typo = section.keys().get(0).name() + "x";
            String d = disagreement(where + typo, change(path, typo, 1));
            cases++;
            if (d != null) {
                problems.add(d);
            }
        }
        // The whole document: not a mapping.
        for (Object v : List.of("x", List.of(), 5)) {
            String d = disagreement("document " + v, yaml(v));
            cases++;
            if (d != null) {
                problems.add(d);
            }
        }
        assertEquals(List.of(), problems, problems.size() + " of " + cases + " cases disagree");
        // The probes reach both sides of the line: most are rejected, many accepted.
        assertTrue(rejected > cases / 2 && rejected < cases - 200, rejected + " of " + cases + " rejected");
    }

    @Test
    void schemaAndParserAgreeOnEveryIndicatorOption() {
        List<String> problems = new ArrayList<>();
        int cases = 0;
        List<Object> probes = optionProbes();
        for (String indicator : CATALOG.names()) {
            List<String> keys = new ArrayList<>(CATALOG.options(indicator).keySet());
            keys.add("concurency");
            for (String option : keys) {
                List<Object> values = new ArrayList<>(probes);
                OptionSpec spec = CATALOG.options(indicator).get(option);
                if (spec != null && spec.type() == OptionSpec.Type.CODES) {
                    spec.allowed().forEach(a -> values.add(List.of(a)));
                } else if (spec != null) {
                    values.addAll(spec.allowed());
                }
                for (Object v : values) {
                    Map<String, Object> table = new LinkedHashMap<>();
                    table.put("indicator", indicator);
                    table.put("options", map(option, v));
                    String yaml = change(List.of(), "tables", List.of(table));
                    String d = disagreement(indicator + ".options." + option + " = " + v, yaml);
                    cases++;
                    if (d != null) {
                        problems.add(d);
                    }
                }
            }
            String d = disagreement(indicator + " without options",
                    change(List.of(), "tables", List.of(map("indicator", indicator))));
            cases++;
            if (d != null) {
                problems.add(d);
            }
        }
        assertEquals(List.of(), problems, problems.size() + " of " + cases + " cases disagree");
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
