package nl.samenloop.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import nl.samenloop.job.Plan.ResolvedTable;
import nl.samenloop.job.Plan.Stage;
import nl.samenloop.job.Plan.StageKind;

class PlanTest {
    static final IndicatorCatalog CATALOG = TestCatalog.get();

    static Plan examplePlan() throws JobSpecException {
        return Plan.compile(JobSpecParserTest.parse(JobSpecParserTest.EXAMPLE), CATALOG);
    }

    @Test
    void stagesRunIngestLinkOneIndicatorPerTableDisclosurePublish() throws Exception {
        Plan plan = examplePlan();
        assertEquals(List.of("ingest", "link", "indicator wijkteam-share", "indicator concurrency", "disclosure",
                "publish"), plan.stages().stream().map(Stage::name).toList());
        assertEquals(List.of(StageKind.INGEST, StageKind.LINK, StageKind.INDICATOR, StageKind.INDICATOR,
                StageKind.DISCLOSURE, StageKind.PUBLISH), plan.stages().stream().map(Stage::kind).toList());
    }

    @Test
    void eachStageReadsOnlyWhatAnEarlierStageWrote() throws Exception {
        Plan plan = examplePlan();
        Set<String> written = new java.util.HashSet<>();
        written.add("input:/project/test-data/basic");
        for (Stage s : plan.stages()) {
            for (String r : s.reads()) {
                // The release register is read as an outside source, like the input.
                assertTrue(written.contains(r) || r.startsWith("register:"), s.name() + " reads " + r
                        + " that nothing before it writes");
            }
            written.addAll(s.writes());
        }
        assertTrue(plan.stages().stream().flatMap(s -> s.reads().stream()).noneMatch(r -> r.startsWith("out:")),
                "nothing reads back from the publication package");
    }

    @Test
    void optionsAreResolvedWithDefaultsFilledIn() throws Exception {
        Plan plan = examplePlan();
        ResolvedTable share = plan.tables().get(0);
        assertEquals(Map.of(), share.options());
        ResolvedTable concurrency = plan.tables().get(1);
        assertEquals(Map.of("concurrency", "overlap",
                "other_kinds", List.of("OVERIG_ZONDER_VERBLIJF", "MET_VERBLIJF", "JEUGDBESCHERMING", "JEUGDRECLASSERING")),
                concurrency.options());
        assertEquals(Set.of("other_kinds"), concurrency.defaulted());
        // Defaults come back in the normalised types of checked values: INTEGER → Long, NUMBER → Double.
        JobSpec follow = JobSpecParserTest.parse(JobSpecErrorsTest.tables(
                "[{indicator: follow_up}, {indicator: group_comparison, options: {compare: youth_share}}]"));
        Plan p = Plan.compile(follow, CATALOG);
        assertEquals(Map.of("new_wijkteam_counts", false, "window_days", 365L), p.tables().get(0).options());
        assertEquals(Map.of("compare", "youth_share", "min_share", 50.0), p.tables().get(1).options());
    }

    @Test
    void describeShowsTheKeyLinesOfTheExample() throws Exception {
        String text = examplePlan().describe();
        List<String> lines = List.of(text.split("\n"));
        for (String expected : List.of(
                "Plan for job rijnmond-haaglanden-wijkteam — Aandeel wijkteamtrajecten Rijnmond en Haaglanden",
                "  input:  /project/test-data/basic",
                "  work:   /project/work/rijnmond-haaglanden-wijkteam  (secure working area; never published)",
                "  out:    /project/out/rijnmond-haaglanden-wijkteam  (publication package)",
                "1. ingest",
                "   reads:  input:/project/test-data/basic",
                "   writes: work:staging/JGDHULPBUS, work:staging/JGDBESCHERMBUS, work:staging/JGDRECLASSERINGBUS,"
                        + " work:staging/GBAPERSOONTAB, work:staging/GBAADRESOBJECTBUS, work:staging/VSLGWBTAB,"
                        + " work:rejects/<table>, work:quality",
                "2. link",
                "   classification_year: 2020",
                "   periods:             2015JJ00 .. 2020JJ00 (6 × year)",
                "   pools:               2016JJ00-2020JJ00",
                "   data_horizon:        2020-12-31 (stated in the job)",
                "   age_range:           0 to 22",
                "   age_reference:       peildatum",
                "   geography.basis:     residence",
                "   merge_overlapping:   true",
                "3. indicator wijkteam-share",
                "   writes: work:cells/wijkteam-share",
                "   indicator: wijkteam_share",
                "   levels:    municipality, region, country",
                "4. indicator concurrency",
                "   options.concurrency: overlap",
                "   options.other_kinds: [OVERIG_ZONDER_VERBLIJF, MET_VERBLIJF, JEUGDBESCHERMING, JEUGDRECLASSERING] (default)",
                "5. disclosure",
                "   reads:  work:cells/wijkteam-share, work:cells/concurrency, register:earlier releases of the same data",
                "   profile:  cbs-microdata",
                "   round_to: as the profile says (default)",
                "6. publish",
                "   records the release in: the release register (docs/releases.md)",
                "   regions:                JZ29, JZ24",
                "   municipalities:         GM0599",
                "   chart wijkteam-share:   auto")) {
            assertTrue(lines.contains(expected), "missing line: " + expected + "\n--- got:\n" + text);
        }
        assertEquals(text, examplePlan().describe(), "the same job describes the same way");
    }

    @Test
    void defaultsAreShownAsDefaults() throws Exception {
        Plan plan = Plan.compile(JobSpecParserTest.parse(JobSpecErrorsTest.VALID), CATALOG);
        String text = plan.describe();
        assertTrue(text.contains("   data_horizon:        derived from the data (default)\n"), text);
        assertTrue(text.contains("   pools:               none\n"), text);
        assertTrue(text.contains("   options.concurrency: period (default)\n"), text);
        assertTrue(text.contains("   regions:                all\n"), text);
        assertTrue(text.startsWith("Plan for job j\n"), text);
    }
}
