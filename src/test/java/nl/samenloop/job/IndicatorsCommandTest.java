package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code samenloop indicators}: the catalog a user chooses from, without misspelling one to find it. */
class IndicatorsCommandTest {

    @Test
    void listsAllSevenIndicatorsInSpecOrderWithEveryOption() {
        CliRun r = CliRun.run("indicators");
        assertEquals(Cli.OK, r.code(), r.err());
        List<String> headers = r.out().lines().filter(l -> l.matches("I\\d  \\S+ — .+")).toList();
        assertEquals(List.of("I1  wijkteam_share", "I2  care_share", "I3  concurrency", "I4  followup", "I5  referral",
                "I6  group_comparison", "I7  quality"), headers.stream().map(h -> h.substring(0, h.indexOf(" — "))).toList());
        IndicatorCatalog catalog = new RegistryCatalog();
        for (String name : catalog.names()) {
            String section = section(r.out(), name);
            if (catalog.options(name).isEmpty()) {
                assertTrue(section.contains("no options"), name);
            }
            for (String option : catalog.options(name).keySet()) {
                assertTrue(section.lines().anyMatch(l -> l.startsWith("    " + option + " ")), name + "." + option);
            }
        }
        // Values a user has to type, with the default, from the registry (spec indicators.md I3).
        String concurrency = section(r.out(), "concurrency");
        assertTrue(concurrency.contains("concurrency  period, overlap"), concurrency);
        assertTrue(concurrency.contains("default period;"), concurrency);
        assertTrue(section(r.out(), "group_comparison").contains("min_share            numbers 0 to 100"));
    }

    /** The lines from an indicator's header to the next blank line. */
    static String section(String out, String name) {
        List<String> lines = out.lines().toList();
        int start = 0;
        while (!lines.get(start).matches("I\\d  " + name + " — .+")) {
            start++;
        }
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).isEmpty()) {
            end++;
        }
        return String.join("\n", lines.subList(start, end));
    }

    @Test
    void oneIndicatorByName() {
        CliRun r = CliRun.run("indicators", "referral");
        assertEquals(Cli.OK, r.code());
        assertTrue(r.out().startsWith("I5  referral — "), r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("I1")), r.out());
    }

    @Test
    void aMisspeltNameGivesOneLineAndASuggestion() {
        CliRun r = CliRun.run("indicators", "concurency");
        assertEquals(Cli.USAGE, r.code());
        assertEquals(List.of("samenloop: unknown indicator 'concurency'; allowed: wijkteam_share, care_share, concurrency,"
                + " followup, referral, group_comparison, quality; did you mean 'concurrency'?"), r.err().lines().toList());
    }

    @Test
    void schemaIsTheCommittedOne() throws Exception {
        CliRun r = CliRun.run("indicators", "--schema");
        assertEquals(Cli.OK, r.code());
        assertEquals(Files.readString(Path.of("docs/job-schema.json"), StandardCharsets.UTF_8), r.out());
    }
}
