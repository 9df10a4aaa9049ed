package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** docs/job-files.md stays true: its examples parse and it documents every key the parser accepts. */
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
}
