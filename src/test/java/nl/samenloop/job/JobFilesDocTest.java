package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * docs/job-files.md stays true: its examples parse, it documents every key the parser accepts, and its sample
 * messages are what the parser says.
 */
class JobFilesDocTest {
    static final Path DOC = Path.of("docs/job-files.md");

    static List<String> yamlBlocks() throws Exception {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : Files.readAllLines(DOC)) {
            if (line.equals("```yaml")) {
                current = new StringBuilder();
            } else if (line.equals("```") && current != null) {
                blocks.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return blocks;
    }

    @Test
    void theExamplesParse() throws Exception {
        List<String> blocks = yamlBlocks();
        assertEquals(2, blocks.size());
        assertEquals(JobSpecParserTest.parse(JobSpecParserTest.EXAMPLE), JobSpecParserTest.parse(blocks.get(0)),
                "the doc example is the one the tests check field by field");
        assertEquals("wijkteam-2019", JobSpecParserTest.parse(blocks.get(1)).name());
    }

    @Test
    void everyKeyIsDocumented() throws Exception {
        String doc = Files.readString(DOC);
        Stream.of(JobSpecParser.TOP_KEYS, JobSpecParser.PERIOD_KEYS, JobSpecParser.POOL_KEYS,
                JobSpecParser.POPULATION_KEYS, JobSpecParser.GEOGRAPHY_KEYS, JobSpecParser.TRAJECTORY_KEYS,
                JobSpecParser.TABLE_KEYS, JobSpecParser.DISCLOSURE_KEYS)
                .flatMap(List::stream)
                .forEach(k -> assertTrue(doc.contains("`" + k + "`"), "docs/job-files.md does not mention `" + k + "`"));
        for (List<String> values : List.of(JobSpecParser.GRANULARITIES, JobSpecParser.AGE_REFERENCES,
                JobSpecParser.BASES, JobSpecParser.LEVELS, JobSpecParser.CHARTS)) {
            values.forEach(v -> assertTrue(doc.contains("`" + v + "`"), "docs/job-files.md does not mention `" + v + "`"));
        }
    }

    /** The lines of the doc's block of sample messages. */
    static List<String> sampleMessages() throws Exception {
        List<String> lines = Files.readAllLines(DOC);
        int start = lines.indexOf("## Mistakes and their messages");
        int open = lines.subList(start, lines.size()).indexOf("```") + start;
        int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
        return lines.subList(open + 1, close);
    }

    static final String SHORT = """
            name: wijkteam-2019
            input: test-data/basic
            classification_year: 2019
            periods: {from: 2018, to: 2019}
            tables: [{indicator: wijkteam_share}]
            """;

    /** Each sample message, from a job with that one mistake, parsed against the real indicator registry. */
    @Test
    void theSampleMessagesAreWhatTheParserSays() throws Exception {
        java.util.Map<String, String> jobs = new java.util.LinkedHashMap<>();
        jobs.put("unknown key 'tabels'", SHORT.replace("tables:", "tabels:"));
        jobs.put("periods.granularity", SHORT.replace("to: 2019}", "to: 2019, granularity: month}"));
        jobs.put("periods: from", SHORT.replace("{from: 2018, to: 2019}", "{from: 2020, to: 2018}"));
        jobs.put("pools[0]", SHORT.replace("{from: 2018, to: 2019}", "{from: 2016, to: 2020}")
                + "pools: [{from: 2015, to: 2020}]\n");
        jobs.put("missing required key 'input'", SHORT.replace("input: test-data/basic\n", ""));
        jobs.put("tables[0].indicator", SHORT.replace("wijkteam_share", "concurency"));
        jobs.put("unknown option", SHORT.replace("{indicator: wijkteam_share}",
                "{indicator: concurrency, options: {concurency: overlap}}"));
        jobs.put("tables[2].name", SHORT.replace("[{indicator: wijkteam_share}]",
                "[{indicator: concurrency}, {indicator: followup}, {indicator: concurrency}]"));
        jobs.put("geography.regions[1]", SHORT + "geography: {regions: [JZ29, JZ2]}\n");
        jobs.put("geography.municipalities[0]", SHORT + "geography: {municipalities: [GM599]}\n");
        jobs.put("job file is not valid YAML", SHORT + "tables: [\n");
        List<String> sample = sampleMessages();
        assertEquals(jobs.size(), sample.size(), "one job per sample message");
        for (String message : sample) {
            String key = jobs.keySet().stream().filter(message::startsWith).findFirst()
                    .orElseThrow(() -> new AssertionError("no job makes the sample message " + message));
            List<String> said;
            try {
                JobSpecParser.parse(jobs.get(key), "(doc)", new RegistryCatalog(), Path.of("/project"));
                throw new AssertionError("the job for '" + key + "' parsed without a problem");
            } catch (JobSpecException e) {
                said = e.errors();
            }
            if (message.endsWith("...")) {
                String prefix = message.substring(0, message.length() - 3);
                assertTrue(said.stream().anyMatch(m -> m.startsWith(prefix)), message + " vs " + said);
            } else {
                assertTrue(said.contains(message), "the doc says\n  " + message + "\nthe parser says\n  " + said);
            }
        }
    }
}
