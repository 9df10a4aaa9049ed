package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import nl.samenloop.indicators.Indicators;

/**
 * docs/job-files.md's key and option tables and docs/job-schema.json are what the contract and the indicator
 * registry make now. When this fails after a change to a key or an option, regenerate them:
 * {@code mvn -q -o test -Dtest=JobContractFilesTest -Dsamenloop.regenerate=true}, and read the diff.
 */
class JobContractFilesTest {
    static final Path DOCS = Path.of("docs");
    static final String HOW = "; regenerate with: mvn -q -o test -Dtest=JobContractFilesTest -Dsamenloop.regenerate=true";
    static final IndicatorCatalog CATALOG = new RegistryCatalog();
    static final Function<String, String> CODE = n -> Indicators.get(n).code();

    @Test
    void docsTablesAndSchemaAreWhatTheContractMakes() throws Exception {
        if (Boolean.getBoolean("samenloop.regenerate")) {
            ContractDocs.write(DOCS, CATALOG, CODE);
        }
        String md = Files.readString(DOCS.resolve("job-files.md"), StandardCharsets.UTF_8);
        assertEquals(ContractDocs.update(md, CATALOG, CODE), md, "docs/job-files.md is stale" + HOW);
        assertEquals(JobSchema.json(CATALOG), Files.readString(DOCS.resolve("job-schema.json"), StandardCharsets.UTF_8),
                "docs/job-schema.json is stale" + HOW);
    }

    @Test
    void everySectionHasItsTableInTheDocs() throws Exception {
        List<String> expected = new ArrayList<>();
        for (JobContract.Section s : JobContract.SECTIONS) {
            expected.add(ContractDocs.id(s));
        }
        expected.add("indicators");
        expected.add("cross-checks");
        List<String> found = ContractDocs.blockIds(Files.readString(DOCS.resolve("job-files.md")));
        assertEquals(expected.stream().sorted().toList(), found.stream().sorted().toList());
    }

    /** The generated option table lists every registered indicator, and each of its options, once. */
    @Test
    void theOptionTableNamesEveryIndicatorAndOption() {
        String table = ContractDocs.indicatorTable(CATALOG, CODE);
        assertEquals(7, CATALOG.names().size(), "spec indicators.md defines I1..I7");
        for (String name : CATALOG.names()) {
            assertEquals(1, table.lines().filter(l -> l.startsWith("| `" + name + "` | " + CODE.apply(name) + " |")).count(), name);
            for (String option : CATALOG.options(name).keySet()) {
                assertTrue(table.contains("| `" + option + "` |"), name + "." + option);
            }
        }
        // One row per option, one per indicator without options, plus the two header lines.
        long rows = CATALOG.names().stream().mapToLong(n -> Math.max(1, CATALOG.options(n).size())).sum();
        assertEquals(rows + 2, table.lines().count());
    }
}
