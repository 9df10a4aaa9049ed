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
                "   writes: work:cells/rijnmond-haaglanden-wijkteam/wijkteam-share",
                "   indicator: wijkteam_share",
                "   levels:    municipality, region, country",
                "4. indicator concurrency",
                "   options.concurrency: overlap",
                "   options.other_kinds: [OVERIG_ZONDER_VERBLIJF, MET_VERBLIJF, JEUGDBESCHERMING, JEUGDRECLASSERING] (default)",
                "5. disclosure",
                "   reads:  work:cells/rijnmond-haaglanden-wijkteam/wijkteam-share,"
                        + " work:cells/rijnmond-haaglanden-wijkteam/concurrency, register:earlier releases of the same data",
                "   writes: work:protected/rijnmond-haaglanden-wijkteam",
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

    /** The disclosure stage says what "as the profile says" is: the profile's rules, the job's round_to applied. */
    @Test
    void thePlanShowsTheProfilesRules() throws Exception {
        JobSpec job = JobSpecParserTest.parse(JobSpecErrorsTest.VALID);
        Stage cbs = Plan.compile(job, CATALOG, nl.samenloop.disclosure.Profile.cbsMicrodata()).stage("disclosure").orElseThrow();
        assertEquals("10", cbs.settings().get("threshold (minimum distinct persons)"));
        assertEquals("unsafe", cbs.settings().get("zero cells"));
        assertEquals("off", cbs.settings().get("complement rule"));
        assertEquals("off", cbs.settings().get("rounding"));
        assertEquals("suppress", cbs.settings().get("differencing against earlier releases (ledger_check)"));
        assertEquals("10", cbs.settings().get("audit (narrowest interval of a suppressed count)"));

        JobSpec rounded = JobSpecParserTest.parse(JobSpecErrorsTest.VALID + "disclosure: {round_to: 5}\n");
        nl.samenloop.disclosure.Profile lenient = new nl.samenloop.disclosure.Profile("eigen", 15, true, true, null, false,
                null);
        Stage own = Plan.compile(rounded, CATALOG, lenient).stage("disclosure").orElseThrow();
        assertEquals("15", own.settings().get("threshold (minimum distinct persons)"));
        assertEquals("safe", own.settings().get("zero cells"));
        assertEquals("on", own.settings().get("complement rule"));
        assertEquals("to multiples of 5", own.settings().get("rounding"), "the job's round_to wins");
        assertEquals("off", own.settings().get("differencing against earlier releases (ledger_check)"));
        assertTrue(Plan.compile(rounded, CATALOG, lenient).describe().contains("   zero cells:"));
        // Without a profile (no conf/ at hand) the stage says only what the job says.
        assertEquals(Set.of("profile", "round_to"), Plan.compile(job, CATALOG).stage("disclosure").orElseThrow()
                .settings().keySet());
    }

    @Test
    void samenloopPlanPrintsTheRulesOfTheShippedProfile() {
        CliRun r = CliRun.run("plan", "jobs/rijnmond-haaglanden-wijkteam.yaml");
        assertEquals(Cli.OK, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        int disclosure = lines.indexOf("4. disclosure");
        assertTrue(disclosure > 0, r.out());
        // conf/disclosure/cbs-microdata.yaml: threshold 10, zeros unsafe, no rounding, ledger suppresses.
        List<String> after = lines.subList(disclosure, lines.size());
        for (String expected : List.of("threshold (minimum distinct persons):", "zero cells:", "rounding:",
                "differencing against earlier releases (ledger_check):")) {
            assertTrue(after.stream().anyMatch(l -> l.trim().startsWith(expected)), expected + " in\n" + r.out());
        }
        assertTrue(after.stream().anyMatch(l -> l.matches("\\s+threshold \\(minimum distinct persons\\):\\s+10")), r.out());
        assertTrue(after.stream().anyMatch(l -> l.matches("\\s+zero cells:\\s+unsafe")), r.out());
    }

    @Test
    void anUnknownProfileStopsThePlanWithOneLine() throws Exception {
        java.nio.file.Path job = java.nio.file.Files.createTempFile("profile", ".yaml");
        java.nio.file.Files.writeString(job, JobSpecErrorsTest.VALID.replace("input: d", "input: test-data/basic")
                .replace("concurrency", "wijkteam_share") + "disclosure: {profile: streng}\n");
        CliRun r = CliRun.run("plan", job.toString());
        assertEquals(Cli.USAGE, r.code(), r.out());
        List<String> err = r.err().lines().toList();
        assertEquals(1, err.size(), r.err());
        assertTrue(err.get(0).startsWith("samenloop: disclosure profile 'streng' not found: "), err.get(0));
        assertTrue(err.get(0).endsWith("; available: cbs-microdata"), err.get(0));
    }
}
